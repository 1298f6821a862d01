// An attendee's page tells the trainer's Classroom page where it is: the deck, the slide and the
// exercises marked done, when they change and every 15 s (which also says the page is still open).
// Does nothing on a trainer's or follower's page.
import { useEffect } from 'react';
import { PAGE_ROLE } from '../deck-access/server-access';
import { report } from './classroom-api';

const EVERY_MS = 15_000;

export function useAttendeeReport(deck: string, slide: number, done: readonly string[]): void {
  useEffect(() => {
    if (PAGE_ROLE !== 'attendee') return;
    const send = (): void => void report({ deck, slide, done }).catch(() => undefined);
    send();
    const timer = setInterval(send, EVERY_MS);
    return () => clearInterval(timer);
  }, [deck, slide, done]);
}
