// The live source: a shell on the server, over a WebSocket speaking packages/protocol. It acks output
// once xterm.js has parsed it (flow control), remembers the byte offset it has reached, and when the
// connection drops it reconnects and resumes from that offset: the same shell, nothing lost or doubled.
// What it cannot resume (the server restarted, the session timed out) it reports as closed, with why.
import {
  CloseCode,
  Flow,
  Liveness,
  SUBPROTOCOL,
  decodeServerFrame,
  encodeClientFrame,
  type ServerFrame,
} from '@deckhand/protocol';
import { AccessNeededError, clientId, socketAddress } from '../deck-access/server-access';
import { Listeners, type EndingWarning, type TerminalScreen, type TerminalSource, type TerminalStatus } from './terminal-source';

/** Waits between reconnection attempts: quick at first, then every few seconds. */
const RECONNECT_DELAYS_MS = [100, 250, 500, 1000, 2000, 3000, 5000];
/** Inputs kept while not connected (each a keystroke or a block): enough for a burst of typing. */
const MAX_QUEUED_INPUTS = 256;
/** Give up reconnecting after this long: the server keeps a session this long without a page. */
const RECONNECT_FOR_MS = 60_000;

export interface LiveTerminalOptions {
  /** Terminal tab, 1-based. */
  term: number;
  cols: number;
  rows: number;
  /** A follower watching the trainer's shared terminal: read-only, from /ws/follow/terminal. */
  watch?: boolean;
}

export class LiveTerminalSource implements TerminalSource {
  private socket: WebSocket | null = null;
  private screen: TerminalScreen | null = null;
  private readonly output = new Listeners<Uint8Array>();
  private readonly status = new Listeners<TerminalStatus>();
  private readonly warning = new Listeners<EndingWarning | null>();
  private readonly encoder = new TextEncoder();
  /** Offset just past the last output byte received, and the offset xterm has parsed up to. */
  private received = 0;
  private parsed = 0;
  private acked = 0;
  /** Whether this page has attached once: later connections resume from `received`. */
  private attachedOnce = false;
  private attachedNow = false;
  private finished = false;
  /** An ending warning is on show (cleared by a keystroke or the end). */
  private warned = false;
  private attempt = 0;
  private droppedAt = 0;
  private lastHeard = Date.now();
  private size: { cols: number; rows: number };
  private readonly silenceWatch: ReturnType<typeof setInterval>;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Keystrokes typed (or blocks run) before the socket is attached: sent once it is. */
  private queuedInput: Uint8Array[] = [];

  constructor(private readonly options: LiveTerminalOptions) {
    this.size = { cols: options.cols, rows: options.rows };
    this.silenceWatch = setInterval(() => {
      // No frame, not even a heartbeat, for this long: the connection is dead even if it looks open.
      if (this.socket?.readyState === WebSocket.OPEN && Date.now() - this.lastHeard > Liveness.silenceMs) this.socket.close();
    }, Liveness.heartbeatMs / 2);
    this.connect();
  }

  bind(screen: TerminalScreen): void {
    this.screen = screen;
  }

  onOutput(listener: (data: Uint8Array) => void): () => void {
    return this.output.add(listener);
  }

  onStatus(listener: (status: TerminalStatus) => void): () => void {
    return this.status.add(listener);
  }

  onWarning(listener: (warning: EndingWarning | null) => void): () => void {
    return this.warning.add(listener);
  }

  sendInput(text: string): void {
    if (this.options.watch) return; // watching only: the server would close a socket that types
    // Any keystroke resets the idle timer on the server, so an ending warning goes; only then is there
    // anything to tell the pane (a keystroke's path to the socket stays free of React updates).
    if (this.warned) this.clearWarning();
    const frame = encodeClientFrame({ type: 'input', data: this.encoder.encode(text) });
    if (this.attachedNow) this.send(frame);
    else if (!this.finished && this.queuedInput.length < MAX_QUEUED_INPUTS) this.queuedInput.push(frame);
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    if (this.options.watch) return; // the trainer's terminal keeps the trainer's size
    this.send(encodeClientFrame({ type: 'resize', cols, rows }));
  }

  dispose(): void {
    this.finished = true;
    clearInterval(this.silenceWatch);
    clearTimeout(this.reconnectTimer);
    this.socket?.close(CloseCode.Normal, 'page closed the terminal');
    this.socket = null;
  }

  private connect(): void {
    if (!this.attachedOnce) this.status.emit({ state: 'connecting' });
    const query = new URLSearchParams({ term: String(this.options.term), cols: String(this.size.cols), rows: String(this.size.rows), client: clientId() });
    if (this.attachedOnce) query.set('offset', String(this.received));
    socketAddress(this.options.watch ? '/ws/follow/terminal' : '/ws/terminal', this.options.watch ? new URLSearchParams() : query).then(
      (address) => {
        if (!this.finished) this.open(address);
      },
      (error: unknown) => {
        if (this.finished) return;
        if (!(error instanceof AccessNeededError)) return this.reconnect(); // unreachable: keep trying
        this.finished = true;
        this.status.emit({
          state: 'closed',
          reason: this.attachedOnce
            ? 'The Deckhand server restarted: its shells have ended. Open the new address it printed to start again.'
            : 'This page has no access to the terminal: open the address Deckhand printed (it ends in ?token=…).',
        });
      },
    );
  }

