// The slide themes, chosen by the deck's `theme` directive: Marp Core's own (default, gaia, uncover,
// built from @marp-team/marp-core by build/marp-themes.ts) and Deckhand's (deckhand-light, dark, and the
// course's deckhand). Each styles `section` elements under the `.dh-deck` wrapper, as Marp themes do. A
// deck naming no theme, or one Deckhand does not have, gets Marp's default, as in Marp (theme-names.ts).
// This module is its styles alone, imported for them (package.json lists it among the side effects).
import 'virtual:marp-themes.css';
import './auto-scaling.css';
import './code-colours.css';
import './code-actions.css';
import './deckhand-base.css';
import './deckhand-light.css';
import './dark.css';
import './deckhand.css';

