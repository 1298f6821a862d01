// The bar under the slide: previous/next with the position, layout, terminal font size, screen-reader
// mode, overview, presenter view and help. Every control is a real button, reachable by Tab.
import type { ReactNode } from 'react';
import type { LayoutName } from '@deckhand/protocol';

export interface SlideToolbarProps {
  current: number;
  total: number;
  layout: LayoutName;
  screenReaderMode: boolean;
  go(slide: number): void;
  setLayout(layout: LayoutName): void;
  changeFontSize(step: number): void;
  toggleScreenReaderMode(): void;
  openOverview(): void;
  /** Absent on a follower's page: the presenter view is the trainer's. */
  openPresenter?: () => void;
  openHelp(): void;
  children?: ReactNode;
}

const LAYOUT_LABELS: Array<[LayoutName, string, string]> = [
  ['slide', 'Slide', 'Slide only'],
  ['split', 'Split', 'Slide and terminal side by side'],
  ['terminal', 'Terminal', 'Terminal maximised'],
];

export function SlideToolbar(props: SlideToolbarProps) {
  const { current, total, layout } = props;
  return (
    <nav className="slide-toolbar" aria-label="Slide controls">
      <div className="toolbar-group">
        <button type="button" onClick={() => props.go(current - 1)} disabled={current <= 1} aria-label="Previous slide">
          ←
        </button>
        <span className="slide-position">
          {current} / {total}
        </span>
        <button type="button" onClick={() => props.go(current + 1)} disabled={current >= total} aria-label="Next slide">
          →
        </button>
      </div>
      {props.children}
      <div className="toolbar-group" role="group" aria-label="Layout">
        {LAYOUT_LABELS.map(([name, label, title]) => (
          <button key={name} type="button" aria-pressed={layout === name} title={title} onClick={() => props.setLayout(name)}>
            {label}
          </button>
        ))}
      </div>
      <div className="toolbar-group" role="group" aria-label="Terminal">
        <button type="button" onClick={() => props.changeFontSize(-2)} aria-label="Smaller terminal font">
          A−
        </button>
        <button type="button" onClick={() => props.changeFontSize(2)} aria-label="Larger terminal font">
          A+
        </button>
        <button type="button" aria-pressed={props.screenReaderMode} onClick={props.toggleScreenReaderMode} title="Terminal screen-reader mode">
          Screen reader
        </button>
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={props.openOverview}>
          Overview
        </button>
        {props.openPresenter && (
          <button type="button" onClick={props.openPresenter}>
            Presenter view
          </button>
        )}
        <button type="button" onClick={props.openHelp} aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
    </nav>
  );
}
