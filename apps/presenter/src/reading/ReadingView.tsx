// The reading view for narrow screens (a phone): every slide one under another at the screen's width,
// text reflowed instead of a scaled-down 1280×720 picture. The slide in the address is scrolled into
// view; the terminal stays on bigger screens. In the offline reader, notes and recorded outputs follow
// each slide.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { renderNotes } from '../presenter/notes-markdown';
import { READER } from '../reader/reader-mode';
import { attachRecordedOutputs } from '../slides/recorded-outputs';
import { routeHash } from '../route';
import { themeOf, themeTone } from '../themes/themes';
import type { DeckSession } from '../views/deck-session';

export function ReadingView({ session }: { session: DeckSession }) {
  const { deck, current } = session;
  const container = useRef<HTMLElement>(null);
  const theme = themeOf(deck.theme);

  useEffect(() => {
    container.current?.querySelector(`[data-slide="${current}"]`)?.scrollIntoView({ block: 'start' });
  }, [current]);
  // The offline reader has no terminal on a phone: every block's recorded output is shown under it.
  useLayoutEffect(() => {
    if (!READER || !container.current || !deck.recordings) return;
    return attachRecordedOutputs(container.current, deck.recordings);
  }, [deck]);

  return (
    <main className="reading-view" ref={container} aria-label={`${String(deck.directives.title ?? deck.id)}, reading view`}>
      {READER ? (
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
          {READER && slide.notes.length > 0 && (
            <aside className="reading-notes" aria-label="Notes" dangerouslySetInnerHTML={{ __html: renderNotes(slide.notes) }} />
          )}
        </article>
      ))}
    </main>
  );
}
