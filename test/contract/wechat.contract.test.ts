/**
 * The WeChat Official Account channel against the channel contract, with its fixtures (the
 * documentation's examples, channels/wechat/fixtures/NOTES.md) and the fake Official Account API.
 */
import { readdirSync } from 'node:fs';
import { wechatDefinition } from '../../channels/wechat/definition.js';
import { parseTencentXml } from '../../channels/wechat/xml.js';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import { wechatFixture, wechatMessage, wechatPost } from '../support/wechat-callbacks.js';
import { runChannelContract, type NamedPayload } from './run-channel-contract.js';

const APP_ID = 'wxb11529c136998cb6';
const fixtureDir = new URL('../../channels/wechat/fixtures/', import.meta.url);
// A VIEW event (the owner opened a menu link) is recorded by WeChat and ignored by design.
const IGNORED = ['event-view'];
const names = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => f.replace(/\.xml$/, ''))
  .sort();
const load = (name: string) => parseTencentXml(wechatFixture(name));
const payloads: NamedPayload[] = names.filter((n) => !IGNORED.includes(n)).map((name) => ({ name, payload: load(name) }));
const customSends = (api: FakeWeChat) => api.callsTo('/cgi-bin/message/custom/send').filter((c) => !c.error && c.body.msgtype === 'text');
const toRequest = (r: { method: string; query: Record<string, string>; body: string }) => ({ ...r, headers: { 'content-type': 'text/xml' } });

runChannelContract({
  definition: wechatDefinition,
  fakeApi: {
    start: () => startFakeWeChat({ appId: APP_ID, appSecret: 'contract-secret' }),
    errorCases: [
      { name: 'the reply window closed (45015)', platformError: (api) => api.failNext('/cgi-bin/message/custom/send', 45015), expectedCode: 'WINDOW_CLOSED' },
      { name: 'too many replies (45047)', platformError: (api) => api.failNext('/cgi-bin/message/custom/send', 45047), expectedCode: 'RATE_LIMITED' },
      { name: 'the API quota (45009)', platformError: (api) => api.failNext('/cgi-bin/message/custom/send', 45009), expectedCode: 'RATE_LIMITED' },
      {
        name: 'a token refused again after refreshing (40001 twice)',
        platformError: (api) => {
          api.failNext('/cgi-bin/message/custom/send', 40001);
          api.failNext('/cgi-bin/message/custom/send', 40001);
        },
        expectedCode: 'AUTH',
      },
      { name: 'an unknown OpenID (40003)', platformError: (api) => api.failNext('/cgi-bin/message/custom/send', 40003), expectedCode: 'NOT_FOUND' },
    ],
    sentTexts: (api) => customSends(api).map((c) => String((c.body.text as { content: string }).content)),
  },
  config: (api) => ({
    appId: APP_ID,
    appSecret: 'contract-secret',
    token: 'pamtest',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    apiRoot: api.apiRoot,
  }),
  sendTarget: { address: 'oContractOwner000000000000001', threadKey: 'oContractOwner000000000000001' },
  longText: 'split',
  fixtures: {
    payloads,
    ignored: IGNORED.map((name) => ({ name, payload: load(name) })),
    redelivery: [load('text'), load('text')],
    validRequest: (config) => toRequest(wechatPost(config, wechatMessage('text', 'oContractOwner000000000000001', { text: '电梯坏了' }))),
    badSignatureRequest: (config) => toRequest(wechatPost(config, wechatMessage('text', 'oContractOwner000000000000001'), { forge: true })),
  },
});
