// `@deckhand/check`: runs a deck's examples in a real shell and compares their output with the deck.
export { checkDeck, decksIn, type BlockResult, type BlockStatus, type CheckOptions, type DeckReport, type RunObserver } from './check-deck';
export { formatEngines, formatResult, formatSummary, junitXml, totals, type Totals } from './check-report';
export { PLACEHOLDERS, compareOutput, cleanTerminalOutput } from './expected-output';
export { recordDeck, type DeckRecording, type RecordOptions, type RecordResult, type RecordStatus } from './record-deck';
