// `@deckhand/recording`: a block's recorded run in asciinema's asciicast format. Pure (no DOM, no Node
// APIs): `record` and the server write recordings with it, the offline reader replays them with it.
// Node-only file storage is the `@deckhand/recording/store` entry.
export {
  capIdle,
  durationOf,
  parseCast,
  writeCastV2,
  writeCastV3,
  type BlockStamp,
  type CastEvent,
  type CastProblem,
  type EventCode,
  type ParsedCast,
  type Recording,
} from './asciicast';
export { redact, secretsIn, REDACTED } from './redact';
export { RecordingBuilder, RECORDING_LIMITS } from './recording-builder';
