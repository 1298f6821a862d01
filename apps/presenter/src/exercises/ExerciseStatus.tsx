// On an exercise slide: a "Done" checkbox; always: the deck's progress, such as "Exercises 4/9".
import type { ExerciseRef } from './exercises';
import type { ExerciseProgress } from './use-exercise-progress';

export function ExerciseStatus({ exercises, current, progress }: { exercises: ExerciseRef[]; current: ExerciseRef | null; progress: ExerciseProgress }) {
  if (exercises.length === 0) return null;
  const count = exercises.filter((exercise) => progress.done.includes(exercise.id)).length;
  return (
    <div className="exercise-status">
      {current && (
        <label>
          <input type="checkbox" checked={progress.done.includes(current.id)} onChange={() => progress.toggle(current.id)} /> Exercise done
        </label>
      )}
      <span className="exercise-progress" aria-label={`${count} of ${exercises.length} exercises done`}>
        Exercises {count}/{exercises.length}
      </span>
    </div>
  );
}
