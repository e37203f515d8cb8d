/**
 * Reads a request body as text with a size cap, for the webhooks. On Node it reads the
 * IncomingMessage that @hono/node-server passes as `c.env.incoming`: building the Web Request
 * and its ReadableStream (which hono's bodyLimit does) cost more CPU than storing the update.
 * Elsewhere (the Workers entry, app.request in tests) it reads the Web Request's stream.
 * Either way a body over the cap is refused as soon as it is known to be too large: from
 * Content-Length, or while a chunked body arrives.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' };

const TOO_LARGE: BodyResult = { ok: false, reason: 'too_large' };

export async function readBodyLimited(c: Context, maxBytes: number): Promise<BodyResult> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > maxBytes) return TOO_LARGE;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming ? readIncoming(incoming, maxBytes) : readStream(c.req.raw.body, maxBytes);
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    incoming.on('data', (chunk: Buffer) => {
      if (refused) return; // keep draining, so the socket is free for the 413
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => {
      if (!refused) resolve({ ok: true, text: Buffer.concat(chunks, size).toString('utf8') });
    });
    incoming.on('error', reject);
  });
}

/** The Web Request's body as bytes, refused as soon as it passes the cap (uploads: a roster file). */
export async function readBytesLimited(request: Request, maxBytes: number): Promise<{ ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: 'too_large' }> {
  if (Number(request.headers.get('content-length') ?? NaN) > maxBytes) return { ok: false, reason: 'too_large' };
  const read = await readStreamBytes(request.body, maxBytes);
  return read ? { ok: true, bytes: read } : { ok: false, reason: 'too_large' };
}

async function readStream(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<BodyResult> {
  const bytes = await readStreamBytes(body, maxBytes);
  return bytes ? { ok: true, text: new TextDecoder().decode(bytes) } : TOO_LARGE;
}

async function readStreamBytes(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}
