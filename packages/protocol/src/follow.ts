// The follow feed (/ws/follow): followers read where the trainer is, and tell the trainer's dashboard
// how far they are. The feed only ever sends the latest position (a snapshot, never a delta), so a
// follower that misses some catches up with the next one. Both ends check every message here.
import { arrayOf, integer, name, nullable, parseMessage, text, optional, type Check } from './schema';
import { MAX_DETAILS, MAX_SLIDES, MAX_TERMINAL_TABS } from './limits';

/** A follower's name as it shows on the trainer's dashboard (optional, chosen by the follower). */
export const MAX_FOLLOWER_NAME = 40;
/** Exercises one report may list as done. */
export const MAX_REPORTED_EXERCISES = 200;

/** Where the trainer is: the deck and slide on show, the tips open on it, the shared terminal tab. */
export interface TrainerPosition {
  /** Null until a trainer's view has said where it is. */
  deck: string | null;
  slide: number;
  /** Indexes of the slide's `<details>` (tips, solutions) the trainer has open. */
  open: number[];
  /** The trainer's terminal tab followers may watch, or null when the trainer shares none. */
  terminal: number | null;
}

export const POSITION_FIELDS: Record<keyof TrainerPosition, Check> = {
  deck: nullable(name),
  slide: integer(0, MAX_SLIDES),
  open: arrayOf(integer(0, MAX_DETAILS), 64),
  terminal: nullable(integer(1, MAX_TERMINAL_TABS)),
};

/** What a follower tells the trainer: where it is, what it has done, and a name if it gives one. */
export interface FollowerReport {
  deck?: string;
  slide?: number;
  done?: string[];
  name?: string;
}

export const REPORT_FIELDS: Record<keyof FollowerReport, Check> = {
  deck: optional(name),
  slide: optional(integer(0, MAX_SLIDES)),
  done: optional(arrayOf(name, MAX_REPORTED_EXERCISES)),
  name: optional(text(MAX_FOLLOWER_NAME)),
};

/** Server → follower. `server` names the server run, as the presenter sync's welcome does. */
export type FollowFeedMessage = { type: 'position'; server: string } & TrainerPosition;
/** Follower → server. */
export type FollowerMessage = { type: 'report' } & FollowerReport;

export function parseFollowFeedMessage(value: unknown): FollowFeedMessage | undefined {
  return parseMessage<FollowFeedMessage>(value, { position: { ...POSITION_FIELDS, server: name } });
}

export function parseFollowerMessage(value: unknown): FollowerMessage | undefined {
  return parseMessage<FollowerMessage>(value, { report: REPORT_FIELDS });
}

/** Close codes of the follow feed, besides the standard ones. */
export const FollowCloseCode = {
  /** The trainer replaced the follower link: this one no longer works. */
  LinkReplaced: 4010,
  /** Too many followers from this address, or on this server. */
  TooMany: 4011,
} as const;
