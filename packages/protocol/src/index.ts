// The terminal wire format and its flow-control constants: imported by the server (packages/server)
// and the browser (apps/presenter).
export * from './frames';
export * from './flow';
