// Which app this build is: the live presenter (`deckhand serve`) or the offline reader (`deckhand
// build`), decided when the app is built (vite.reader.config.ts defines __DECKHAND_READER__), so each
// build carries only its own terminal source.
declare const __DECKHAND_READER__: boolean | undefined;

export const READER: boolean = typeof __DECKHAND_READER__ !== 'undefined' && __DECKHAND_READER__;
