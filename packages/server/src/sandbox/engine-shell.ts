// A shell in a container whose terminal is the Engine API's attach stream (a hijacked HTTP connection
// on the engine's socket): output as bytes, flow control by not reading the socket (TCP back-pressure
// reaches the engine, which stops reading the container's terminal, which blocks the writer), and the
// exit notice after the last byte. As with a pty (pty-shell.ts), a paused shell whose process has
// exited reads again at once: the engine gives its attach streams only a moment to drain after an
// exit before it closes them.
import type { Duplex } from 'node:stream';
import type { AttachedContainer, EngineApi } from '@deckhand/docker';
import type { Disposable, Shell, ShellExit } from './sandbox';

export class EngineShell implements Shell {
  private hostPid = 0;
  private readonly stream: Duplex;
  private paused = false;
  /** The container has exited: only the rest of its output is left to read, so never pause again. */
  private draining = false;
  private disposed = false;
  private exit: ShellExit | undefined;
  private streamEnded = false;
  private readonly exitListeners = new Set<(exit: ShellExit) => void>();

  constructor(
    private readonly engine: EngineApi,
    private readonly container: AttachedContainer,
    private readonly afterEnd: () => Promise<void> | undefined,
    /** Told of the removal when the shell is disposed, so a stopping server can wait for it. */
    private readonly removing: (removal: Promise<void>) => void,
  ) {
    this.stream = container.stream;
    this.stream.on('error', () => this.stream.destroy());
    this.stream.once('close', () => {
      this.streamEnded = true;
      this.maybeExited();
    });
    container.exited.then(
      (code) => {
        this.exit = { code, signal: 0 };
        this.draining = true;
        this.resume();
        this.maybeExited();
      },
      // The wait broke off (the engine went away, the container was removed by force): the stream's
      // close says the shell is gone.
      () => {
        this.exit = { code: 1, signal: 0 };
        this.maybeExited();
      },
    );
  }

  /** Learns the container's process and sets the terminal's size (older engines ignore ConsoleSize). */
  async started(cols: number, rows: number): Promise<void> {
    const [pid] = await Promise.all([this.engine.hostPid(this.container.id), this.engine.resize(this.container.id, cols, rows)]);
    this.hostPid = pid;
  }

  /** The container's init process as the host sees it (0 once it is gone). */
  get pid(): number {
    return this.hostPid;
  }

  onData(listener: (data: Uint8Array) => void): Disposable {
    const forward = (chunk: Buffer): void => listener(chunk);
    this.stream.on('data', forward);
    return { dispose: () => this.stream.off('data', forward) };
  }

  /** Fires once both the stream has ended (every byte read) and the exit status is known. */
  onExit(listener: (exit: ShellExit) => void): Disposable {
    this.exitListeners.add(listener);
    return { dispose: () => this.exitListeners.delete(listener) };
  }

  write(data: Uint8Array | string): void {
    if (!this.disposed && this.stream.writable) this.stream.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.disposed) void this.engine.resize(this.container.id, cols, rows);
  }

  pause(): void {
    if (this.disposed || this.paused || this.draining) return;
    this.paused = true;
    this.stream.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.disposed) this.stream.resume();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.exitListeners.clear();
    this.stream.destroy();
    // Closing the stream does not stop the container: remove it, then the session's engine if any.
    this.removing(
      this.engine
        .remove(this.container.id)
        .then(async () => void (await this.afterEnd()))
        .catch(() => undefined),
    );
  }

  private maybeExited(): void {
    if (!this.streamEnded || !this.exit || this.disposed) return;
    const exit = this.exit;
    for (const listener of [...this.exitListeners]) listener(exit);
    // The engine removes the container itself (AutoRemove); this also stops the session's engine.
    this.dispose();
  }
}
