// The course search over an open deck (`/` or the Search button); Escape or a result closes it.
import { useEffect, useRef } from 'react';
import { CourseSearch } from './CourseSearch';

export default function SearchDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement as HTMLElement | null;
    element.showModal();
    return () => {
      element.close();
      opener?.focus?.();
    };
  }, []);
  return (
    <dialog ref={dialog} className="search-dialog" aria-label="Search the course" onClose={onClose} onCancel={onClose}>
      <CourseSearch autoFocus onGo={onClose} />
      <button type="button" className="search-close" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
