// This page's following, in one place: the source of the trainer's position, whether the follower
// follows or roams, and the name it gives the trainer's dashboard. One per page (followSession()),
// outliving deck changes, read by React through useFollowSession().
import { useSyncExternalStore } from 'react';
import { MAX_FOLLOWER_NAME, type FollowerReport } from '@deckhand/protocol';
import { PAGE_ROLE } from '../deck-access/server-access';
import { sharedSyncChannel } from '../sync/sync-channel';
import { Listeners } from '../terminal/terminal-source';
import { FeedFollowSource, LocalFollowSource, type FollowSource, type FollowStatus } from './follow-source';

/** Follow: the slides go where the trainer goes. Roam: the follower moves freely; a badge says where the trainer is. */
export type FollowMode = 'follow' | 'roam';

const MODE_KEY = 'deckhand.follow.mode';
const NAME_KEY = 'deckhand.follower.name';

export interface FollowView {
  status: FollowStatus;
  mode: FollowMode;
  name: string;
  /** Whether anything is being followed: a follower page always, an attendee's own Deckhand once told to. */
  active: boolean;
  /** Whether this page may run blocks in a shell of its own (not a follower page on the trainer's server). */
  hasShell: boolean;
  local: boolean;
}

export class FollowSession {
  private mode: FollowMode;
  private name: string;
  private view: FollowView;
  private readonly listeners = new Listeners<FollowView>();
  private report: FollowerReport = {};

  constructor(readonly source: FollowSource) {
    this.mode = read(sessionStorage, MODE_KEY) === 'roam' ? 'roam' : 'follow';
    this.name = (read(localStorage, NAME_KEY) ?? '').slice(0, MAX_FOLLOWER_NAME);
    this.view = this.snapshot();
    source.onStatus(() => this.changed());
  }

  get current(): FollowView {
    return this.view;
  }

  subscribe = (listener: () => void): (() => void) => this.listeners.add(listener);

  setMode(mode: FollowMode): void {
    this.mode = mode;
    write(sessionStorage, MODE_KEY, mode);
    this.changed();
  }

  setName(name: string): void {
    this.name = name.slice(0, MAX_FOLLOWER_NAME);
    write(localStorage, NAME_KEY, this.name);
    this.changed();
    this.tell({});
  }

  /** Where this follower is and what it has done: passed to the trainer's dashboard. */
  tell(report: FollowerReport): void {
    this.report = { ...this.report, ...report };
    const name = this.name.trim();
    this.source.report({ ...this.report, ...(name ? { name } : {}) });
  }

  private snapshot(): FollowView {
    const status = this.source.current();
    return {
      status,
      mode: this.mode,
      name: this.name,
      active: !this.source.local || status.state !== 'stopped',
      hasShell: this.source.local,
      local: this.source.local,
    };
  }

  private changed(): void {
    this.view = this.snapshot();
    this.listeners.emit(this.view);
  }
}

let shared: FollowSession | null = null;

/** The page's one follow session: a follower page reads the trainer's feed; any other page hears its own server. */
export function followSession(): FollowSession {
  shared ??= new FollowSession(PAGE_ROLE === 'follower' ? new FeedFollowSource() : new LocalFollowSource(sharedSyncChannel()));
  return shared;
}

export function useFollowSession(): FollowView {
  const session = followSession();
  return useSyncExternalStore(session.subscribe, () => session.current);
}

function read(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function write(storage: Storage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // Storage blocked: the choice lasts for this page.
  }
}
