// The first thing the page runs, before the app's code has even loaded: it takes the page's access
// (server-access.ts) and asks for the deck in the address at once, so the deck arrives while React
// and the app are still loading and parsing instead of after them (index.html loads this first; it
// imports nothing heavy). The app then takes that answer instead of asking again (api.ts).
import { prefetchDeck } from './deck-access/api';
import { takeAccessFromPage } from './deck-access/server-access';
import { readRoute } from './route';

takeAccessFromPage();
const { deck } = readRoute();
if (deck !== null) prefetchDeck(deck);
