// The reading view for narrow screens (a phone): every slide one under another at the screen's width,
// text reflowed instead of a scaled-down 1280×720 picture. The slide in the address is scrolled into
// view; the terminal stays on bigger screens. In the offline reader, notes and recorded outputs follow
// each slide.
import { lazy, Suspense, useEffect, useLayoutEffect, useRef } from 'react';
import { attachRecordedOutputs } from '../slides/recorded-outputs';
import { routeHash } from '../route';
import { themeOf, themeTone } from '../themes/theme-names';
import type { DeckSession } from '../views/deck-session';

// Only the offline reader shows notes here; the live app's build leaves the renderer out.
const ReadingNotes = __DECKHAND_READER__ ? lazy(() => import('./ReadingNotes')) : null;

export function ReadingView({ session }: { session: DeckSession }) {
  const { deck, current } = session;
  const container = useRef<HTMLElement>(null);
  const theme = themeOf(deck.theme);

  useEffect(() => {
    container.current?.querySelector(`[data-slide="${current}"]`)?.scrollIntoView({ block: 'start' });
  }, [current]);
  // The offline reader has no terminal on a phone: every block's recorded output is shown under it.
  useLayoutEffect(() => {
    if (!__DECKHAND_READER__ || !container.current || !deck.recordings) return;
    return attachRecordedOutputs(container.current, deck.recordings);
  }, [deck]);

  return (
    <main className="reading-view" ref={container} aria-label={`${String(deck.directives.title ?? deck.id)}, reading view`}>
      {__DECKHAND_READER__ ? (
        <a className="clicker-link" href="#/">
          All decks
        </a>
      ) : (
        session.openPresenter && (
          <a className="clicker-link" href={routeHash({ deck: deck.id, slide: current, view: 'presenter' })}>
            Presenting? Use this phone as a clicker
          </a>
        )
      )}
      {deck.slides.map((slide) => (
        <article key={slide.index} className="reading-slide" data-slide={slide.index} aria-label={`Slide ${slide.index} of ${deck.slides.length}`}>
          <div className="dh-deck" data-theme={theme} data-tone={themeTone(theme, deck.directives.class)} dangerouslySetInnerHTML={{ __html: slide.sectionHtml }} />
          {__DECKHAND_READER__ && slide.notes.length > 0 && (
            <Suspense fallback={null}>{ReadingNotes && <ReadingNotes notes={slide.notes} />}</Suspense>
          )}
        </article>
      ))}
    </main>
  );
}
