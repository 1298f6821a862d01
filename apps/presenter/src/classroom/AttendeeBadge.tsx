// On an attendee's page: who they are in the class, and their own link, to open the same terminal on
// another device (the address bar no longer shows it: the page drops the secret from it).
import { useEffect, useState } from 'react';
import { fetchMe } from './classroom-api';
import './classroom.css';

export function AttendeeBadge() {
  const [me, setMe] = useState<{ name: string; link: string } | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    fetchMe().then(setMe, () => setMe(null));
  }, []);
  if (!me) return null;
  return (
    <aside className="attendee-badge" aria-label="You in this class">
      <button type="button" onClick={() => setOpen((value) => !value)} aria-expanded={open}>
        {me.name}
      </button>
      {open && (
        <p>
          Your own link (it opens your terminal on another device; keep it to yourself):{' '}
          <input readOnly value={me.link} aria-label="Your own link" onFocus={(event) => event.currentTarget.select()} />
        </p>
      )}
    </aside>
  );
}
