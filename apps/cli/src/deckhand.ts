// The `deckhand` command as the npm package runs it, compiled to apps/cli/dist/deckhand.js by
// scripts/build-package.ts. In a clone, apps/cli/bin/deckhand.js runs the same main() through tsx.
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
