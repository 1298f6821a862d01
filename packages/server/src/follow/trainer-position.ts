// Where the trainer is, as the follow feed tells followers: learnt from what the trainer's own views
// say on the presenter sync (a view's hello with its slide, slide changes, tips opened and closed, the
// terminal tab shared and shown). The latest message wins; the views of one trainer agree anyway.
import type { SyncMessage, TrainerPosition } from '@deckhand/protocol';

/** The trainer's page and terminal tab followers may watch, while the trainer shares one. */
export interface SharedTerminal {
  client: string;
  term: number;
}

export class TrainerPositionStore {
  private current: TrainerPosition = { deck: null, slide: 1, open: [], terminal: null };
  private sharing: SharedTerminal | null = null;
  private readonly listeners = new Set<(position: TrainerPosition) => void>();

  get position(): TrainerPosition {
    return this.current;
  }

  get shared(): SharedTerminal | null {
    return this.sharing;
  }

  /** Reads a message from one of the trainer's views. */
  observe(message: SyncMessage): void {
    const position = this.current;
    switch (message.type) {
      case 'hello':
        // A view joining says where it is; within the deck the trainer shows, the views' slide changes
        // (and their answers to this hello) rule, so a window opened on slide 1 does not pull everyone back.
        if (message.slide !== undefined && message.deck !== position.deck) this.move(message.deck, message.slide);
        break;
      case 'slide':
        this.move(message.deck, message.slide);
        break;
      case 'details': {
        if (message.deck !== position.deck || message.slide !== position.slide) return;
        const open = new Set(position.open);
        if (message.open) open.add(message.index);
        else open.delete(message.index);
        this.set({ ...position, open: [...open].sort((a, b) => a - b) });
        break;
      }
      case 'share-terminal':
        this.sharing = message.on ? { client: message.client, term: message.term } : null;
        this.set({ ...position, terminal: message.on ? message.term : null });
        break;
      case 'terminal-tab':
        // The shared terminal follows the tab the trainer shows.
        if (this.sharing && this.sharing.term !== message.term) {
          this.sharing = { ...this.sharing, term: message.term };
          this.set({ ...position, terminal: message.term });
        }
        break;
      default:
    }
  }

  onChange(listener: (position: TrainerPosition) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private move(deck: string, slide: number): void {
    const position = this.current;
    if (position.deck === deck && position.slide === slide) return;
    this.set({ ...position, deck, slide, open: [] });
  }

  private set(position: TrainerPosition): void {
    this.current = position;
    for (const listener of this.listeners) listener(position);
  }
}
