/**
 * Which browser pages may act with a staff session: those of this app (same host and port as
 * the request) and of PUBLIC_URL. A request without Origin comes from a non-browser client
 * (or a same-origin GET) and is judged by its credentials alone.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, publicUrl: string | undefined): boolean {
  if (origin === undefined || origin === '') return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  // The scheme is not compared with Host: behind a TLS-terminating proxy the page is https
  // while the request reaching us is http.
  if (host && parsed.host.toLowerCase() === host.toLowerCase()) return true;
  if (publicUrl) {
    try {
      return new URL(publicUrl).origin === parsed.origin;
    } catch {
      return false;
    }
  }
  return false;
}
