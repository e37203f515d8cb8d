/** Opaque keyset cursors for "most recent activity first" lists. */
export interface ActivityCursor {
  at: string;
  id: string;
}

export function encodeCursor(c: ActivityCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): ActivityCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      if (Number.isNaN(Date.parse(v[0]))) return null;
      return { at: v[0], id: v[1] };
    }
  } catch {
    // fall through: a malformed cursor is the caller's 400
  }
  return null;
}
