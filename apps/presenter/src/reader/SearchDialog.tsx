// The course search over an open deck (`/` or the Search button); Escape or a result closes it.
import { useModalDialog } from '../navigation/use-modal-dialog';
import { CourseSearch } from './CourseSearch';

export default function SearchDialog({ onClose }: { onClose(): void }) {
  const dialog = useModalDialog();
  return (
    <dialog ref={dialog} className="search-dialog" aria-label="Search the course" onClose={onClose} onCancel={onClose}>
      <CourseSearch autoFocus onGo={onClose} />
      <button type="button" className="search-close" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
