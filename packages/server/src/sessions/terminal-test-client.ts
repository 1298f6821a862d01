// A scripted page for the server tests: a real WebSocket speaking packages/protocol, acking what it
// receives (as a page acks what xterm.js has parsed), keeping every output byte and its offset.
import WebSocket from 'ws';
import {
  SUBPROTOCOL,
  decodeServerFrame,
  encodeClientFrame,
  Flow,
  type AttachedInfo,
  type ClientFrame,
  type ServerFrame,
} from '@deckhand/protocol';

export interface TestServer {
  /** host:port */
  base: string;
  /** The credential, sent as a bearer header (a script can; a page uses tickets). */
  credential: string;
  /** The client id a browser keeps; without one, every socket is a session of its own. */
  client?: string;
}

export interface OpenOptions {
  term?: number;
  offset?: number;
  cols?: number;
  rows?: number;
  /** Ack output as it arrives (default), or never, to act as a page that stopped parsing. */
  ack?: boolean;
}

export class TestTerminal {
  readonly frames: ServerFrame[] = [];
  private chunks: Buffer[] = [];
  /** Stream offset just past the last output byte received. */
  received = 0;
  acked = 0;
  attached: AttachedInfo | undefined;
  screen = '';
  exit: { code: number; signal: number } | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters = new Set<() => void>();

  private constructor(
    readonly socket: WebSocket,
    private readonly ack: boolean,
  ) {
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('message', (data: Buffer) => this.receive(decodeServerFrame(new Uint8Array(data))));
    socket.on('close', () => this.wake());
  }

  static open(server: TestServer, options: OpenOptions = {}): Promise<TestTerminal> {
    const query = new URLSearchParams({ term: String(options.term ?? 1), cols: String(options.cols ?? 80), rows: String(options.rows ?? 24) });
    if (options.offset !== undefined) query.set('offset', String(options.offset));
    if (server.client) query.set('client', server.client);
    const socket = new WebSocket(`ws://${server.base}/ws/terminal?${query}`, SUBPROTOCOL, {
      headers: { Authorization: `Bearer ${server.credential}`, Origin: `http://${server.base}` },
    });
    const terminal = new TestTerminal(socket, options.ack ?? true);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(terminal));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  /** Everything received as output, as bytes (after any screen). */
  get bytes(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  get text(): string {
    return this.bytes.toString('latin1');
  }

  send(frame: ClientFrame): void {
    this.socket.send(encodeClientFrame(frame));
  }

  type(text: string): void {
    this.send({ type: 'input', data: Buffer.from(text) });
  }

  /** Waits until the condition holds, re-checked on every frame; fails after `timeoutMs`. */
  async until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (condition()) done(resolve);
        else if (this.socket.readyState === WebSocket.CLOSED) done(() => reject(new Error(`socket closed while waiting for ${what}; got: ${this.tail()}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${what}; got: ${this.tail()}`))), timeoutMs);
      const done = (finish: () => void): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        finish();
      };
      this.waiters.add(check);
    });
  }

  /** Waits for text to appear in the output from now on (only the recent output is searched). */
  untilText(needle: string | RegExp, timeoutMs?: number): Promise<void> {
    const found = (): boolean => {
      const recent = this.recentText();
      return typeof needle === 'string' ? recent.includes(needle) : needle.test(recent);
    };
    return this.until(found, String(needle), timeoutMs);
  }

  /** The last few kilobytes of output plus the latest frame, cheap to search on every frame. */
  private recentText(): string {
    const parts: Buffer[] = [];
    let size = 0;
    for (let i = this.chunks.length - 1; i >= 0 && size < 8192; i--) {
      const chunk = this.chunks[i]!;
      parts.unshift(chunk.length > 8192 && parts.length > 0 ? chunk.subarray(chunk.length - 8192) : chunk);
      size += chunk.length;
    }
    return Buffer.concat(parts).toString('latin1');
  }

  /**
   * Waits for a shell prompt (`$ ` or, as root, `# `) at the end of the output, perhaps followed by
   * busybox ash's cursor position query (`ESC[6n`). Type only after it: ash flushes what was typed
   * before its line editor starts.
   */
  prompt(timeoutMs?: number): Promise<void> {
    return this.untilText(new RegExp(String.raw`[$#] (\x1b\[6n)?$`), timeoutMs);
  }

  /** Runs a command and returns what it printed between two markers the command echo cannot contain. */
  async run(command: string, timeoutMs?: number): Promise<string> {
    const id = Math.random().toString(36).slice(2, 8);
    const start = `<<${id}-start>>`;
    const end = `<<${id}-end>>`;
    this.type(`printf '%s%s\\n' '<<${id}-' 'start>>'; ${command}; printf '%s%s\\n' '<<${id}-' 'end>>'\r`);
    await this.untilText(end, timeoutMs);
    const text = this.text;
    const from = text.lastIndexOf(start) + start.length;
    return text.slice(from, text.lastIndexOf(end)).trim();
  }

  close(): void {
    this.socket.close();
  }

  /** Drops the connection without a closing handshake, as a lost network does. */
  terminate(): void {
    this.socket.terminate();
  }

  private receive(frame: ServerFrame): void {
    this.frames.push(frame);
    switch (frame.type) {
      case 'attached':
        this.attached = frame;
        this.received = this.acked = frame.offset;
        break;
      case 'screen':
        this.screen = frame.text;
        this.received = this.acked = frame.offset;
        break;
      case 'output':
        if (frame.offset !== this.received) throw new Error(`output at ${frame.offset}, expected ${this.received}`);
        this.chunks.push(Buffer.from(frame.data));
        this.received += frame.data.length;
        if (this.ack && this.received - this.acked >= Flow.ackEveryBytes) this.sendAck();
        break;
      case 'exit':
        this.exit = { code: frame.code, signal: frame.signal };
        break;
      default:
        break;
    }
    this.wake();
  }

  /** Acks everything received so far. */
  sendAck(): void {
    this.acked = this.received;
    if (this.socket.readyState === WebSocket.OPEN) this.send({ type: 'ack', offset: this.received });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private tail(): string {
    return JSON.stringify(this.recentText().slice(-300));
  }
}
