/**
 * The channel contract: every channel folder runs the same checks with its own recorded
 * fixtures and its own fake platform API. A channel's test file is one call:
 *
 * ```ts
 * runChannelContract({
 *   definition,                         // the folder's ChannelDefinition
 *   fakeApi: {
 *     start: () => startFakePlatform(),  // a local server speaking the platform's HTTP API
 *     errorCases: [                      // each: make the fake fail the next send, expect this code
 *       { name: 'bad token', platformError: (api) => api.failNext(…), expectedCode: 'AUTH' },
 *     ],
 *     sentTexts: (api) => […],           // texts the fake received through send, in order
 *     sentButtons: (api) => […],         // optional: button labels of the last send
 *   },
 *   config: (api) => ({ …, apiRoot: api.apiRoot }),  // raw input for configSchema
 *   sendTarget: { address, threadKey },  // a recipient the fake accepts
 *   longText: 'split' | 'refuse',        // what a text over maxTextLength does
 *   fixtures: {
 *     payloads: [{ name, payload }],     // decoded payloads (what verifyWebhook accepts), each
 *                                        // must normalize to at least one item
 *     ignored: [{ name, payload }],      // optional: payloads that must normalize to []
 *     redelivery: [first, again],        // the same message delivered twice
 *     validRequest: (config) => WebhookRequest,        // genuine: accept (or pull)
 *     badSignatureRequest: (config) => WebhookRequest, // forged: 401/403, even with a garbage body
 *   },
 * });
 * ```
 *
 * What is checked:
 * - config: the schema takes `config(api)`, every secret field is a key of the parsed config,
 *   and `accountKey` is the same for two parses of it;
 * - normalize is pure and deterministic: the same payload twice gives deep-equal items, the
 *   payload is not mutated, every item names the definition's kind and the context's inbox;
 * - a redelivered payload is a no-op end to end: both deliveries have the same externalId
 *   and storing both (receiveInbound on a real PGlite database) stores one message;
 * - bad signatures are refused before parsing: the forged request, and the same request with
 *   a body that is not even JSON or XML, both get 401 or 403;
 * - a valid request is accepted (or turned into a pull) and an accepted payload normalizes;
 * - send maps the platform's errors onto ChannelError codes (each error case);
 * - capabilities are what the channel does: a text of maxTextLength goes out as one part and
 *   one longer is split into parts within the limit (or refused with INVALID, as declared);
 *   buttons: false → buttons are ignored without error, true → they reach the platform;
 *   edit / attachmentsIn: true ⇔ some fixture normalizes to an edit / a message with files.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelDefinition, ChannelInstance, WebhookRequest } from '../../channels/definition.js';
import { ChannelError, type ChannelErrorCode, type Inbound, type SendTarget } from '../../channels/types.js';
import { createDatabase, type Database } from '../../db/client.js';
import { inboxes, messages } from '../../db/schema/index.js';
import { createChannelStates } from '../../src/services/channel-state.js';
import { createEventBus } from '../../src/services/event-bus.js';
import { systemClock, type ServiceDeps } from '../../src/services/ports.js';
import { receiveInbound } from '../../src/services/receive-inbound.js';
import { createLogger } from '../../src/logger.js';

export interface FakePlatform {
  close(): Promise<void>;
}

export interface ContractErrorCase<Api> {
  name: string;
  /** Makes the fake answer the next send with the platform's own error. */
  platformError(api: Api): void;
  expectedCode: ChannelErrorCode;
}

export interface NamedPayload {
  name: string;
  payload: unknown;
}

export interface ChannelContract<Config, Api extends FakePlatform> {
  definition: ChannelDefinition<Config>;
  fakeApi: {
    start(): Promise<Api>;
    errorCases: ContractErrorCase<Api>[];
    /** Every text the fake received through send calls, oldest first. */
    sentTexts(api: Api): string[];
    /** Button labels of the last send (channels with `buttons: true`). */
    sentButtons?(api: Api): string[];
  };
  config(api: Api): unknown;
  sendTarget: Pick<SendTarget, 'address' | 'threadKey'>;
  longText: 'split' | 'refuse';
  fixtures: {
    payloads: NamedPayload[];
    ignored?: NamedPayload[];
    redelivery: [unknown, unknown];
    validRequest(config: Config): WebhookRequest;
    badSignatureRequest(config: Config): WebhookRequest;
  };
}

const CONTEXT = { inboxId: '00000000-0000-4000-8000-00000000c0de', receivedAt: new Date('2026-12-03T08:00:00Z') };
const silent = createLogger('silent');

