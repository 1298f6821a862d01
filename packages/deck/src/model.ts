// The slide model: what the deck package produces and every other part (server, presenter, CLI) reads.
// Plain data only, so it can cross a WebSocket or be embedded in a static export as JSON.

export interface DeckWarning {
  /** 1-based line in the deck file. */
  line: number;
  message: string;
}

export type Directives = Record<string, unknown>;

export interface RunnableBlockOptions {
  run?: boolean;
  skip?: string;
  cwd?: string;
  interrupt?: boolean;
  type?: boolean;
  term?: number;
  timeout?: number;
  expect?: 'exact' | 'contains' | 'none';
  id?: string;
}

export interface CodeBlock {
  /** Stable within a deck: `s<slide>-b<n>`, or the author's `id` option. */
  id: string;
  lang: string;
  /** 1-based line of the opening fence in the deck file. */
  line: number;
  /** The source text of the block, as shown on the slide. */
  code: string;
  runnable: boolean;
  /** Commands to type, in order. Empty for blocks that are not runnable. */
  commands: string[];
  /** Expected output (the non-prompt lines of a prompt-style block), or null when none is given. */
  expected: string | null;
  /** Each command with the output written under it in the deck. */
  steps: Array<{ command: string; expected: string[] }>;
  options: RunnableBlockOptions;
}

export interface Slide {
  /** 1-based position in the deck. */
  index: number;
  /** 1-based line where the slide starts in the deck file. */
  line: number;
  title: string | null;
  /** Sanitized HTML of the slide's content. */
  html: string;
  notes: string[];
  directives: Directives;
  blocks: CodeBlock[];
}

export interface Deck {
  directives: Directives;
  slides: Slide[];
  warnings: DeckWarning[];
}
