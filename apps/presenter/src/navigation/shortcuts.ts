// Every keyboard shortcut of the slide views, in one table: the key handler reads it and the `?` help
// lists it, so the two never disagree.
export type Command =
  | 'next'
  | 'previous'
  | 'scroll-down'
  | 'scroll-up'
  | 'first'
  | 'last'
  | 'overview'
  | 'presenter'
  | 'fullscreen'
  | 'terminal'
  | 'maximise-terminal'
  | 'run'
  | 'font-larger'
  | 'font-smaller'
  | 'help'
  | 'search'
  | 'close';

export interface Shortcut {
  keys: string[];
  /** How the keys are shown in the help. */
  label: string;
  command: Command;
  description: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['ArrowRight', 'PageDown', ' '], label: '→ Space PgDn', command: 'next', description: 'Next slide' },
  { keys: ['ArrowLeft', 'PageUp'], label: '← PgUp', command: 'previous', description: 'Previous slide' },
  { keys: ['ArrowDown'], label: '↓', command: 'scroll-down', description: 'Next slide; on a slide taller than the screen (opened tips), scroll down first' },
  { keys: ['ArrowUp'], label: '↑', command: 'scroll-up', description: 'Previous slide; on a slide taller than the screen, scroll up first' },
  { keys: ['Home'], label: 'Home', command: 'first', description: 'First slide' },
  { keys: ['End'], label: 'End', command: 'last', description: 'Last slide' },
  { keys: ['o'], label: 'o', command: 'overview', description: 'Overview of all slides (click one to go there)' },
  { keys: ['p'], label: 'p', command: 'presenter', description: 'Open the presenter view (notes, next slide, timer)' },
  { keys: ['f'], label: 'f', command: 'fullscreen', description: 'Fullscreen on and off' },
  { keys: ['t'], label: 't', command: 'terminal', description: 'Show or hide the terminal' },
  { keys: ['m'], label: 'm', command: 'maximise-terminal', description: 'Terminal maximised, and back' },
  { keys: ['r'], label: 'r', command: 'run', description: 'Run the focused code block (or the first one on the slide)' },
  { keys: ['+', '='], label: '+', command: 'font-larger', description: 'Larger terminal font' },
  { keys: ['-'], label: '−', command: 'font-smaller', description: 'Smaller terminal font' },
  { keys: ['?'], label: '?', command: 'help', description: 'This list of shortcuts' },
  ...(__DECKHAND_READER__ ? [{ keys: ['/'], label: '/', command: 'search' as const, description: 'Search the course: slides, notes and recorded output' }] : []),
  { keys: ['Escape'], label: 'Esc', command: 'close', description: 'Close the overview or this help' },
];

/** Typing a slide number then Enter jumps there; shown in the help beside the table. */
export const JUMP_HELP = { label: '12 Enter', description: 'Go to slide 12 (any number)' };

export function commandFor(key: string): Command | null {
  return SHORTCUTS.find((shortcut) => shortcut.keys.includes(key))?.command ?? null;
}
