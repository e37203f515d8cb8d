/**
 * A local stand-in for https://api.weixin.qq.com (Official Account API), for tests: cgi-bin/token
 * with expiring tokens, message/custom/send, message/template/send, media/upload, media/get.
 * Inject the platform's errcodes with failNext (40001, 42001, 45015, 45047, 45009 …) or close
 * an owner's reply window with closeWindow; every call is recorded.
 */
import { checkMenu, startFakeTencent, tencentErrors, type FakeTencent } from './fake-tencent.js';

export { tencentErrors } from './fake-tencent.js';

export interface FakeWeChat extends FakeTencent {
  appId: string;
  appSecret: string;
  /** custom/send to this OpenID answers 45015 until reopenWindow (more than 48 h since the owner wrote). */
  closeWindow(openId: string): void;
  reopenWindow(openId: string): void;
}

export async function startFakeWeChat(opts: { appId: string; appSecret: string; tokenExpiresInSec?: number }): Promise<FakeWeChat> {
  const closed = new Set<string>();
  let nextTemplateMsgId = 200_000_000_000;
  const fake = await startFakeTencent({
    tokenPath: '/cgi-bin/token',
    tokenExpiresInSec: opts.tokenExpiresInSec ?? 7200,
    unknownTokenCode: 40001,
    checkCredentials(query) {
      if (query.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
      if (query.appid !== opts.appId) return { errcode: 40013, errmsg: 'invalid appid' };
      if (query.secret !== opts.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
      return null;
    },
    routes: {
      '/cgi-bin/message/custom/send': (call) => {
        const touser = String(call.body.touser ?? '');
        if (!touser) return { errcode: 40003, errmsg: 'invalid openid' };
        if (closed.has(touser)) return tencentErrors.windowClosed;
        const type = call.body.msgtype;
        if (type === 'text') {
          const content = (call.body.text as { content?: unknown } | undefined)?.content;
          if (typeof content !== 'string' || content === '') return { errcode: 44003, errmsg: 'empty content' };
          if (Buffer.byteLength(content) > 2048) return { errcode: 45002, errmsg: 'content size out of limit' };
          return {};
        }
        if (type === 'image') {
          const mediaId = (call.body.image as { media_id?: unknown } | undefined)?.media_id;
          return typeof mediaId === 'string' && fake.uploads.has(mediaId) ? {} : tencentErrors.invalidMedia;
        }
        if (type === 'msgmenu') return checkMenu(call.body.msgmenu, (item) => item);
        return { errcode: 40008, errmsg: 'invalid message type' };
      },
      '/cgi-bin/message/template/send': (call) => {
        if (!call.body.touser) return { errcode: 40003, errmsg: 'invalid openid' };
        if (!call.body.template_id) return { errcode: 40037, errmsg: 'invalid template_id' };
        return { msgid: nextTemplateMsgId++ };
      },
    },
  });
  return {
    ...fake,
    appId: opts.appId,
    appSecret: opts.appSecret,
    closeWindow: (openId) => void closed.add(openId),
    reopenWindow: (openId) => void closed.delete(openId),
  };
}
