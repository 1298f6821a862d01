// The divider between slide and terminal: drag it with a pointer, or focus it and use ← →.
// The position is a fraction of the width, remembered in the browser by the caller.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

import { clampSplit, SPLIT_MAX, SPLIT_MIN } from './layout-rules';

const KEY_STEP = 0.02;

export function SplitDivider({ fraction, onChange }: { fraction: number; onChange(fraction: number): void }) {
  const dragging = useRef(false);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    dragging.current = true;
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!dragging.current) return;
    const parent = event.currentTarget.parentElement?.getBoundingClientRect();
    if (parent && parent.width > 0) onChange(clampSplit((event.clientX - parent.left) / parent.width));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
    dragging.current = false;
    event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowLeft' ? -KEY_STEP : event.key === 'ArrowRight' ? KEY_STEP : 0;
    if (!step) return;
    event.preventDefault();
    event.stopPropagation();
    onChange(clampSplit(fraction + step));
  };

  return (
    <div
      className="split-divider"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize slide and terminal"
      aria-valuemin={Math.round(SPLIT_MIN * 100)}
      aria-valuemax={Math.round(SPLIT_MAX * 100)}
      aria-valuenow={Math.round(fraction * 100)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
