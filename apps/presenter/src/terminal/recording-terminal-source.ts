// The offline reader's source: a block's recorded run (asciicast, see @deckhand/recording) replayed into
// the terminal pane in place of a live shell. Plays at the recorded pace (pauses cut to the recording's
// idle limit), twice as fast, or at once; pauses, restarts and seeks. Seeking back redraws from the start
// at once, since a terminal screen can only be rebuilt forwards.
import { capIdle, durationOf, parseCast, type CastEvent } from '@deckhand/recording';
import type { RecordedRun } from '@deckhand/export/reader-format';
import { Listeners, type EndingWarning, type TerminalScreen, type TerminalSource, type TerminalStatus } from './terminal-source';

export type ReplaySpeed = 1 | 2 | 'instant';

export interface ReplayState {
  /** What is loaded: nothing yet, a block without a recording, or a recording. */
  kind: 'idle' | 'missing' | 'loaded';
  /** The block's first command, for the controls' label. */
  title: string;
  playing: boolean;
  speed: ReplaySpeed;
  /** Seconds into the recording, and its length (after idle capping). */
  position: number;
  duration: number;
  /** Why the recording could not be read, when it could not. */
  problem?: string;
}

/** How often the position bar moves while playing. */
const POSITION_TICK_MS = 100;

const SPEED_KEY = 'deckhand.reader.speed';

/** The speed the reader chose last, kept in this browser: it applies to every replay until changed. */
function storedSpeed(): ReplaySpeed {
  try {
    const value = window.localStorage.getItem(SPEED_KEY);
    return value === '2' ? 2 : value === 'instant' ? 'instant' : 1;
  } catch {
    return 1;
  }
}

export class RecordingTerminalSource implements TerminalSource {
  private screen: TerminalScreen | null = null;
  private readonly output = new Listeners<Uint8Array>();
  private readonly status = new Listeners<TerminalStatus>();
  private readonly replay = new Listeners<ReplayState>();
  private readonly encoder = new TextEncoder();
  private events: CastEvent[] = [];
  /** Index of the next event to draw. */
  private next = 0;
  private state: ReplayState;
  /** While playing: the position at `since` (performance.now()). */
  private anchor = { position: 0, since: 0 };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor() {
    this.state = { kind: 'idle', title: '', playing: false, speed: storedSpeed(), position: 0, duration: 0 };
  }

  bind(screen: TerminalScreen): void {
    this.screen = screen;
    queueMicrotask(() => this.status.emit({ state: 'open' }));
  }

  onOutput(listener: (data: Uint8Array) => void): () => void {
    return this.output.add(listener);
  }

  onStatus(listener: (status: TerminalStatus) => void): () => void {
    return this.status.add(listener);
  }

  onWarning(_listener: (warning: EndingWarning | null) => void): () => void {
    return () => undefined; // a recording never times out
  }

  onReplay(listener: (state: ReplayState) => void): () => void {
    listener(this.state);
    return this.replay.add(listener);
  }

  /** No shell to type into: keystrokes in the pane go nowhere. */
  sendInput(_text: string): void {}

  resize(_cols: number, _rows: number): void {}

  /** Loads a block's run (or says it has none) and plays it from the start. */
  play(run: RecordedRun | null, title: string): void {
    this.halt();
    this.screen?.reset();
    this.events = [];
    this.next = 0;
    if (!run) {
      this.update({ kind: 'missing', title, playing: false, position: 0, duration: 0, problem: undefined });
      return;
    }
    const { recording, problems } = parseCast(run.cast);
    this.events = recording ? capIdle(recording.events, recording.idleTimeLimit).filter((event) => event.code === 'o') : [];
    const problem = recording ? undefined : problems[0]?.message;
    this.update({ kind: 'loaded', title, playing: false, position: 0, duration: durationOf(this.events), problem });
    this.resume();
  }

  togglePlay(): void {
    if (this.state.kind !== 'loaded') return;
    if (this.state.playing) this.halt();
    else if (this.next >= this.events.length) this.restart();
    else this.resume();
  }

  restart(): void {
    if (this.state.kind !== 'loaded') return;
    this.halt();
    this.screen?.reset();
    this.next = 0;
    this.update({ position: 0 });
    this.resume();
  }

  setSpeed(speed: ReplaySpeed): void {
    try {
      window.localStorage.setItem(SPEED_KEY, String(speed));
    } catch {
      // Storage blocked: the speed holds for this page.
    }
    const playing = this.state.playing;
    this.halt();
    this.update({ speed });
    if (playing) this.resume();
  }

  /** Jumps to `seconds` into the recording, drawing what it showed then; keeps playing if it was. */
  seek(seconds: number): void {
    if (this.state.kind !== 'loaded') return;
    const playing = this.state.playing;
    this.halt();
    const target = Math.min(Math.max(seconds, 0), this.state.duration);
    if (target < this.state.position) {
      this.screen?.reset();
      this.next = 0;
    }
    this.drawUntil(target);
    this.update({ position: target });
    if (playing) this.resume();
  }

  dispose(): void {
    this.halt();
  }

  private resume(): void {
    if (this.state.speed === 'instant') {
      this.drawUntil(Infinity);
      this.update({ playing: false, position: this.state.duration });
      return;
    }
    this.anchor = { position: this.state.position, since: performance.now() };
    this.update({ playing: true });
    this.ticker = setInterval(() => this.update({ position: Math.min(this.now(), this.state.duration) }), POSITION_TICK_MS);
    this.step();
  }

  /** Draws what is due, then sleeps until the next event is. */
  private step(): void {
    const now = this.now();
    this.drawUntil(now);
    const upcoming = this.events[this.next];
    if (!upcoming) {
      this.halt();
      this.update({ position: this.state.duration });
      return;
    }
    const speed = this.state.speed === 'instant' ? 1 : this.state.speed;
    this.timer = setTimeout(() => this.step(), Math.max(0, ((upcoming.time - now) * 1000) / speed));
  }

  private now(): number {
    const speed = this.state.speed === 'instant' ? 1 : this.state.speed;
    return this.anchor.position + ((performance.now() - this.anchor.since) / 1000) * speed;
  }

  /** Writes every event up to `time` in one write: xterm parses a large write in slices of its own. */
  private drawUntil(time: number): void {
    let text = '';
    while (this.next < this.events.length && (this.events[this.next] as CastEvent).time <= time) text += (this.events[this.next++] as CastEvent).data;
    if (!text) return;
    this.output.emit(this.encoder.encode(text));
    this.screen?.write(text, () => undefined);
  }

  private halt(): void {
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    this.timer = this.ticker = undefined;
    if (this.state.playing) this.update({ playing: false, position: Math.min(this.now(), this.state.duration) });
  }

  private update(change: Partial<ReplayState>): void {
    this.state = { ...this.state, ...change };
    this.replay.emit(this.state);
  }
}
