// Search across every deck of the offline course: type, and the matching slides are listed with their
// deck; a result opens that slide. On the deck index and in a dialog over a deck (`/`).
import { useEffect, useState } from 'react';
import { routeHash } from '../route';
import { searchCourse, type SearchHit } from './course-search';

export function CourseSearch({ autoFocus, onGo }: { autoFocus?: boolean; onGo?(): void }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    searchCourse(query).then(
      (found) => {
        if (!current) return;
        setHits(query.trim() ? found : null);
        setFailure(null);
      },
      (error: unknown) => {
        if (current) setFailure(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      current = false;
    };
  }, [query]);

  return (
    <div className="course-search" role="search">
      <input
        type="search"
        aria-label="Search the course"
        placeholder="Search slides, notes and outputs"
        value={query}
        autoFocus={autoFocus}
        onChange={(event) => setQuery(event.target.value)}
      />
      {failure && <p role="alert">{failure}</p>}
      {hits && (
        <ol className="search-results" aria-label="Search results">
          {hits.length === 0 && <li className="search-none">Nothing matches “{query}”.</li>}
          {hits.map((hit) => (
            <li key={`${hit.deck}/${hit.slide}`}>
              <a href={routeHash({ deck: hit.deck, slide: hit.slide })} onClick={onGo}>
                <span className="search-title">{hit.title}</span>
                <span className="search-where">
                  {hit.deckTitle} · slide {hit.slide}
                </span>
              </a>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
