import { describe, expect, it } from 'vitest';
import { wechatFixture } from '../../test/support/wechat-callbacks.js';
import { describeIgnoredWeChat, normalizeWeChat } from './normalize.js';
import { parseTencentXml } from './xml.js';

const context = { inboxId: 'inbox-1', receivedAt: new Date('2026-01-01T00:00:00Z') };
const fixture = (name: string) => normalizeWeChat(parseTencentXml(wechatFixture(name)), context);

describe('normalizeWeChat on the documentation examples', () => {
  it('text: MsgId as externalId, the OpenID as thread and author', () => {
    expect(fixture('text')).toEqual([
      expect.objectContaining({
        kind: 'message',
        channel: 'wechat',
        inboxId: 'inbox-1',
        externalId: '1234567890123456',
        threadKey: 'fromUser',
        author: { externalId: 'fromUser', name: 'WeChat omUser' },
        text: 'this is a test',
        contentType: 'text',
        attachments: [],
        sentAt: new Date(1348831860 * 1000),
      }),
    ]);
  });

  it('a click on a menu message: its text, with bizmsgmenuid as meta.menuId', () => {
    expect(fixture('text-menu-click')).toEqual([expect.objectContaining({ kind: 'message', text: '满意', meta: { menuId: '101' }, externalId: '1234567890123456' })]);
    expect(fixture('text')[0]).not.toHaveProperty('meta');
  });

  it('image: MediaId is the attachment fileId, PicUrl kept in meta', () => {
    const [item] = fixture('image');
    expect(item).toMatchObject({ contentType: 'photo', attachments: [{ kind: 'image', fileId: 'media_id', mimeType: 'image/jpeg' }], meta: { picUrl: 'this is a url' } });
  });

  it('voice: the recognized text becomes the text and stays in meta', () => {
    expect(fixture('voice-recognition')[0]).toMatchObject({
      contentType: 'voice',
      text: '腾讯微信团队',
      attachments: [{ kind: 'voice', fileId: 'media_id' }],
      meta: { format: 'Format', recognition: '腾讯微信团队' },
    });
    expect(fixture('voice')[0]).toMatchObject({ contentType: 'voice', text: '' });
  });

  it('voice: an AMR note is typed audio/amr', () => {
    const xml = wechatFixture('voice').replace('<![CDATA[Format]]>', '<![CDATA[amr]]>');
    expect(normalizeWeChat(parseTencentXml(xml), context)[0]).toMatchObject({ attachments: [{ mimeType: 'audio/amr' }] });
  });

  it('video and shortvideo', () => {
    expect(fixture('video')[0]).toMatchObject({ contentType: 'video', attachments: [{ kind: 'video', fileId: 'media_id' }], meta: { thumbMediaId: 'thumb_media_id' } });
    expect(fixture('shortvideo')[0]).toMatchObject({ contentType: 'video', meta: { short: true } });
  });

  it('location: coordinates, scale and label', () => {
    expect(fixture('location')[0]).toMatchObject({
      contentType: 'location',
      text: '📍 位置信息 (23.134521, 113.358803)',
      meta: { latitude: 23.134521, longitude: 113.358803, scale: 20, label: '位置信息' },
    });
  });

  it('link: title, description and URL as text and meta', () => {
    expect(fixture('link')[0]).toMatchObject({ text: '公众平台官网链接\n公众平台官网链接\nurl', meta: { url: 'url' } });
  });

  it('subscribe / unsubscribe become unblocked / blocked for the owner', () => {
    expect(fixture('event-subscribe')).toEqual([{ kind: 'unblocked', channel: 'wechat', inboxId: 'inbox-1', author: expect.objectContaining({ externalId: 'FromUser' }), at: new Date(123456789000) }]);
    expect(fixture('event-unsubscribe')).toMatchObject([{ kind: 'blocked' }]);
  });

  it('a CLICK on a menu is a callback carrying the EventKey, with sender+time as its id', () => {
    expect(fixture('event-click')).toEqual([
      expect.objectContaining({ kind: 'callback', data: 'EVENTKEY', threadKey: 'FromUser', callbackId: 'FromUser:123456789:CLICK' }),
    ]);
  });

  it('VIEW is ignored, with a reason for the log', () => {
    expect(fixture('event-view')).toEqual([]);
    expect(describeIgnoredWeChat(parseTencentXml(wechatFixture('event-view')))).toMatch(/VIEW/);
  });

  it('an unknown message type is kept as unsupported', () => {
    const xml = wechatFixture('text').replace('<![CDATA[text]]>', '<![CDATA[miniprogrampage]]>');
    expect(normalizeWeChat(parseTencentXml(xml), context)[0]).toMatchObject({ contentType: 'unsupported', text: '[miniprogrampage]' });
  });

  it('is deterministic: the same fields give the same items', () => {
    for (const name of ['text', 'image', 'voice-recognition', 'location', 'event-click']) {
      expect(fixture(name)).toEqual(fixture(name));
    }
  });
});
