// A follower's view of the terminal the trainer shares: one read-only tab showing the trainer's shell
// as it is, from /ws/follow/terminal. Loaded on demand (React.lazy), like the live pane.
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { TerminalTab, type TerminalLook } from './TerminalTab';

const ignore = (): void => undefined;

export default function WatchPane({ term, look }: { term: number; look: TerminalLook }) {
  return (
    <section className="terminal-pane" data-tone={look.tone} aria-label="The trainer's terminal (read-only)">
      <div className="terminal-tabs">
        <span className="terminal-tab-label" data-active="true">The trainer's terminal {term} · read-only</span>
      </div>
      <div className="terminal-tab-area">
        {/* Remounted when the trainer shares another tab: a new watch for it. */}
        <TerminalTab key={term} term={term} active look={look} onHandle={ignore} watch />
      </div>
    </section>
  );
}
