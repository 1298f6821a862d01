#!/usr/bin/env node
// Entry point of the `deckhand` command. The CLI is TypeScript, loaded through tsx so no build step
// stands between `npm ci` and `npx deckhand`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
