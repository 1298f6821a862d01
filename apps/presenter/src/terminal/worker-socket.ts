// The terminal's connection as the live source sees it: the part of a WebSocket it uses. It runs in a
// worker (terminal-socket.worker.ts), which receives the frames off the page's main thread and hands
// them over coalesced; where a page cannot start the worker, a plain WebSocket does the same job.

export interface TerminalSocket {
  readonly readyState: number;
  /** Each server frame as it would come off the wire (output frames possibly coalesced). */
  onmessage: ((data: ArrayBuffer) => void) | null;
  onclose: ((code: number, reason: string) => void) | null;
  send(bytes: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type ToSocketWorker =
  | { type: 'open'; url: string; protocol: string }
  | { type: 'send'; data: Uint8Array }
  | { type: 'close'; code?: number; reason?: string };

export type FromSocketWorker =
  | { type: 'open' }
  | { type: 'message'; data: ArrayBuffer }
  | { type: 'close'; code: number; reason: string };

export const SocketState = { Connecting: 0, Open: 1, Closing: 2, Closed: 3 } as const;

/** Set when a worker could not start (a page that forbids workers): later connections go without. */
let workersFail = false;

export function openTerminalSocket(url: string, protocol: string): TerminalSocket {
  if (!workersFail && typeof Worker !== 'undefined') {
    try {
      return new WorkerSocket(url, protocol, () => (workersFail = true));
    } catch {
      workersFail = true;
    }
  }
  return new PlainSocket(url, protocol);
}

class WorkerSocket implements TerminalSocket {
  readyState: number = SocketState.Connecting;
  onmessage: ((data: ArrayBuffer) => void) | null = null;
  onclose: ((code: number, reason: string) => void) | null = null;
  private readonly worker: Worker;
  private heard = false;

  constructor(url: string, protocol: string, onWorkerFailed: () => void) {
    this.worker = new Worker(new URL('./terminal-socket.worker.ts', import.meta.url), { type: 'module', name: 'terminal socket' });
    this.worker.onmessage = (event: MessageEvent<FromSocketWorker>) => {
      this.heard = true;
      this.fromWorker(event.data);
    };
    this.worker.onerror = () => {
      // A worker that fails before saying anything did not start: the reconnection goes without one.
      if (!this.heard) onWorkerFailed();
      this.closed(1006, 'the terminal connection failed');
    };
    this.post({ type: 'open', url, protocol });
  }

  send(bytes: Uint8Array): void {
    if (this.readyState === SocketState.Open) this.post({ type: 'send', data: bytes });
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= SocketState.Closing) return;
    this.readyState = SocketState.Closing;
    this.post({ type: 'close', code, reason });
  }

  private fromWorker(message: FromSocketWorker): void {
    switch (message.type) {
      case 'open':
        if (this.readyState === SocketState.Connecting) this.readyState = SocketState.Open;
        break;
      case 'message':
        if (this.readyState < SocketState.Closed) this.onmessage?.(message.data);
        break;
      case 'close':
        this.closed(message.code, message.reason);
        break;
    }
  }

  private closed(code: number, reason: string): void {
    if (this.readyState === SocketState.Closed) return;
    this.readyState = SocketState.Closed;
    this.worker.terminate();
    this.onclose?.(code, reason);
  }

  private post(message: ToSocketWorker): void {
    this.worker.postMessage(message);
  }
}

class PlainSocket implements TerminalSocket {
  onmessage: ((data: ArrayBuffer) => void) | null = null;
  onclose: ((code: number, reason: string) => void) | null = null;
  private readonly socket: WebSocket;

  constructor(url: string, protocol: string) {
    this.socket = new WebSocket(url, protocol);
    this.socket.binaryType = 'arraybuffer';
    this.socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) =>
      this.onmessage?.(typeof event.data === 'string' ? new ArrayBuffer(0) : event.data);
    this.socket.onclose = (event) => this.onclose?.(event.code, event.reason);
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  send(bytes: Uint8Array): void {
    this.socket.send(bytes);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }
}
