import { describe, expect, it } from 'vitest';
import { wecomFixture } from '../../test/support/wecom-callbacks.js';
import { describeIgnoredKf, normalizeWeComKf } from './normalize.js';

const context = { inboxId: 'kf-1', receivedAt: new Date('2026-01-01T00:00:00Z') };
const one = (name: string) => normalizeWeComKf(wecomFixture(`sync-msg-${name}`), context);
const owner = 'wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw';

describe('normalizeWeComKf on the documentation examples', () => {
  it('text: msgid as externalId, external_userid as thread and author, menu_id kept', () => {
    expect(one('text')).toEqual([
      expect.objectContaining({
        kind: 'message',
        channel: 'wecom_kf',
        externalId: 'from_msgid_4622416642169452483',
        threadKey: owner,
        author: { externalId: owner, name: 'WeChat 9ukoAw' },
        text: expect.stringContaining('你购买的物品已发货'),
        sentAt: new Date(1615478585 * 1000),
        meta: { menuId: '101' },
      }),
    ]);
  });

  it('media types carry their media_id as fileId', () => {
    expect(one('image')[0]).toMatchObject({ contentType: 'photo', attachments: [{ kind: 'image', fileId: '2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw' }] });
    expect(one('voice')[0]).toMatchObject({ contentType: 'voice', attachments: [{ kind: 'voice', mimeType: 'audio/amr' }] });
    expect(one('video')[0]).toMatchObject({ contentType: 'video', attachments: [{ kind: 'video' }] });
    expect(one('file')[0]).toMatchObject({ contentType: 'document', attachments: [{ kind: 'file' }] });
  });

  it('location, link, business card and mini program', () => {
    expect(one('location')[0]).toMatchObject({ contentType: 'location', meta: { latitude: 23.106021881103501, longitude: 113.320503234863, name: '广州国际媒体港(广州市海珠区)' } });
    expect(one('link')[0]).toMatchObject({ text: 'TITLE\nDESC\nURL', meta: { url: 'URL', picUrl: 'PIC_URL' } });
    expect(one('business-card')[0]).toMatchObject({ contentType: 'contact', meta: { userId: 'USERID' } });
    expect(one('miniprogram')[0]).toMatchObject({ contentType: 'unsupported', text: '[miniprogram] TITLE', meta: { appId: 'APPID' } });
  });

  it("events and servicers' own messages are not owners' messages", () => {
    expect(one('event-enter-session')).toEqual([]);
    expect(one('event-msg-send-fail')).toEqual([]);
    expect(one('servicer-text')).toEqual([]);
    expect(describeIgnoredKf(wecomFixture('sync-msg-servicer-text'))).toMatch(/origin 5/);
  });

  it('a whole sync_msg page gives its messages in order', () => {
    expect(normalizeWeComKf(wecomFixture('sync-msg-page'), context).map((i) => i.kind)).toEqual(['message', 'message']);
  });

  it('is deterministic', () => {
    for (const name of ['text', 'image', 'location', 'link']) expect(one(name)).toEqual(one(name));
  });
});
