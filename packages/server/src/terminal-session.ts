// A terminal session: one shell from the sandbox, streamed over one WebSocket in the frames of
// packages/protocol. Malformed input closes this socket only; the shell ends when the socket does.
import type { WebSocket, RawData } from 'ws';
import {
  CloseCode,
  decodeClientFrame,
  encodeServerFrame,
  ProtocolError,
  type ClientFrame,
} from '@deckhand/protocol';
import type { Shell } from './sandbox/sandbox';
import type { Logger } from './log';

export class TerminalSession {
  private bytesIn = 0;
  private bytesOut = 0;
  private ended = false;

  constructor(
    readonly id: string,
    private readonly shell: Shell,
    private readonly socket: WebSocket,
    private readonly log: Logger,
    private readonly onEnd: (session: TerminalSession) => void,
  ) {
    shell.onData((data) => {
      this.bytesOut += data.length;
      this.send(encodeServerFrame({ type: 'output', data }));
    });
    shell.onExit(({ code, signal }) => {
      this.send(encodeServerFrame({ type: 'exit', code, signal }));
      this.end('shell exited', CloseCode.ShellExited);
    });
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    socket.on('close', () => this.end('socket closed'));
    socket.on('error', () => this.end('socket error'));
    log.info('session start', { session: id, pid: shell.pid });
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (!isBinary) {
      this.end('text frame refused', CloseCode.UnsupportedData);
      return;
    }
    let frame: ClientFrame;
    try {
      frame = decodeClientFrame(toBytes(data));
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.end(`protocol error: ${error.message}`, CloseCode.ProtocolError);
      return;
    }
    if (frame.type === 'input') {
      this.bytesIn += frame.data.length;
      this.shell.write(frame.data);
    } else {
      this.shell.resize(frame.cols, frame.rows);
    }
  }

  private send(bytes: Uint8Array): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(bytes, { binary: true });
  }

  end(reason: string, closeCode: number = CloseCode.Normal): void {
    if (this.ended) return;
    this.ended = true;
    this.shell.dispose();
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(closeCode, reason.slice(0, 120));
    this.log.info('session end', { session: this.id, reason, bytesIn: this.bytesIn, bytesOut: this.bytesOut });
    this.onEnd(this);
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
