// Which app a build is: the live presenter (`deckhand serve`) or the offline reader (`deckhand build`).
// vite.config.ts and vite.reader.config.ts define it as a literal (vitest.config.ts too, for tests), so
// the bundler drops the other build's code, and what that code imports, where the flag is tested:
// through an imported constant it kept both (a module it cannot prove free of side effects, such as a
// search library, stayed in the live app's first load).
declare const __DECKHAND_READER__: boolean;
