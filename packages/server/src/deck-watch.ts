// Live reload: watches the deck folder and reports which deck changed, so open views reload it within
// a second and keep their slide and terminal session. The folder is watched rather than each file
// because editors often save by writing a new file and renaming it over the old one.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Editors write a file in several steps; one report per burst of events. */
const SETTLE_MS = 60;

export interface DeckWatch {
  close(): void;
}

export function watchDecks(folder: string, isDeck: (id: string) => boolean, onChange: (id: string) => void): DeckWatch {
  const pending = new Map<string, NodeJS.Timeout>();
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(folder, { persistent: false }, (_event, fileName) => {
      if (!fileName || !fileName.toString().toLowerCase().endsWith('.md')) return;
      const id = path.basename(fileName.toString()).replace(/\.md$/i, '');
      if (!isDeck(id)) return;
      clearTimeout(pending.get(id));
      pending.set(
        id,
        setTimeout(() => {
          pending.delete(id);
          onChange(id);
        }, SETTLE_MS),
      );
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // A folder that cannot be watched (some network file systems) just means no live reload.
    watcher = null;
  }
  return {
    close() {
      watcher?.close();
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
