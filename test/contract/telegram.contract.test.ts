/**
 * The Telegram channel against the channel contract, with its recorded fixtures
 * (channels/telegram/fixtures/, see SOURCES.md there) and the fake Bot API.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { telegramDefinition } from '../../channels/telegram/definition.js';
import { startFakeTelegram, telegramErrors, type FakeTelegram } from '../support/fake-telegram.js';
import { runChannelContract, type NamedPayload } from './run-channel-contract.js';

const TOKEN = '7000000042:AAContractTokenForTestsOnly_abcdefgh';
const SECRET = 'contract-webhook-secret_1';
const fixtureDir = new URL('../../channels/telegram/fixtures/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(`${name}.json`, fixtureDir), 'utf8'));

// Group and channel traffic is somebody else's conversation, and service messages (pins,
// timers) and reactions are not the owner writing: recorded, and ignored by design.
const IGNORED = ['group-message', 'channel-post', 'auto-delete-timer', 'message-reaction', 'pinned-message'];
const names = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();
const payloads: NamedPayload[] = names.filter((n) => !IGNORED.includes(n)).map((name) => ({ name, payload: load(name) }));

const webhookRequest = (secret: string, body: unknown) => ({
  method: 'POST',
  query: {},
  headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
  body: JSON.stringify(body),
});

const sendCalls = (api: FakeTelegram) => api.calls.filter((c) => c.method.toLowerCase() === 'sendmessage' && !c.error);

runChannelContract({
  definition: telegramDefinition,
  fakeApi: {
    start: () => startFakeTelegram({ token: TOKEN }),
    errorCases: [
      { name: 'a revoked token (401)', platformError: (api) => api.failNext('sendMessage', telegramErrors.unauthorized), expectedCode: 'AUTH' },
      { name: 'a bot the owner blocked (403)', platformError: (api) => api.failNext('sendMessage', telegramErrors.blocked), expectedCode: 'AUTH' },
      { name: 'an unknown chat (400 chat not found)', platformError: (api) => api.failNext('sendMessage', telegramErrors.chatNotFound), expectedCode: 'NOT_FOUND' },
      { name: 'flood control (429 retry_after)', platformError: (api) => api.failNext('sendMessage', telegramErrors.tooManyRequests(3)), expectedCode: 'RATE_LIMITED' },
    ],
    sentTexts: (api) => sendCalls(api).map((c) => String(c.params.text)),
    sentButtons: (api) => {
      const markup = sendCalls(api).at(-1)?.params.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined;
      return (markup?.inline_keyboard ?? []).flat().map((b) => b.text);
    },
  },
  config: (api) => ({ botToken: TOKEN, webhookSecret: SECRET, mode: 'webhook', apiRoot: api.apiRoot }),
  sendTarget: { address: '7100000001', threadKey: '7100000001' },
  longText: 'split',
  fixtures: {
    payloads,
    ignored: IGNORED.map((name) => ({ name, payload: load(name) })),
    redelivery: [load('text-private'), load('text-private')],
    validRequest: (config) => webhookRequest(config.webhookSecret ?? '', load('text-chinese')),
    badSignatureRequest: () => webhookRequest('not-the-secret', load('text-chinese')),
  },
});
