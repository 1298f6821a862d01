// Reads what a request carries about access: its bearer credential, its Host and its Origin. Every
// reader takes any header, well formed or not, and answers without throwing.
import type { IncomingMessage } from 'node:http';
import type { AccessPolicy, Principal } from './access-policy';

/** The credential in `Authorization: Bearer …`, if the request carries one. */
export function bearerCredential(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]{1,512})[ \t]*$/i.exec(header);
  return match?.[1];
}

/** Who the request's bearer credential stands for. */
export function requestPrincipal(request: IncomingMessage, policy: AccessPolicy): Principal | undefined {
  return policy.authenticate(bearerCredential(request));
}

export function hostAllowed(request: IncomingMessage, policy: AccessPolicy): boolean {
  const host = request.headers.host;
  return typeof host === 'string' && policy.allowedHosts.has(host.toLowerCase());
}

/** Browsers always send Origin on WebSocket upgrades; a missing one is a non-browser client. */
export function originAllowed(request: IncomingMessage, policy: AccessPolicy): boolean {
  const origin = request.headers.origin;
  return origin === undefined || (typeof origin === 'string' && policy.allowedOrigins.has(origin.toLowerCase()));
}

/** A page's client id names one browser (its windows share it), so its terminal sessions are its own. */
export function isClientId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(value);
}
