// One follower's socket, sent to as the follow feed requires: only snapshots, and only the latest. While
// a message is still on its way (the follower reads slowly, or its network stalls), a newer one replaces
// whatever was waiting instead of queueing behind it, so a slow follower holds at most two messages of
// the server's memory and never delays the others.
import type { WebSocket } from 'ws';
import type { FollowerReport } from '@deckhand/protocol';

export class FollowerConnection {
  report: FollowerReport = {};
  alive = true;
  private sending = false;
  private waiting: string | null = null;

  constructor(
    readonly socket: WebSocket,
    /** The address it came from, for the per-address limit. */
    readonly address: string,
  ) {}

  /** Sends `text`, or keeps it as the one message to send once the one on its way has left. */
  send(text: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.sending) {
      this.waiting = text;
      return;
    }
    this.sending = true;
    this.socket.send(text, () => {
      this.sending = false;
      const next = this.waiting;
      this.waiting = null;
      if (next !== null) this.send(next);
    });
  }
}
