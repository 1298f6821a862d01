// The decks a server serves: one Markdown file, or every deck in a folder. Decks are parsed through the
// deck package and cached until their file changes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadMathEngine, parseDeck, type Deck } from '@deckhand/deck';

export interface DeckSummary {
  id: string;
  title: string;
  slides: number;
  duration: string | null;
}

export interface LoadedDeck extends Deck {
  id: string;
  /** The deck's file name, for warnings (`module.md:12`). */
  file: string;
}

export class DeckLibrary {
  /** Folder whose files decks may reference (images, examples); served under `filesPrefix`. */
  readonly root: string;
  private readonly files: Map<string, string>;
  private readonly cache = new Map<string, { mtimeMs: number; deck: LoadedDeck }>();
  /** Files the decks point to (images, backgrounds, styles' url()), as paths relative to the root. */
  private readonly referenced = new Set<string>();

  constructor(
    target: string,
    private readonly options: { html?: boolean; /** Where the page loads the folder's files from (deck-files.ts). */ filesPrefix: string },
  ) {
    const resolved = path.resolve(target);
    const stat = statSync(resolved);
    this.files = new Map();
    if (stat.isDirectory()) {
      this.root = resolved;
      for (const name of readdirSync(resolved).sort()) {
        if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md') this.files.set(deckId(name), path.join(resolved, name));
      }
    } else {
      this.root = path.dirname(resolved);
      this.files.set(deckId(path.basename(resolved)), resolved);
    }
    if (this.files.size === 0) throw new Error(`No decks (*.md files) in ${resolved}`);
  }

  ids(): string[] {
    return [...this.files.keys()];
  }

  /** The deck's Markdown file, or null for an unknown id. */
  fileOf(id: string): string | null {
    return this.files.get(id) ?? null;
  }

  load(id: string): LoadedDeck | null {
    const file = this.files.get(id);
    if (!file) return null;
    const { mtimeMs } = statSync(file);
    const cached = this.cache.get(id);
    if (cached && cached.mtimeMs === mtimeMs) return cached.deck;
    const deck = {
      id,
      file: path.basename(file),
      ...parseDeck(readFileSync(file, 'utf8'), {
        html: this.options.html,
        resolveUrl: (url) => {
          const reference = referencePath(url);
          if (reference) this.referenced.add(reference);
          return this.options.filesPrefix + url;
        },
      }),
    };
    this.cache.set(id, { mtimeMs, deck });
    return deck;
  }

  /** The deck with its math typeset: the first deck with math loads the math engine (decks without
   *  math never load it), then is parsed again. */
  async loadTypeset(id: string): Promise<LoadedDeck | null> {
    const deck = this.load(id);
    if (!deck?.mathPending) return deck;
    await loadMathEngine(deck.mathPending);
    this.cache.delete(id);
    return this.load(id);
  }

  /**
   * Whether a deck points to this file (a path relative to the root): the deck folder's files are
   * served only so, never the rest of the folder (notes, solutions, keys someone left there).
   */
  isReferenced(file: string): boolean {
    const wanted = referencePath(file);
    if (!wanted) return false;
    if (this.referenced.has(wanted)) return true;
    for (const id of this.ids()) this.load(id); // decks not read since they changed, or not yet
    return this.referenced.has(wanted);
  }

  summaries(): DeckSummary[] {
    return this.ids().map((id) => {
      const deck = this.load(id) as LoadedDeck;
      const title = typeof deck.directives.title === 'string' ? deck.directives.title : deck.slides[0]?.title ?? id;
      const duration = deck.directives.duration;
      return { id, title, slides: deck.slides.length, duration: typeof duration === 'string' ? duration : null };
    });
  }
}

/** A relative URL as a normalised path (`./img/../img/a%20b.png?x#y` → `img/a b.png`), or undefined. */
function referencePath(url: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.replace(/[?#].*$/s, ''));
  } catch {
    return undefined;
  }
  const normalised = path.posix.normalize(decoded).replace(/^(\.\/)+/, '');
  return normalised && !normalised.startsWith('..') && !normalised.startsWith('/') ? normalised : undefined;
}

function deckId(fileName: string): string {
  return fileName.replace(/\.md$/i, '');
}
