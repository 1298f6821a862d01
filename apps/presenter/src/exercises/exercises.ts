// The exercises of a deck, in slide order: the deck package marks each slide that declares one
// (its first heading starts with `Exercise:`, docs/deck-syntax.md).
import type { Deck } from '@deckhand/deck';

export interface ExerciseRef {
  id: string;
  title: string;
  slide: number;
}

export function exercisesOf(deck: Deck): ExerciseRef[] {
  return deck.slides.flatMap((slide) => (slide.exercise ? [{ id: slide.exercise.id, title: slide.exercise.title, slide: slide.index }] : []));
}
