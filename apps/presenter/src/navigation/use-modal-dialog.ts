// A <dialog> shown as a modal while its component is on screen: focus goes back to what had it
// before when it closes. The help (?) and the reader's course search use it.
import { useEffect, useRef } from 'react';

export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement as HTMLElement | null;
    element.showModal();
    return () => {
      element.close();
      opener?.focus?.();
    };
  }, []);
  return dialog;
}
