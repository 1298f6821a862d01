// What `deckhand pdf` prints (the reader build, opened at `#!print/slides` or `#!print/handout`): every
// deck of the course one after another. Slides: one page per slide at the deck's size, as the audience
// sees it. Handout: A4 pages, each slide scaled to the page's width with its notes and the recorded
// output of its blocks as text. Chromium makes the PDF's outline from the headings it paints: a heading
// per deck (painted transparent, so it is in the outline and the text but not in sight), then each
// slide's first heading one level below; a slide's other headings are kept out of the outline. When
// every deck is laid out, `data-print-ready` on <body> tells the printer to print.
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LoadedDeck } from '../deck-access/api';
import { renderNotes } from '../presenter/notes-markdown';
import { autoScale } from '../slides/auto-scaling';
import { themeOf, themeTone } from '../themes/theme-names';
import { readerCourse, readerDeck } from './reader-data';
import type { PrintKind } from './print-kind';

/** The wrapper every deck's CSS is scoped to (DECK_SCOPE in packages/deck/src/model.ts; importing it
 *  would bring the deck package's math engines into the page). */
const DECK_SCOPE = '.dh-deck';

/** A4 width less the handout's margins (14 mm each side), in CSS pixels. */
const HANDOUT_WIDTH = ((210 - 28) / 25.4) * 96;

export default function PrintView({ kind }: { kind: PrintKind }) {
  const [decks, setDecks] = useState<LoadedDeck[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const root = useRef<HTMLElement>(null);

  useEffect(() => {
    Promise.all(readerCourse().decks.map((deck) => readerDeck(deck.id))).then(setDecks, (error: unknown) =>
      setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, []);

  useLayoutEffect(() => {
    const element = root.current;
    if (!decks || !element) return;
    for (const slide of element.querySelectorAll('.dh-deck')) {
      slide.querySelectorAll('h1, h2, h3, h4, h5, h6').forEach((heading, index) => {
        if (index === 0) heading.setAttribute('aria-level', '2');
        else heading.setAttribute('role', 'presentation');
      });
    }
    const unfit = [...element.querySelectorAll<HTMLElement>('.dh-deck')].map(autoScale);
    const images = [...element.querySelectorAll('img')].map((image) => image.decode().catch(() => undefined));
    void Promise.all([document.fonts.ready, ...images]).then(() => (document.body.dataset.printReady = 'true'));
    return () => unfit.forEach((stop) => stop());
  }, [decks]);

  if (failure) return <main role="alert">{failure}</main>;
  if (!decks) return <main>Loading…</main>;
  const pages = decks.map((deck, index) => `@page deck-${index} { size: ${deck.size.width}px ${deck.size.height}px; margin: 0; }`).join('\n');
  return (
    <main className={`print-view print-${kind}`} ref={root}>
      <style>{kind === 'slides' ? pages : '@page { size: A4; margin: 14mm; }'}</style>
      {decks.map((deck, index) => {
        const title = readerCourse().decks.find((summary) => summary.id === deck.id)?.title ?? deck.id;
        const theme = themeOf(deck.theme);
        const scoped = `${DECK_SCOPE}[data-print-deck="${CSS.escape(deck.id)}"]`;
        return (
          <section key={deck.id} className="print-deck" style={kind === 'slides' ? { page: `deck-${index}` } : undefined}>
            <style>{deck.css.split(DECK_SCOPE).join(scoped)}</style>
            {deck.slides.map((slide) => (
              <article key={slide.index} className="print-page">
                {slide.index === 1 && <h1 className="print-deck-title">{title}</h1>}
                <div
                  className="print-slide"
                  style={kind === 'handout' ? { width: HANDOUT_WIDTH, height: (HANDOUT_WIDTH * deck.size.height) / deck.size.width } : undefined}
                >
                  <div
                    className="dh-deck"
                    data-print-deck={deck.id}
                    data-theme={theme}
                    data-tone={themeTone(theme, deck.directives.class)}
                    style={{
                      width: deck.size.width,
                      height: deck.size.height,
                      transform: kind === 'handout' ? `scale(${HANDOUT_WIDTH / deck.size.width})` : undefined,
                    }}
                    dangerouslySetInnerHTML={{ __html: slide.sectionHtml }}
                  />
                </div>
                {kind === 'handout' && (
                  <div className="print-extras">
                    <p className="print-where">
                      {title} · slide {slide.index} of {deck.slides.length}
                    </p>
                    {slide.notes.length > 0 && <div className="print-notes" dangerouslySetInnerHTML={{ __html: renderNotes(slide.notes) }} />}
                    {slide.blocks
                      .filter((block) => block.runnable && deck.recordings?.[block.id])
                      .map((block) => (
                        <Fragment key={block.id}>
                          <p className="print-output-label">Output of {block.commands[0]?.split('\n')[0]}</p>
                          <pre className="print-output">{deck.recordings?.[block.id]?.text}</pre>
                        </Fragment>
                      ))}
                  </div>
                )}
              </article>
            ))}
          </section>
        );
      })}
    </main>
  );
}
