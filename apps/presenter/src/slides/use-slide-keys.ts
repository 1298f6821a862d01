// Keyboard navigation between slides. Keys typed into the terminal (or any text field) never move slides.
import { useEffect } from 'react';

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

export function useSlideKeys(go: (target: (current: number, total: number) => number) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('.terminal-pane, input, textarea, select, [contenteditable="true"]')) return;
      if (NEXT.has(event.key)) go((current) => current + 1);
      else if (PREVIOUS.has(event.key)) go((current) => current - 1);
      else if (event.key === 'Home') go(() => 1);
      else if (event.key === 'End') go((_current, total) => total);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
}
