// The trainer's dashboard, computed from what followers report: how many are connected, on the trainer's
// slide, behind, ahead or elsewhere (another deck, or not said), which exercises of the trainer's deck
// they marked done, and the names they chose to give. Nothing else about them is kept.
import { MAX_LISTED_NAMES, type FollowerReport, type FollowersSummary, type TrainerPosition } from '@deckhand/protocol';

export function summarize(position: TrainerPosition, reports: Iterable<FollowerReport>): FollowersSummary {
  const summary: FollowersSummary = {
    deck: position.deck,
    slide: position.slide,
    terminal: position.terminal,
    connected: 0,
    here: 0,
    behind: 0,
    ahead: 0,
    elsewhere: 0,
    done: [],
    names: [],
  };
  const done = new Map<string, number>();
  for (const report of reports) {
    summary.connected++;
    if (report.name && summary.names.length < MAX_LISTED_NAMES) summary.names.push(report.name);
    if (position.deck === null || report.deck !== position.deck || report.slide === undefined) {
      summary.elsewhere++;
      continue;
    }
    if (report.slide === position.slide) summary.here++;
    else if (report.slide < position.slide) summary.behind++;
    else summary.ahead++;
    for (const id of report.done ?? []) done.set(id, (done.get(id) ?? 0) + 1);
  }
  summary.done = [...done].sort(([a], [b]) => a.localeCompare(b));
  summary.names.sort((a, b) => a.localeCompare(b));
  return summary;
}
