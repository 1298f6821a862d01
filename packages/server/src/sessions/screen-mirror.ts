// A headless xterm.js fed the same bytes as the pages, so a page whose offset has left the replay
// buffer (or a fresh page) gets the current screen and scrollback as one serialized frame instead of
// the whole history. It parses asynchronously: `parsed` is the offset the serialized screen stands for.
import headless from '@xterm/headless';
import serialize from '@xterm/addon-serialize';

const { Terminal } = headless;
const { SerializeAddon } = serialize;

/** Scrollback lines the mirror keeps and serializes: enough to scroll back a screenful or so. */
export const MIRROR_SCROLLBACK_LINES = 1000;

export class ScreenMirror {
  private readonly terminal: InstanceType<typeof Terminal>;
  private readonly serializer: InstanceType<typeof SerializeAddon>;
  private written = 0;
  private parsedUpTo = 0;
  private disposed = false;

  constructor(cols: number, rows: number, private readonly onParsed: () => void) {
    this.terminal = new Terminal({ cols, rows, scrollback: MIRROR_SCROLLBACK_LINES, allowProposedApi: true });
    this.serializer = new SerializeAddon();
    this.terminal.loadAddon(this.serializer);
  }

  /** Offset up to which the mirror has parsed. */
  get parsed(): number {
    return this.parsedUpTo;
  }

  /** Bytes written but not parsed yet. */
  get pending(): number {
    return this.written - this.parsedUpTo;
  }

  write(data: Buffer): void {
    if (this.disposed) return;
    this.written += data.length;
    const upTo = this.written;
    this.terminal.write(data, () => {
      this.parsedUpTo = upTo;
      if (!this.disposed) this.onParsed();
    });
  }

  resize(cols: number, rows: number): void {
    if (!this.disposed) this.terminal.resize(cols, rows);
  }

  /** The screen and scrollback as escape sequences, standing for all output before `parsed`. */
  serialize(): string {
    return this.serializer.serialize({ scrollback: MIRROR_SCROLLBACK_LINES });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.serializer.dispose();
    this.terminal.dispose();
  }
}
