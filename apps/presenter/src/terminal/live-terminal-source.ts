// The live source: a shell on the server, over a WebSocket speaking packages/protocol.
import { CloseCode, SUBPROTOCOL, decodeServerFrame, encodeClientFrame } from '@deckhand/protocol';
import { Listeners, type TerminalSource, type TerminalStatus } from './terminal-source';

export class LiveTerminalSource implements TerminalSource {
  private readonly socket: WebSocket;
  private readonly output = new Listeners<Uint8Array>();
  private readonly status = new Listeners<TerminalStatus>();
  private readonly encoder = new TextEncoder();
  private exited = false;

  constructor(size: { cols: number; rows: number }) {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${window.location.host}/ws/terminal?cols=${size.cols}&rows=${size.rows}`;
    this.socket = new WebSocket(url, SUBPROTOCOL);
    this.socket.binaryType = 'arraybuffer';
    this.socket.onopen = () => this.status.emit({ state: 'open' });
    this.socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      const frame = decodeServerFrame(new Uint8Array(event.data));
      if (frame.type === 'output') this.output.emit(frame.data);
      else if (frame.type === 'screen') this.output.emit(this.encoder.encode(frame.text));
      else if (frame.type === 'exit') {
        this.exited = true;
        this.status.emit({ state: 'exited', code: frame.code, signal: frame.signal });
      }
    };
    this.socket.onclose = (event) => {
      if (this.exited || event.code === CloseCode.ShellExited) return;
      const reason =
        event.code === CloseCode.ServerShuttingDown
          ? 'The Deckhand server stopped.'
          : event.code === 1006
            ? 'The connection to the terminal was lost (the server may have stopped or refused access).'
            : `The terminal connection closed (${event.code}${event.reason ? ': ' + event.reason : ''}).`;
      this.status.emit({ state: 'closed', reason });
    };
    this.status.emit({ state: 'connecting' });
  }

  onOutput(listener: (data: Uint8Array) => void): () => void {
    return this.output.add(listener);
  }

  onStatus(listener: (status: TerminalStatus) => void): () => void {
    return this.status.add(listener);
  }

  sendInput(text: string): void {
    this.send(encodeClientFrame({ type: 'input', data: this.encoder.encode(text) }));
  }

  resize(cols: number, rows: number): void {
    this.send(encodeClientFrame({ type: 'resize', cols, rows }));
  }

  private send(bytes: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(bytes);
  }

  dispose(): void {
    this.socket.close(1000, 'page closed the terminal');
  }
}
