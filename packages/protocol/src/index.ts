// The terminal wire format: imported by the server (packages/server) and the browser (apps/presenter).
export * from './frames';
