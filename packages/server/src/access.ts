// Who may use this server. A web shell is remote code execution by design, so every route that reads a
// deck or reaches a shell is behind the per-start secret, and the WebSocket upgrade also checks Host
// (against DNS rebinding) and Origin (against cross-site WebSocket hijacking) before upgrading.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const ACCESS_COOKIE = 'deckhand_access';
/** Names this browser, so its terminal sessions are its own (a session is bound to its owner). */
export const CLIENT_COOKIE = 'deckhand_client';

export interface AccessPolicy {
  /** The secret in the printed address. */
  readonly token: string;
  /** What the browser gets in exchange for the token: an HttpOnly cookie value. */
  readonly cookieValue: string;
  /** Host headers a request may carry; filled once the server knows its port. */
  readonly allowedHosts: Set<string>;
  /** Origins a WebSocket upgrade may come from. */
  readonly allowedOrigins: Set<string>;
}

export function createAccessPolicy(token?: string): AccessPolicy {
  return {
    token: token ?? randomBytes(24).toString('base64url'),
    // With a fixed --token the cookie survives a server restart, so an open page can learn that its
    // shells ended (and start new ones) instead of losing access; it is derived, never the token.
    cookieValue: token ? createHmac('sha256', token).update('deckhand access cookie').digest('base64url') : randomBytes(32).toString('base64url'),
    allowedHosts: new Set(),
    allowedOrigins: new Set(),
  };
}

/** Allows the names a browser may use to reach the server on this port. */
export function allowAddresses(policy: AccessPolicy, hostnames: string[], port: number): void {
  for (const hostname of hostnames) {
    const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
    policy.allowedHosts.add(`${host}:${port}`.toLowerCase());
    policy.allowedOrigins.add(`http://${host}:${port}`.toLowerCase());
  }
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function hasAccess(request: IncomingMessage, policy: AccessPolicy): boolean {
  return sameSecret(readCookie(request, ACCESS_COOKIE), policy.cookieValue);
}

export function hostAllowed(request: IncomingMessage, policy: AccessPolicy): boolean {
  return policy.allowedHosts.has((request.headers.host ?? '').toLowerCase());
}

/** Browsers always send Origin on WebSocket upgrades; a missing one is a non-browser client. */
export function originAllowed(request: IncomingMessage, policy: AccessPolicy): boolean {
  const origin = request.headers.origin;
  return origin === undefined || policy.allowedOrigins.has(origin.toLowerCase());
}

export function accessCookie(policy: AccessPolicy): string {
  return `${ACCESS_COOKIE}=${policy.cookieValue}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The cookies a browser gets for the secret: access, and its client id (kept if it has one). */
export function accessCookies(policy: AccessPolicy, request: IncomingMessage): string[] {
  const client = clientId(request) ?? randomBytes(18).toString('base64url');
  return [accessCookie(policy), `${CLIENT_COOKIE}=${client}; HttpOnly; SameSite=Strict; Path=/`];
}

/** The browser's client id from its cookie, if it has a well-formed one. */
export function clientId(request: IncomingMessage): string | undefined {
  const value = readCookie(request, CLIENT_COOKIE);
  return value && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : undefined;
}
