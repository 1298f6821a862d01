// Every entry point of the server (an HTTP request, an upgrade, a WebSocket message, a timer, a shell's
// output) runs through here or through Express's error handler, so that an unexpected error ends that
// request, socket or session alone and never the process that holds everyone's shells. The error is
// logged once, with an id that the plain-text answer repeats so a report can be matched to the log.
import { randomBytes } from 'node:crypto';
import type { Logger } from './log';

let counter = 0;
const prefix = randomBytes(3).toString('hex');

/** A short id naming one request in the log and in its error answer. */
export function nextRequestId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}-${counter}`;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Wraps a callback so that an error it throws is logged (once, with `where` and a request id) and
 * handed to `fail`, which ends whatever the callback was serving. `fail` itself must not throw; if it
 * does, that is logged too and swallowed.
 */
export function failClosed<A extends unknown[]>(
  log: Logger,
  where: string,
  callback: (...args: A) => void,
  fail: (error: unknown, requestId: string) => void,
): (...args: A) => void {
  return (...args: A) => {
    try {
      callback(...args);
    } catch (error) {
      const requestId = nextRequestId();
      log.error(`unexpected error in ${where}`, { request: requestId, reason: describeError(error) });
      try {
        fail(error, requestId);
      } catch (again) {
        log.error(`could not end ${where} after an error`, { request: requestId, reason: describeError(again) });
      }
    }
  };
}
