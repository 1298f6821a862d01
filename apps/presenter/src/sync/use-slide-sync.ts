// Keeps the slide in step with the other views of the deck. A change made here (keys, clicks, Back)
// is sent; a change received is applied without being sent back. A view that opens says hello and
// follows the answer, so a new audience screen joins on the presenter's slide; it says hello again
// whenever its server connection comes back.
import { useEffect, useRef } from 'react';
import { navigate, type View } from '../route';
import type { SyncChannel } from './sync-channel';

export function useSlideSync(sync: SyncChannel, deck: string, slide: number, view: View): void {
  const known = useRef(slide);
  const current = useRef({ slide, view });
  useEffect(() => {
    current.current = { slide, view };
  });

  useEffect(() => {
    if (slide === known.current) return;
    known.current = slide;
    sync.send({ type: 'slide', deck, slide });
  }, [sync, deck, slide]);

  useEffect(() => {
    const off = sync.onMessage((message) => {
      if (message.deck !== deck) return;
      // The answer goes to the view that asked only: views that merely disagree never swap slides.
      if (message.type === 'hello') sync.send({ type: 'slide', deck, slide: current.current.slide, to: message.from });
      else if (message.type === 'slide' && message.slide !== current.current.slide) {
        known.current = message.slide;
        navigate({ deck, slide: message.slide, view: current.current.view }, { replace: true });
      }
    });
    // With its slide: the server learns where the trainer is for the followers (follow/).
    const hello = (): void => sync.send({ type: 'hello', deck, slide: current.current.slide });
    hello();
    const offConnect = sync.onConnect(hello);
    return () => {
      off();
      offConnect();
    };
  }, [sync, deck]);
}
