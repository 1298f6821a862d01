// Flow control and liveness constants, shared by the server and the browser. The browser acknowledges
// output after xterm.js has parsed it (from `term.write`'s callback, not on receipt), so the server
// knows how far behind the screen is and can stop reading the pty instead of piling bytes up in a
// socket, a browser buffer or its own memory. Figures and their origins: ../shared/guide/terminal.md.
export const Flow = {
  /**
   * The browser sends an ack once it has parsed this many bytes since its last ack: an eighth of the
   * window, so the server hears well before the window fills, without a send per frame.
   */
  ackEveryBytes: 128 * 1024,
  /**
   * Unacknowledged bytes a viewer may have in flight. The server stops sending to a viewer at this
   * point, and stops reading the pty when even the most caught-up viewer is this far behind.
   * It must cover what a page parses during one ack's round trip (a page parses 20–45 MB/s and an
   * ack comes back 10–30 ms later, behind renders), or the page idles waiting: 256 KiB kept it idle
   * most of a flood. At 1 MiB a Ctrl-C under a flood is still shown within ~50 ms of parsing.
   */
  highWatermarkBytes: 1024 * 1024,
  /**
   * The pty is read again once the most caught-up viewer is back below this: close to the high
   * watermark, so the page still has plenty to parse while the shell refills the pipe.
   */
  lowWatermarkBytes: 768 * 1024,
  /** Bytes queued in a socket (ws `bufferedAmount`) above which nothing more is sent to it. */
  socketBufferLimitBytes: 1024 * 1024,
  /**
   * Output that follows other output within this long is gathered and sent this long after the last
   * frame, so a flood goes out in few large frames (a browser pays per WebSocket message: with a
   * frame per 4 KiB pty read, Chromium received at a fraction of what a Node client does). The first
   * output after a keystroke (its echo) or after a quiet spell goes out at once.
   */
  batchMs: 5,
  /** Largest output payload in one frame: xterm.js parses it in well under a frame's time. */
  maxOutputFrameBytes: 256 * 1024,
  /**
   * Output kept per session for resuming by byte offset; a larger gap gets a serialized screen. Twice
   * the window, so a page that drops while its window is full still resumes byte-exact.
   */
  replayBufferBytes: 2 * 1024 * 1024,
  /**
   * Output the server's screen mirror (parsed in its own thread) may lag behind before the pty is
   * paused for it; the replay buffer keeps those bytes meanwhile.
   */
  mirrorLagLimitBytes: 4 * 1024 * 1024,
  /**
   * Typing comes first (packages/server/src/sessions/typing-priority.ts): while someone typed in
   * another terminal of the server within this long, a terminal's output is paced.
   */
  typingPriorityMs: 500,
  /** The pace: about 13,000 lines of 80 characters a second, far more than anyone reads. */
  pacedBytesPerSecond: 1024 * 1024,
  /** Output a paced terminal may still send at once, so a command's answer is never held back. */
  pacedBurstBytes: 256 * 1024,
} as const;

export const Liveness = {
  /** The server pings every viewer (WebSocket ping, and a heartbeat frame the page can see) this often. */
  heartbeatMs: 20_000,
  /** A page that has heard nothing for this long treats the connection as dead and reconnects. */
  silenceMs: 45_000,
  /** How long before an idle timeout or the maximum lifetime the page is warned. */
  warnBeforeEndMs: 60_000,
} as const;
