// Express's last word on a request that failed: a plain-text answer with no stack trace and no path
// (even an authorized user gets none), and for an unexpected error one log line with a request id that
// the answer repeats. Errors Express itself classifies as the client's (a malformed %-escape in the
// address, a body that is not JSON) are answered 400 and not logged as the server's fault.
import type { NextFunction, Request, Response } from 'express';
import { describeError, nextRequestId } from './fail-closed';
import type { Logger } from './log';

export function answerErrors(log: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const status = clientStatus(error);
    const requestId = nextRequestId();
    if (status === undefined) log.error('unexpected error in an HTTP request', { request: requestId, reason: describeError(error) });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const code = status ?? 500;
    res.status(code).type('text').send(code === 500 ? `Internal error (request ${requestId}): see the server's log.` : `Bad request (${code}).`);
  };
}

/** The 4xx status of an error raised about the request itself, or undefined for the server's own. */
function clientStatus(error: unknown): number | undefined {
  if (error instanceof URIError) return 400;
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