export function runChannelContract<Config, Api extends FakePlatform>(spec: ChannelContract<Config, Api>): void {
  const { definition } = spec;

  describe(`channel contract: ${definition.kind}`, () => {
    let api: Api;
    let config: Config;
    let instance: ChannelInstance<Config>;

    beforeAll(async () => {
      api = await spec.fakeApi.start();
      config = definition.configSchema.parse(spec.config(api));
      instance = definition.create(config, {
        inboxId: CONTEXT.inboxId,
        logger: silent,
        // Sends need no stored state; a channel that reads some gets an empty store.
        state: { get: async () => null, set: async () => {}, withLock: async (_k, fn) => fn() },
      });
    });
    afterAll(async () => {
      instance?.close?.();
      await api?.close();
    });

    const normalize = (payload: unknown, context = CONTEXT): Inbound[] => {
      if (!definition.normalize) throw new Error(`${definition.kind} has no normalize`);
      return definition.normalize(payload, context);
    };

    describe('config', () => {
      it('takes the test config, names secret fields that exist, derives a stable account key', () => {
        const parsed = definition.configSchema.safeParse(spec.config(api));
        expect(parsed.success).toBe(true);
        const keys = Object.keys(definition.configSchema.parse(spec.config(api)) as object);
        for (const field of definition.secretFields) expect(keys).toContain(field);
        expect(definition.accountKey(config)).toBe(definition.accountKey(definition.configSchema.parse(spec.config(api))));
        expect(definition.accountKey(config)).not.toBe('');
      });
    });

    describe('normalize', () => {
      it.each(spec.fixtures.payloads.map((p) => [p.name, p.payload] as const))('%s: pure, deterministic, not mutating', (_name, payload) => {
        const before = structuredClone(payload);
        const first = normalize(payload);
        const second = normalize(structuredClone(payload));
        expect(first.length).toBeGreaterThan(0);
        expect(second).toEqual(first);
        expect(payload).toEqual(before);
        for (const item of first) {
          expect(item.channel).toBe(definition.kind);
          expect(item.inboxId).toBe(CONTEXT.inboxId);
        }
        // The inbox comes from the context, never from the payload.
        const other = normalize(payload, { ...CONTEXT, inboxId: randomUUID() });
        expect(other.map((i) => i.inboxId)).not.toContain(CONTEXT.inboxId);
      });

      if (spec.fixtures.ignored?.length) {
        it.each(spec.fixtures.ignored.map((p) => [p.name, p.payload] as const))('%s: ignored', (_name, payload) => {
          expect(normalize(payload)).toEqual([]);
        });
      }
    });

    describe('redelivery', () => {
      let database: Database;
      let dataDir: string;
      beforeAll(async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'huixin-contract-'));
        database = await createDatabase({ dataDir });
        await database.migrate();
      }, 60_000);
      afterAll(async () => {
        await database?.close();
        rmSync(dataDir, { recursive: true, force: true });
      });

      it('is a no-op end to end: same externalId, one stored message', async () => {
        const [row] = await database.db
          .insert(inboxes)
          .values({ channel: definition.kind, accountKey: definition.accountKey(config), name: 'contract' })
          .returning({ id: inboxes.id });
        const inboxId = row!.id;
        const context = { inboxId, receivedAt: CONTEXT.receivedAt };
        const first = normalize(spec.fixtures.redelivery[0], context);
        const again = normalize(spec.fixtures.redelivery[1], context);
        const ids = (items: Inbound[]) => items.map((i) => ('externalId' in i ? i.externalId : null));
        expect(ids(first).length).toBeGreaterThan(0);
        expect(ids(again)).toEqual(ids(first));

        const deps: ServiceDeps = { db: database.db, clock: systemClock, bus: createEventBus(), jobs: { enqueueDelivery: async () => {} }, logger: silent };
        const stored = await receiveInbound(deps, first);
        const repeated = await receiveInbound(deps, again);
        expect(stored.some((r) => !r.duplicate)).toBe(true);
        expect(repeated.every((r) => r.duplicate)).toBe(true);
        const [n] = await database.db.select({ n: count() }).from(messages).where(eq(messages.inboxId, inboxId));
        expect(n?.n).toBe(first.filter((i) => i.kind === 'message').length);
        // The state port works on the same database (what channels keep between requests).
        const state = createChannelStates({ db: database.db, clock: systemClock, locking: 'memory' }).forInbox(inboxId);
        await state.set('contract', { ok: true });
        expect(await state.get('contract')).toEqual({ ok: true });
      });
    });

    if (definition.verifyWebhook) {
      const verify = definition.verifyWebhook.bind(definition);
      describe('webhook verification', () => {
        it('refuses a bad signature with 401 or 403', async () => {
          const verdict = await verify(spec.fixtures.badSignatureRequest(config), config);
          expect(verdict.kind).toBe('respond');
          if (verdict.kind === 'respond') expect([401, 403]).toContain(verdict.response.status);
        });

        it('refuses a bad signature before parsing: a garbage body gets 401/403, not 400', async () => {
          const forged = { ...spec.fixtures.badSignatureRequest(config), body: '{<not json, not xml' };
          const verdict = await verify(forged, config);
          expect(verdict.kind).toBe('respond');
          if (verdict.kind === 'respond') expect([401, 403]).toContain(verdict.response.status);
        });

        it('accepts a genuine request and its payload normalizes (or asks for a pull)', async () => {
          const verdict = await verify(spec.fixtures.validRequest(config), config);
          expect(['accept', 'pull']).toContain(verdict.kind);
          if (verdict.kind === 'accept') {
            expect(verdict.ack.status).toBe(200);
            expect(normalize(verdict.payload).length).toBeGreaterThan(0);
          }
          if (verdict.kind === 'pull') expect(instance.pull).toBeTypeOf('function');
        });
      });
    }

    describe('send', () => {
      const target = (): SendTarget => ({ inboxId: CONTEXT.inboxId, conversationId: randomUUID(), messageId: randomUUID(), ...spec.sendTarget });

      it.each(spec.fakeApi.errorCases.map((c) => [c.name, c] as const))('maps %s onto a ChannelError code', async (_name, errorCase) => {
        errorCase.platformError(api);
        const outcome = await instance.send(target(), { text: 'contract error case' }).then(
          () => null,
          (err: unknown) => err,
        );
        expect(outcome).toBeInstanceOf(ChannelError);
        expect((outcome as ChannelError).code).toBe(errorCase.expectedCode);
        expect((outcome as ChannelError).channel).toBe(definition.kind);
      });

      it('sends a text of exactly maxTextLength as one part', async () => {
        const max = definition.capabilities.maxTextLength;
        const before = spec.fakeApi.sentTexts(api).length;
        const text = '汇'.repeat(max);
        const result = await instance.send(target(), { text });
        expect(result.externalIds).toHaveLength(1);
        expect(spec.fakeApi.sentTexts(api).slice(before)).toEqual([text]);
      });

      it(`a text over maxTextLength is ${spec.longText === 'split' ? 'split into parts within the limit' : 'refused'}`, async () => {
        const max = definition.capabilities.maxTextLength;
        const before = spec.fakeApi.sentTexts(api).length;
        const words = Array.from({ length: Math.ceil((max + 10) / 5) }, (_, i) => `w${String(i % 1000).padStart(3, '0')}`);
        const text = words.join(' ').slice(0, max + 10);
        if (spec.longText === 'refuse') {
          const err = await instance.send(target(), { text }).then(() => null, (e: unknown) => e);
          expect(err).toBeInstanceOf(ChannelError);
          expect((err as ChannelError).code).toBe('INVALID');
          expect(spec.fakeApi.sentTexts(api).length).toBe(before);
          return;
        }
        const result = await instance.send(target(), { text });
        const parts = spec.fakeApi.sentTexts(api).slice(before);
        expect(parts.length).toBeGreaterThan(1);
        expect(result.externalIds).toHaveLength(parts.length);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(max);
        expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      });

      it(definition.capabilities.buttons ? 'buttons reach the platform' : 'buttons are ignored without error', async () => {
        const buttons = [[{ label: '满意', data: 'contract:1' }, { label: '不满意', data: 'contract:0' }]];
        const before = spec.fakeApi.sentTexts(api).length;
        const result = await instance.send(target(), { text: 'with buttons', buttons });
        expect(result.externalIds.length).toBeGreaterThan(0);
        expect(spec.fakeApi.sentTexts(api).slice(before)).toEqual(['with buttons']);
        if (definition.capabilities.buttons && spec.fakeApi.sentButtons) expect(spec.fakeApi.sentButtons(api)).toEqual(['满意', '不满意']);
      });
    });

    describe('capabilities match the fixtures', () => {
      const all = (): Inbound[] => spec.fixtures.payloads.flatMap((p) => normalize(p.payload));
      it(`edit: ${definition.capabilities.edit}`, () => {
        expect(all().some((i) => i.kind === 'edit')).toBe(definition.capabilities.edit);
      });
      const filesIn = definition.capabilities.attachmentsIn ?? definition.capabilities.attachments;
      it(`attachmentsIn: ${filesIn}`, () => {
        expect(all().some((i) => i.kind === 'message' && i.attachments.length > 0)).toBe(filesIn);
      });
    });
  });
}
