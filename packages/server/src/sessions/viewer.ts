// One page attached to a session: its socket, how far it has been sent and how far it has parsed
// (its acks), and whether it answered the last heartbeat. Several viewers may show one session (the
// presenter view and the audience window); each is flow-controlled on its own.
import type { WebSocket } from 'ws';
import { encodeOutputFrame, encodeServerFrame, Flow, type ServerFrame } from '@deckhand/protocol';

export class Viewer {
  /** Stream offset up to which output has been sent to this page. */
  sent = 0;
  /** Stream offset up to which this page has parsed output (its last ack). */
  acked = 0;
  /** Whether the page answered since the last heartbeat. */
  alive = true;
  /** The exit notice has been sent; nothing more will be. */
  exitSent = false;
  /** A screen is being made for this page (it is new, or fell behind the ring): no output until then. */
  awaitingScreen = false;

  constructor(
    readonly socket: WebSocket,
    /** A follower watching the session: it reads and acks, and may not type or resize. */
    readonly watcher = false,
  ) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Bytes sent but not yet parsed by the page. */
  get unacked(): number {
    return this.sent - this.acked;
  }

  get socketFull(): boolean {
    return this.socket.bufferedAmount >= Flow.socketBufferLimitBytes;
  }

  /** Whether more output may go to this page now. */
  get canTakeOutput(): boolean {
    return this.open && !this.exitSent && !this.awaitingScreen && this.unacked < Flow.highWatermarkBytes && !this.socketFull;
  }

  startAt(offset: number): void {
    this.sent = offset;
    this.acked = offset;
  }

  send(frame: ServerFrame, onWritten?: () => void): void {
    this.sendBytes(encodeServerFrame(frame), onWritten);
  }

  /** Output from `offset` on, made of `parts` (views of the replay buffer, copied once into the frame). */
  sendOutput(offset: number, parts: readonly Uint8Array[], onWritten: () => void): void {
    this.sendBytes(encodeOutputFrame(offset, parts), onWritten);
  }

  private sendBytes(frame: Uint8Array, onWritten?: () => void): void {
    if (!this.open) return;
    this.socket.send(frame, { binary: true }, onWritten && (() => onWritten()));
  }

  close(code: number, reason: string): void {
    if (this.open) this.socket.close(code, reason.slice(0, 120));
  }
}
