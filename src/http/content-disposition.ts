/**
 * Headers for serving a stored file: the Content-Disposition with a safe file name (RFC 6266
 * with an RFC 5987 `filename*` so Chinese names survive), and which types a browser may show
 * inline.
 */

/** Raster images, audio and video are shown inline (the thread's thumbnails and players). */
export function isInlineMedia(mimeType: string): boolean {
  return /^image\/(png|jpeg|gif|webp)$/.test(mimeType) || /^(audio|video)\/[a-z0-9.+-]+$/.test(mimeType);
}

/** Types a browser would run as a page or script: always sent as bytes, never as themselves. */
const ACTIVE = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript|application\/ecmascript|text\/ecmascript)$/;

/** The Content-Type to send: the declared one when well-formed and not active content. */
export function servedContentType(declared: string | undefined): string {
  const type = declared?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) || ACTIVE.test(type)) return 'application/octet-stream';
  return type;
}

/** Drops what a file name must not carry: paths, control characters, surrounding dots and spaces. */
export function safeFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 200);
  return cleaned || fallback;
}

/** `inline|attachment; filename="ascii"; filename*=UTF-8''percent-encoded` */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  // RFC 5987 attr-char excludes ' ( ) * which encodeURIComponent leaves alone.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'application/pdf': 'pdf',
};

/** A name for a file the platform sent without one (photos, voice notes): `photo.jpg`. */
export function defaultFileName(kind: string, mimeType: string): string {
  const ext = EXTENSIONS[mimeType];
  return ext ? `${kind}.${ext}` : kind;
}
