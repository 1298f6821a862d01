// `@deckhand/export`: the decks for the reader without a server. A static site or single HTML files
// (deckhand build) and PDFs (deckhand pdf), with the recorded runs of their blocks.
export { buildSite, type BuildOptions, type BuildResult } from './build-site';
export { formatWarning, type BuildWarning, type Warn } from './build-warning';
export { buildPdf, type PdfOptions } from './pdf';
