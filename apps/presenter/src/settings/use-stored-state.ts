// A piece of state remembered in this browser (localStorage), such as the layout, the divider position
// or the terminal font size. Storage can be blocked (private modes, some embeds): then it is plain state.
import { useCallback, useState } from 'react';
import { readStored, writeStored } from './stored';

export function useStoredState<T>(
  key: string,
  fallback: T,
  valid: (value: unknown) => value is T,
): [T, (next: T | ((current: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => readStored(key, fallback, valid));
  const update = useCallback(
    (next: T | ((current: T) => T)) => {
      setValue((current) => {
        const resolved = typeof next === 'function' ? (next as (current: T) => T)(current) : next;
        writeStored(key, resolved);
        return resolved;
      });
    },
    [key],
  );
  return [value, update];
}
