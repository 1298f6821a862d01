// A headless xterm.js fed the same bytes as the pages, so a page whose offset has left the replay
// buffer (or a fresh page) gets the current screen and scrollback as one serialized frame instead of
// the whole history. The terminals live in one worker thread shared by every session
// (screen-mirror-thread.js): output is handed over in batches and parsed there, off the event loop that
// reads ptys and feeds sockets. `parsed` is how far the thread has got; a screen is asked for and
// arrives once everything written before the request is parsed, with the offset it stands for.
import { Worker } from 'node:worker_threads';

/** Scrollback lines the mirror keeps and serializes: enough to scroll back a screenful or so. */
export const MIRROR_SCROLLBACK_LINES = 1000;

/** Output gathered before it is posted to the thread: fewer, larger messages in a flood. */
const BATCH_BYTES = 256 * 1024;
/**
 * Output up to this size (an echo, a prompt) waits HANDOVER_MS before it is posted. Not at once: an
 * echo's bytes would wake the thread (and its answer the event loop) while the browser is receiving
 * and drawing that echo, and on two cores that made every echo ~0.1 ms later (docs/benchmarks.md,
 * echo). More output goes once the pty reads queued now are done, as one message: holding a flood's
 * output longer made larger batches, and the server's memory grew by more during a flood. A screen
 * asked for posts whatever waits first, so no screen ever misses output.
 */
const SMALL_BYTES = 1024;
const HANDOVER_MS = 25;

export interface MirroredScreen {
  /** The stream offset the screen stands for: all output before it, none after. */
  offset: number;
  /** Screen and scrollback as escape sequences. */
  text: string;
}

type FromThread =
  | { type: 'parsed'; id: string; offset: number }
  | { type: 'screen'; id: string; request: number; offset: number; text: string };

/** The one thread, started with the first mirror; unref'd so it never keeps the process alive. */
let thread: Worker | undefined;
const mirrors = new Map<string, ScreenMirror>();
let nextId = 0;

function mirrorThread(): Worker {
  if (thread) return thread;
  const worker = new Worker(new URL('./screen-mirror-thread.js', import.meta.url));
  worker.on('message', (message: FromThread) => mirrors.get(message.id)?.fromThread(message));
  worker.on('error', (error) => {
    // A parser crash must not take sessions down: screens fall back to live output only.
    process.stderr.write(`deckhand: the screen mirror thread failed: ${error.message}\n`);
  });
  worker.on('exit', () => {
    if (thread === worker) thread = undefined;
    for (const mirror of mirrors.values()) mirror.threadLost();
  });
  // After the listeners: adding one refs the thread's port again.
  worker.unref();
  thread = worker;
  return worker;
}

export class ScreenMirror {
  private readonly id = String(nextId++);
  private readonly worker: Worker;
  private batch: Buffer[] = [];
  private batchBytes = 0;
  /** A small batch's delayed hand-over, if one is set. */
  private handoverTimer: NodeJS.Timeout | undefined;
  /** A larger batch's hand-over, once the current pty reads are done, if one is queued. */
  private handoverSoon: NodeJS.Immediate | undefined;
  private written = 0;
  private parsedUpTo = 0;
  private disposed = false;
  private lost = false;
  private requests = 0;
  private readonly waiting = new Map<number, (screen: MirroredScreen | undefined) => void>();

  constructor(cols: number, rows: number, private readonly onParsed: () => void) {
    this.worker = mirrorThread();
    mirrors.set(this.id, this);
    this.worker.postMessage({ type: 'open', id: this.id, cols, rows, scrollback: MIRROR_SCROLLBACK_LINES });
  }

  /** Offset up to which the mirror has parsed. */
  get parsed(): number {
    return this.parsedUpTo;
  }

  /** Bytes written but not parsed yet. */
  get pending(): number {
    return this.lost ? 0 : this.written - this.parsedUpTo;
  }

  write(data: Buffer): void {
    if (this.disposed || this.lost) return;
    this.written += data.length;
    this.batch.push(data);
    this.batchBytes += data.length;
    if (this.batchBytes >= BATCH_BYTES) this.flush();
    else if (this.batchBytes > SMALL_BYTES) {
      if (this.handoverSoon) return;
      this.cancelHandover();
      this.handoverSoon = setImmediate(() => this.flush());
    } else this.handoverTimer ??= setTimeout(() => this.flush(), HANDOVER_MS);
  }

  resize(cols: number, rows: number): void {
    if (this.disposed || this.lost) return;
    this.flush();
    this.worker.postMessage({ type: 'resize', id: this.id, cols, rows });
  }

  /** The screen once everything written so far is parsed; undefined if the mirror is gone. */
  screen(): Promise<MirroredScreen | undefined> {
    if (this.disposed || this.lost) return Promise.resolve(undefined);
    this.flush();
    const request = this.requests++;
    return new Promise((resolve) => {
      this.waiting.set(request, resolve);
      this.worker.postMessage({ type: 'screen', id: this.id, request });
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelHandover();
    this.batch = [];
    mirrors.delete(this.id);
    if (!this.lost) this.worker.postMessage({ type: 'close', id: this.id });
    this.answerAll(undefined);
  }

  /** @internal A message from the thread for this mirror. */
  fromThread(message: FromThread): void {
    if (this.disposed) return;
    if (message.type === 'parsed') {
      this.parsedUpTo = Math.max(this.parsedUpTo, message.offset);
      this.onParsed();
      return;
    }
    const resolve = this.waiting.get(message.request);
    this.waiting.delete(message.request);
    resolve?.({ offset: message.offset, text: message.text });
  }

  /** @internal The thread died: nothing more will be parsed, and waiting screens never come. */
  threadLost(): void {
    this.lost = true;
    this.answerAll(undefined);
    this.onParsed();
  }

  private flush(): void {
    this.cancelHandover();
    if (this.disposed || this.lost || this.batchBytes === 0) return;
    // One fresh buffer, moved to the thread rather than copied (pty buffers may share a pool).
    const data = new Uint8Array(this.batchBytes);
    let at = 0;
    for (const chunk of this.batch) {
      data.set(chunk, at);
      at += chunk.length;
    }
    this.batch = [];
    this.batchBytes = 0;
    this.worker.postMessage({ type: 'write', id: this.id, data }, [data.buffer]);
  }

  private cancelHandover(): void {
    clearTimeout(this.handoverTimer);
    this.handoverTimer = undefined;
    clearImmediate(this.handoverSoon);
    this.handoverSoon = undefined;
  }

  private answerAll(screen: MirroredScreen | undefined): void {
    for (const resolve of this.waiting.values()) resolve(screen);
    this.waiting.clear();
  }
}
