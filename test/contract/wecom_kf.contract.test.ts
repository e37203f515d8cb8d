/**
 * The WeCom customer-service channel against the channel contract, with its fixtures (the
 * documentation's sync_msg examples, channels/wecom_kf/fixtures/NOTES.md) and the fake WeCom API.
 */
import { readdirSync } from 'node:fs';
import { wecomKfDefinition } from '../../channels/wecom_kf/definition.js';
import { startFakeWeCom, type FakeWeCom } from '../support/fake-wecom.js';
import { wecomFixture, wecomKfCallback } from '../support/wecom-callbacks.js';
import { runChannelContract, type NamedPayload } from './run-channel-contract.js';

const CORP_ID = 'ww1436e0e65a779aee';
const OPEN_KFID = 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q';
const fixtureDir = new URL('../../channels/wecom_kf/fixtures/', import.meta.url);
// Events are acted on during the pull, and servicers' own messages are not the owner's.
const IGNORED = ['sync-msg-event-enter-session', 'sync-msg-event-msg-send-fail', 'sync-msg-servicer-text'];
const names = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();
const payloads: NamedPayload[] = names.filter((n) => !IGNORED.includes(n)).map((name) => ({ name, payload: wecomFixture(name) }));
const textSends = (api: FakeWeCom) => api.callsTo('/cgi-bin/kf/send_msg').filter((c) => !c.error && c.body.msgtype === 'text');
const toRequest = (r: { method: string; query: Record<string, string>; body: string }) => ({ ...r, headers: { 'content-type': 'text/xml' } });

runChannelContract({
  definition: wecomKfDefinition,
  fakeApi: {
    start: () => startFakeWeCom({ corpId: CORP_ID, secret: 'contract-secret', openKfId: OPEN_KFID }),
    errorCases: [
      { name: 'the 48-hour send limit (95001)', platformError: (api) => api.failNext('/cgi-bin/kf/send_msg', 95001), expectedCode: 'WINDOW_CLOSED' },
      { name: 'a session that does not accept messages (95018)', platformError: (api) => api.failNext('/cgi-bin/kf/send_msg', 95018), expectedCode: 'WINDOW_CLOSED' },
      { name: 'the API rate (45009)', platformError: (api) => api.failNext('/cgi-bin/kf/send_msg', 45009), expectedCode: 'RATE_LIMITED' },
      {
        name: 'a token refused again after refreshing (40014 twice)',
        platformError: (api) => {
          api.failNext('/cgi-bin/kf/send_msg', 40014);
          api.failNext('/cgi-bin/kf/send_msg', 40014);
        },
        expectedCode: 'AUTH',
      },
    ],
    sentTexts: (api) => textSends(api).map((c) => String((c.body.text as { content: string }).content)),
  },
  config: (api) => ({
    corpId: CORP_ID,
    secret: 'contract-secret',
    token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
    encodingAESKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
    openKfId: OPEN_KFID,
    apiRoot: api.apiRoot,
  }),
  sendTarget: { address: 'wmContractOwner0001', threadKey: 'wmContractOwner0001' },
  longText: 'split',
  fixtures: {
    payloads,
    ignored: IGNORED.map((name) => ({ name, payload: wecomFixture(name) })),
    redelivery: [wecomFixture('sync-msg-text'), wecomFixture('sync-msg-text')],
    validRequest: (config) => toRequest(wecomKfCallback(config, 'CONTRACT_SYNC_TOKEN')),
    badSignatureRequest: (config) => toRequest(wecomKfCallback(config, 'CONTRACT_SYNC_TOKEN', { forge: true })),
  },
});