  private open(address: string): void {
    const socket = new WebSocket(address, SUBPROTOCOL);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.lastHeard = Date.now();
    socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      if (socket !== this.socket) return;
      this.lastHeard = Date.now();
      let frame: ServerFrame;
      try {
        frame = decodeServerFrame(new Uint8Array(event.data));
      } catch {
        // A page may not send 1002 itself (browsers allow only 1000 and 3000–4999): it closes
        // normally and ends the terminal with the reason.
        socket.close(CloseCode.Normal, 'malformed frame from the server');
        this.closed(CloseCode.ProtocolError, 'malformed frame from the server');
        return;
      }
      this.receive(frame);
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.closed(event.code, event.reason);
    };
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'attached':
        this.attachedOnce = true;
        this.attachedNow = true;
        this.attempt = 0;
        this.status.emit({ state: 'open' });
        for (const frame of this.queuedInput.splice(0)) this.send(frame);
        break;
      case 'screen':
        // The server could not replay from our offset (or we are new): its screen replaces ours.
        this.received = this.parsed = this.acked = frame.offset;
        this.screen?.reset();
        this.screen?.write(frame.text, () => undefined);
        break;
      case 'output': {
        // After a resume the server starts exactly at our offset; skip anything already seen anyway.
        const skip = Math.max(0, this.received - frame.offset);
        if (skip >= frame.data.length) return;
        const data = skip > 0 ? frame.data.subarray(skip) : frame.data;
        this.received += data.length;
        this.output.emit(data);
        if (this.screen) this.screen.write(data, () => this.parsedUpTo(data.length));
        else this.parsedUpTo(data.length);
        break;
      }
      case 'exit':
        this.finished = true;
        this.status.emit({ state: 'exited', code: frame.code, signal: frame.signal });
        break;
      case 'notice':
        this.warned = true;
        this.warning.emit({ reason: frame.reason, at: Date.now() + frame.inMs });
        break;
      case 'heartbeat':
        break;
    }
  }

  private clearWarning(): void {
    this.warned = false;
    this.warning.emit(null);
  }

  private parsedUpTo(bytes: number): void {
    this.parsed += bytes;
    if (this.parsed - this.acked >= Flow.ackEveryBytes) {
      this.acked = this.parsed;
      this.send(encodeClientFrame({ type: 'ack', offset: this.parsed }));
    }
  }

  private closed(code: number, reason: string): void {
    this.socket = null;
    this.attachedNow = false;
    if (this.finished) return;
    const end = (why: string): void => {
      this.finished = true;
      this.clearWarning();
      this.status.emit({ state: 'closed', reason: why });
    };
    switch (code) {
      case CloseCode.ShellExited:
        return;
      case CloseCode.SessionGone:
        return end('This shell has ended while the page was away: the Deckhand server restarted, or the shell timed out.');
      case CloseCode.ServerShuttingDown:
        return end('The Deckhand server stopped, and this shell with it.');
      case CloseCode.IdleTimeout:
        return end('This shell ended after being idle too long.');
      case CloseCode.LifetimeEnded:
        return end('This shell reached its maximum lifetime and ended.');
      case CloseCode.ShareEnded:
        return end(reason || 'The trainer stopped sharing the terminal.');
      case CloseCode.SessionLimit:
        return end(reason || 'The server refused another terminal: too many are open.');
      case CloseCode.ProtocolError:
      case CloseCode.UnsupportedData:
      case CloseCode.TooBig:
        return end(`The terminal connection was closed: ${reason || 'protocol error'} (${code}).`);
      default:
        this.reconnect();
    }
  }

  /** The connection dropped (network, sleep, server gone): try again, with the offset reached. */
  private reconnect(): void {
    if (this.attempt === 0) this.droppedAt = Date.now();
    if (Date.now() - this.droppedAt > RECONNECT_FOR_MS) {
      this.finished = true;
      this.status.emit({ state: 'closed', reason: 'The connection to the terminal was lost for over a minute, and the shell with it.' });
      return;
    }
    this.attempt++;
    this.status.emit({ state: 'reconnecting', attempt: this.attempt });
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt - 1, RECONNECT_DELAYS_MS.length - 1)] ?? 5000;
    // Each attempt asks for a ticket first: a server that no longer knows this page's credential (it
    // restarted with a new secret) says so there, and the terminal ends with why.
    this.reconnectTimer = setTimeout(() => {
      if (!this.finished) this.connect();
    }, delay);
  }

  private send(bytes: Uint8Array): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(bytes);
  }
}
