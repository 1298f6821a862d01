// The wire formats and their constants: the terminal's frames and flow control, and the views' sync
// messages; imported by the server (packages/server) and the browser (apps/presenter).
export * from './frames';
export * from './flow';
export * from './limits';
export * from './sync';
export * from './follow';
export { parseJson } from './schema';
export * from './classroom';
