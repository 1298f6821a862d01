// Tells screen readers which slide is showing after every change ("Slide 3 of 12: Images are layers").
export function SlideAnnouncer({ index, total, title }: { index: number; total: number; title: string | null }) {
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="slide-announcer">
      {`Slide ${index} of ${total}${title ? `: ${title}` : ''}`}
    </div>
  );
}
