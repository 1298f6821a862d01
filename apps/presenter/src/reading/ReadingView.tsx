// The reading view for narrow screens (a phone): every slide one under another at the screen's width,
// text reflowed instead of a scaled-down 1280×720 picture. The slide in the address is scrolled into
// view; the terminal stays on bigger screens.
import { useEffect, useRef } from 'react';
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

  return (
    <main className="reading-view" ref={container} aria-label={`${String(deck.directives.title ?? deck.id)}, reading view`}>
      <a className="clicker-link" href={routeHash({ deck: deck.id, slide: current, view: 'presenter' })}>
        Presenting? Use this phone as a clicker
      </a>
      {deck.slides.map((slide) => (
        <article key={slide.index} className="reading-slide" data-slide={slide.index} aria-label={`Slide ${slide.index} of ${deck.slides.length}`}>
          <div className="dh-deck" data-theme={theme} data-tone={themeTone(theme, deck.directives.class)} dangerouslySetInnerHTML={{ __html: slide.sectionHtml }} />
        </article>
      ))}
    </main>
  );
}
