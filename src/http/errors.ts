import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { Logger } from '../logger.js';

export function zodDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

/** Turns validation failures into a 400 that names each problem. */
export function validationHook(result: { success: boolean; error?: unknown }, c: Context) {
  if (!result.success && result.error) {
    const details = zodDetails(result.error as ZodError);
    return c.json({ error: `invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details }, 400);
  }
  return undefined;
}

/** Every unexpected error becomes JSON without a stack trace; the log gets the detail. */
export function onError(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return c.json({ error: err.message || 'request failed' }, status);
    }
    if (isDatabaseUnavailable(err)) {
      logger.warn('database unavailable', { path: c.req.path, err });
      return c.json({ error: 'database unavailable, try again' }, 503);
    }
    logger.error('unhandled error', { path: c.req.path, err });
    return c.json({ error: 'internal error' }, 500);
  };
}

const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '57P01', '57P03']);

export function isDatabaseUnavailable(err: unknown): boolean {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE.has(code)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
