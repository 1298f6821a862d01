// Work that waits until the frame on screen now has been painted: a slide change's history entry
// (route.ts), the terminal pane after the first slide (layout/TerminalSlot.tsx), the offline reader's
// app after its first paint (reader/first-paint.ts). A frame's callbacks run before its paint, so a
// task queued from them runs after it; a hidden page draws no frames, so `latestMs` runs it all the same.

/** Runs `then` once, after the next paint or `latestMs` at the latest; the result cancels it. */
export function afterNextPaint(then: () => void, latestMs: number): () => void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    then();
  };
  let task: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    task = setTimeout(once);
  });
  const latest = setTimeout(once, latestMs);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(task);
    clearTimeout(latest);
  };
}
