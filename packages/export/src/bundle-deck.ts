// One deck as the reader gets it: parsed with its math typeset, its images carried (copied or inlined),
// its recordings attached, and its slides as search documents.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDeckWithMath } from '@deckhand/deck';
import type { ReaderDeck, SearchDocument } from './reader-format';
import { DeckAssets, type AssetCopies, type AssetMode } from './deck-assets';
import { deckRecordings } from './deck-recordings';
import type { Warn } from './build-warning';
import { slideText } from './search-index';

export interface BundledDeck {
  deck: ReaderDeck;
  title: string;
  copies: AssetCopies;
  documents: SearchDocument[];
}

export async function bundleDeck(deckFile: string, options: { assets: AssetMode; html?: boolean; warn: Warn }): Promise<BundledDeck> {
  const source = readFileSync(deckFile, 'utf8');
  const assets = new DeckAssets(deckFile, source, options.assets, options.warn);
  const parsed = assets.withoutNetworkImages(await parseDeckWithMath(source, { html: options.html, resolveUrl: assets.resolve }));
  for (const warning of parsed.warnings) options.warn({ file: deckFile, line: warning.line, message: warning.message });
  const id = path.basename(deckFile).replace(/\.md$/i, '');
  const recordings = await deckRecordings(deckFile, parsed, options.warn);
  const deck: ReaderDeck = { ...parsed, id, file: path.basename(deckFile), recordings };
  const title = typeof parsed.directives.title === 'string' ? parsed.directives.title : (parsed.slides[0]?.title ?? id);
  const documents = parsed.slides.map((slide) => ({
    id: `${id}/${slide.index}`,
    deck: id,
    deckTitle: title,
    slide: slide.index,
    title: slide.title ?? `Slide ${slide.index}`,
    text: [slideText(slide.html), ...slide.blocks.map((block) => recordings[block.id]?.text ?? '')].join('\n'),
    notes: slide.notes.join('\n'),
  }));
  return { deck, title, copies: assets.copies, documents };
}
