// Which exercises of a deck are done, kept per deck in this browser so it survives a reload.
import { useCallback } from 'react';
import { useStoredState } from '../settings/use-stored-state';

const isIdList = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === 'string');

export interface ExerciseProgress {
  done: readonly string[];
  toggle(id: string): void;
}

export function useExerciseProgress(deck: string): ExerciseProgress {
  const [done, setDone] = useStoredState<string[]>(`deckhand.exercises.${deck}`, [], isIdList);
  const toggle = useCallback(
    (id: string) => setDone((current) => (current.includes(id) ? current.filter((other) => other !== id) : [...current, id])),
    [setDone],
  );
  return { done, toggle };
}
