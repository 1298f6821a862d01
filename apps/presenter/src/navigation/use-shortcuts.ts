// Turns key presses into commands. Keys typed into the terminal (or any text field) never reach it, so
// typing in the shell never moves slides. Digits collect a slide number that Enter jumps to.
import { useEffect, useRef } from 'react';
import { commandFor, type Command } from './shortcuts';

/** A typed number is forgotten after this pause, so a stray digit does not linger. */
const NUMBER_TIMEOUT_MS = 2_000;

export interface ShortcutHandlers {
  command(command: Command): void;
  jump(slide: number): void;
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    let digits = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('.terminal-pane, input, textarea, select, [contenteditable="true"]')) {
        if (event.key !== 'Escape') return;
      }
      if (/^[0-9]$/.test(event.key)) {
        digits = (digits + event.key).slice(-4);
        clearTimeout(timer);
        timer = setTimeout(() => (digits = ''), NUMBER_TIMEOUT_MS);
        event.preventDefault();
        return;
      }
      if (event.key === 'Enter' && digits) {
        latest.current.jump(Number(digits));
        digits = '';
        event.preventDefault();
        return;
      }
      // Space and Enter on a focused button press the button; they are not slide commands there.
      if ((event.key === ' ' || event.key === 'Enter') && target?.closest('button, a, summary, [role="button"]')) return;
      const command = commandFor(event.key);
      if (!command) return;
      event.preventDefault();
      latest.current.command(command);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(timer);
    };
  }, []);
}
