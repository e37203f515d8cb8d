/**
 * Mail HTML (already sanitized by the server) as the document of a sandboxed iframe: no
 * scripts, no same-origin access, and a CSP that lets images load only from inside the mail
 * (data: URIs) until the agent asks for remote ones.
 */

/** Turns the server's neutralised `data-remote-src` back into `src` (only on request). */
export function withRemoteImages(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const img of Array.from(doc.querySelectorAll('img[data-remote-src]'))) {
    const src = img.getAttribute('data-remote-src') ?? '';
    if (/^https?:\/\//i.test(src)) img.setAttribute('src', src);
    img.removeAttribute('data-remote-src');
  }
  return doc.body.innerHTML;
}

export function hasRemoteImages(html: string): boolean {
  return /data-remote-src=/.test(html);
}

export function mailDocument(html: string, allowRemote: boolean): string {
  const images = allowRemote ? 'data: https: http:' : 'data:';
  const csp = `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><base target="_blank"><style>body{font-family:sans-serif;font-size:14px;margin:8px;word-wrap:break-word}img{max-width:100%;height:auto}</style></head><body>${html}</body></html>`;
}
