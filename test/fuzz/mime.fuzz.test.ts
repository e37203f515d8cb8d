/**
 * Generated and mutated MIME messages (from the channel's fixtures: truncated, boundaries
 * broken, charsets mislabelled or bogus, huge headers, NULs, flipped bytes, hostile long
 * lines) through the real parse → classify → normalize, and through the real intake of a
 * running server (receiveEmail, the entry the IMAP watcher hands every mail to) on a real
 * database. Nothing may throw out of parse/normalize; at intake every mail is either stored
 * exactly once (a redelivery is a duplicate) or refused with nothing stored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyEmail, extractBounce } from '../../channels/email/auto-reply.js';
import { normalizeEmail } from '../../channels/email/normalize.js';
import { parseEmail } from '../../channels/email/parse.js';
import { messages } from '../../db/schema/index.js';
import { receiveEmail } from '../../src/services/email/receive-email.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { startTestServer, type TestServer } from '../support/huixin.js';
import { MAILBOX, MAILBOX_USER, mailboxEnv } from '../support/mail-env.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const FIXTURES = new URL('../../channels/email/fixtures/', import.meta.url);
const SEEDS = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => readFileSync(new URL(f, FIXTURES)));
const MAX_BYTES = 1024 * 1024;

type Mutation = (source: Buffer) => Buffer;

const latin1 = (b: Buffer): string => b.toString('latin1');
const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Truncated anywhere (a connection cut mid-transfer).
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Mutation => (s) => s.subarray(0, Math.floor(s.length * r))),
  // Boundaries that do not match their parts.
  fc.string({ maxLength: 80 }).map((b): Mutation => (s) => bytes(latin1(s).replace(/boundary\s*=\s*("[^"]*"|[^\s;]+)/i, `boundary="${b}"`))),
  fc.constant<Mutation>((s) => bytes(latin1(s).replace(/^--[^\r\n]+--\s*$/m, ''))),
  // Charsets mislabelled, unknown or malformed.
  fc.constantFrom('utf-8', 'us-ascii', 'gb18030', 'big5', 'iso-2022-jp', 'x-bogus-charset', 'utf-7', '"', '').map((c): Mutation => (s) => bytes(latin1(s).replace(/charset\s*=\s*("[^"]*"|[^\s;]+)/gi, `charset=${c}`))),
  // Huge headers: one long value, or thousands of lines.
  fc.integer({ min: 1_000, max: 300_000 }).map((n): Mutation => (s) => Buffer.concat([bytes(`X-Huge: ${'a'.repeat(n)}\r\n`), s])),
  fc.integer({ min: 100, max: 5_000 }).map((n): Mutation => (s) => Buffer.concat([bytes('X-Many: v\r\n'.repeat(n)), s])),
  fc.integer({ min: 100, max: 100_000 }).map((n): Mutation => (s) => bytes(latin1(s).replace(/^Subject:/im, `Subject: ${'=?utf-8?B?5aSn?= '.repeat(Math.ceil(n / 16))}`))),
  // NULs and flipped bytes anywhere.
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }).map((at): Mutation => (s) => {
    const out = Buffer.from(s);
    for (const r of at) out[Math.min(out.length - 1, Math.floor(out.length * r))] = 0;
    return out;
  }),
  fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }).map((flips): Mutation => (s) => {
    const out = Buffer.from(s);
    for (const [r, b] of flips) if (out.length > 0) out[Math.min(out.length - 1, Math.floor(out.length * r))] = b;
    return out;
  }),
  // The reply trimmer's old nemesis, and raw 8-bit text under a UTF-8 label.
  fc.integer({ min: 1_000, max: 800_000 }).map((n): Mutation => (s) => Buffer.concat([s, bytes(`\r\nA${'>'.repeat(n)}\r\n`)])),
  fc.uint8Array({ minLength: 1, maxLength: 2_000 }).map((junk): Mutation => (s) => Buffer.concat([s, Buffer.from(junk)])),
);

/** A fixture, made unique (its own Message-ID), then mutated one to three times. */
const mail = (id: () => string): fc.Arbitrary<Buffer> =>
  fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([seed, mutations]) => {
    const unique = bytes(latin1(seed).replace(/^Message-ID:[^\r\n]*/im, `Message-ID: <${id()}@fuzz.example>`));
    return mutations.reduce((s, m) => m(s), unique);
  });

let serial = 0;
const nextId = (): string => `fuzz-${process.pid}-${(serial += 1)}`;

describe('MIME fuzz: parse, classify, normalize', () => {
  it('never throws, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(mail(nextId), async (source) => {
        const parsed = await parseEmail(source, { inboxId: 'fuzz', maxAttachmentBytes: MAX_BYTES });
        const kind = classifyEmail(parsed.headers, parsed);
        if (kind === 'bounce') extractBounce(parsed);
        const message = normalizeEmail(parsed, 'fuzz', { receivedAt: new Date(0) });
        expect(typeof message.text).toBe('string');
        expect(message.externalId).not.toBe('');
        // Bytes that were not valid UTF-8 were either relabelled or decoded; the raw part is kept.
        for (const f of parsed.charsetFallbacks) expect(f.raw.length).toBeGreaterThan(0);
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});

describe('MIME fuzz: intake on a running server', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let hx: TestServer;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [MAILBOX_USER] });
    sink = await startSmtpSink();
    hx = await startTestServer({ env: mailboxEnv(dovecot, sink, { SMTP_SECURE: 'false', EMAIL_MAX_ATTACHMENT_MB: '1' }) });
  });

  afterAll(async () => {
    await hx?.close();
    await sink?.stop();
    await dovecot?.stop();
  });

  const stored = async (): Promise<number> => (await hx.deps.db.select({ n: count() }).from(messages))[0]?.n ?? 0;

  it('stores each mail once or refuses it with nothing stored', async () => {
    const inbox = { inboxId: hx.email.envInboxId ?? '', address: MAILBOX, maxAttachmentBytes: MAX_BYTES };
    expect(inbox.inboxId).not.toBe('');
    const outcomes: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(mail(nextId), async (source) => {
        const before = await stored();
        const outcome = await receiveEmail(hx.deps, inbox, source).catch((err: unknown) => ({ kind: 'refused' as const, err }));
        outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
        const after = await stored();
        expect(after - before).toBe(outcome.kind === 'stored' ? 1 : 0);
        if (outcome.kind === 'stored') {
          // Redelivery (an IMAP resync) is a no-op.
          const again = await receiveEmail(hx.deps, inbox, source);
          expect(again.kind).toBe('duplicate');
          expect(await stored()).toBe(after);
        }
      }),
      { numRuns: 30, seed: 11 },
    );
    console.log('[fuzz] intake outcomes', outcomes);
    // The generator must reach the storing path, or the property says nothing about it.
    expect(outcomes.stored ?? 0).toBeGreaterThan(0);
  });
});
