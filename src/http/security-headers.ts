/**
 * Security headers for the agent app (/) and the API. The forum and the survey page are
 * server-rendered with their own headers and are left alone.
 *
 * The CSP allows no inline script. What the built UI needs beyond 'self': inline styles and
 * data:/remote images inside the sandboxed email iframe (a srcdoc frame inherits this policy;
 * its own meta CSP keeps remote images blocked until the agent allows them), and data: fonts.
 */
import type { MiddlewareHandler } from 'hono';
import type { RequestNetwork } from './request-network.js';

export const AGENT_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function securityHeaders(network: RequestNetwork): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const path = c.req.path;
    if (path === '/forum' || path.startsWith('/forum/') || path.startsWith('/survey/')) return;
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', AGENT_APP_CSP);
    if (network.overTls(c)) c.header('Strict-Transport-Security', 'max-age=31536000');
  };
}
