// The audience view's layout: slide only, slide beside terminal, or terminal maximised. Remembered in
// the browser and shared with the other views of the deck, so the presenter can show or hide the
// terminal on the projector.
import { useCallback, useEffect } from 'react';
import { LAYOUT_NAMES, type LayoutName } from '@deckhand/protocol';
import type { SyncChannel } from '../sync/sync-channel';
import { LAYOUT_SETTING } from '../settings/stored';
import { useStoredState } from '../settings/use-stored-state';

const isLayout = (value: unknown): value is LayoutName => LAYOUT_NAMES.includes(value as LayoutName);

export function useLayout(sync: SyncChannel, deck: string): [LayoutName, (layout: LayoutName) => void] {
  const [layout, setStored] = useStoredState<LayoutName>(LAYOUT_SETTING, 'split', isLayout);

  const setLayout = useCallback(
    (next: LayoutName) => {
      setStored(next);
      sync.send({ type: 'layout', deck, layout: next });
    },
    [setStored, sync, deck],
  );

  useEffect(
    () =>
      sync.onMessage((message) => {
        if (message.deck === deck && message.type === 'layout' && isLayout(message.layout)) setStored(message.layout);
      }),
    [sync, deck, setStored],
  );

  return [layout, setLayout];
}
