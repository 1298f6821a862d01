// This page's access to its Deckhand server. The server puts the page's credential in the page it
// answers to the printed address (`/?token=…`, a <meta> tag); the page keeps it in its own origin's
// storage, which other ports of the same host cannot read (cookies would reach them all), and presents
// it itself: as a bearer header on requests, and as a single-use ticket on WebSocket addresses (a
// browser cannot put headers on a WebSocket). Reloads, new tabs and the presenter window of this
// browser share the storage, so they share the access. See docs/architecture.md, Access.
//
// Each role has its own door and keeps its own credential: a page under /follow/ is a follower's (it
// reads the decks and follows the trainer), a page under /join/ an attendee's (classroom mode: the decks
// and their own sandbox terminal), any other page the trainer's, so a trainer who tries the follower
// link or an invite in the same browser keeps the trainer's access in the other tabs.

export type PageRole = 'trainer' | 'follower' | 'attendee';

/** Whose page this is, from its address. */
export const PAGE_ROLE: PageRole = pageRole(typeof window !== 'undefined' ? window.location.pathname : '/');

function pageRole(pathname: string): PageRole {
  if (pathname.startsWith('/follow/')) return 'follower';
  if (pathname.startsWith('/join/')) return 'attendee';
  return 'trainer';
}

const CREDENTIAL_KEY = PAGE_ROLE === 'trainer' ? 'deckhand.credential' : `deckhand.${PAGE_ROLE}.credential`;
const CLIENT_KEY = 'deckhand.client';
const ACCESS_META = 'meta[name="deckhand-access"]';

export class AccessNeededError extends Error {
  override name = 'AccessNeededError';
}

/** The origin's storage, or this page's memory where the browser refuses storage (some private modes). */
const storage: Pick<Storage, 'getItem' | 'setItem'> = (() => {
  try {
    const probe = '__deckhand_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (key) => memory.get(key) ?? null, setItem: (key, value) => void memory.set(key, value) };
  }
})();

/**
 * Runs once as the page starts, before anything talks to the server: keeps the credential the server
 * gave this page, and drops the secret from the address bar (and so from history and bookmarks).
 */
export function takeAccessFromPage(): void {
  const meta = document.querySelector(ACCESS_META);
  const credential = meta?.getAttribute('content');
  // The server gives each door's page its own role's credential; a mismatch would be a bug, not a grant.
  if (credential && meta?.getAttribute('data-role') === PAGE_ROLE) storage.setItem(CREDENTIAL_KEY, credential);
  meta?.remove();
  const address = new URL(window.location.href);
  if (address.searchParams.has('token')) {
    address.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', address.pathname + address.search + address.hash);
  }
}

/** A request to this page's server with the page's credential (never cookies). */
export function serverFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const credential = storage.getItem(CREDENTIAL_KEY);
  const headers = new Headers(init.headers);
  if (credential) headers.set('Authorization', `Bearer ${credential}`);
  return fetch(path, { ...init, headers, credentials: 'omit' });
}

/**
 * The address of one of the server's WebSockets (`/ws/terminal`), with a fresh single-use ticket.
 * Rejects with AccessNeededError when the server no longer knows this page's credential (it restarted
 * with a new secret), and with a TypeError when it cannot be reached.
 */
export async function socketAddress(path: string, query: URLSearchParams = new URLSearchParams()): Promise<string> {
  const response = await serverFetch('/api/tickets', { method: 'POST', cache: 'no-store' });
  if (response.status === 401) throw new AccessNeededError('This server needs its access link.');
  if (!response.ok) throw new TypeError(`The server answered ${response.status} for a ticket.`);
  const { ticket } = (await response.json()) as { ticket: string };
  const address = new URLSearchParams(query);
  address.set('ticket', ticket);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${path}?${address}`;
}

/** Names this browser to the server, so its terminal sessions are its own (its windows share it). */
export function clientId(): string {
  let id = storage.getItem(CLIENT_KEY);
  if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
    storage.setItem(CLIENT_KEY, id);
  }
  return id;
}
