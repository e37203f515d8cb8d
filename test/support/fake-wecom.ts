/**
 * A local stand-in for https://qyapi.weixin.qq.com (WeCom customer service), for tests:
 * cgi-bin/gettoken with expiring tokens, kf/sync_msg over a queue of messages with a cursor
 * and has_more (pages of `pageSize`), kf/send_msg, kf/send_msg_on_event, media/upload and
 * media/get. Inject errcodes with failNext (95001, 95018, 40014, 42001, 45009 …).
 */
import { randomBytes } from 'node:crypto';
import type { KfMessage } from '../../channels/wecom_kf/normalize.js';
import { checkMenu, startFakeTencent, type FakeTencent } from './fake-tencent.js';

export { tencentErrors } from './fake-tencent.js';

export interface FakeWeCom extends FakeTencent {
  corpId: string;
  secret: string;
  /** Appends items to the account's sync_msg list (what owners wrote, events). */
  pushMessages(...items: KfMessage[]): void;
  /** How many sync_msg items the account holds. */
  messageCount(): number;
  /** Items per sync_msg page, whatever `limit` asks (the real API may also return fewer). */
  pageSize: number;
}

export async function startFakeWeCom(opts: { corpId: string; secret: string; openKfId: string; tokenExpiresInSec?: number }): Promise<FakeWeCom> {
  const list: KfMessage[] = [];
  const cursorOf = (i: number): string => `cursor_${i}`;
  const state = { pageSize: 1000 };
  const fake = await startFakeTencent({
    tokenPath: '/cgi-bin/gettoken',
    tokenExpiresInSec: opts.tokenExpiresInSec ?? 7200,
    unknownTokenCode: 40014,
    checkCredentials(query) {
      if (query.corpid !== opts.corpId) return { errcode: 40013, errmsg: 'invalid corpid' };
      if (query.corpsecret !== opts.secret) return { errcode: 40001, errmsg: 'invalid credential' };
      return null;
    },
    routes: {
      '/cgi-bin/kf/sync_msg': (call) => {
        if (call.body.open_kfid !== opts.openKfId) return { errcode: 95000, errmsg: 'invalid open_kfid' };
        const cursor = typeof call.body.cursor === 'string' ? call.body.cursor : '';
        const from = cursor === '' ? 0 : Number(/^cursor_(\d+)$/.exec(cursor)?.[1] ?? NaN);
        if (Number.isNaN(from)) return { errcode: 95010, errmsg: 'invalid cursor' };
        const limit = Math.min(typeof call.body.limit === 'number' ? call.body.limit : 1000, 1000, state.pageSize);
        const page = list.slice(from, from + limit);
        const next = from + page.length;
        return { next_cursor: cursorOf(next), has_more: next < list.length ? 1 : 0, msg_list: page };
      },
      '/cgi-bin/kf/send_msg': (call) => {
        if (call.body.open_kfid !== opts.openKfId) return { errcode: 95000, errmsg: 'invalid open_kfid' };
        if (!call.body.touser) return { errcode: 40096, errmsg: 'invalid external userid' };
        const type = call.body.msgtype;
        if (type === 'text') {
          const content = (call.body.text as { content?: unknown } | undefined)?.content;
          if (typeof content !== 'string' || content === '' || Buffer.byteLength(content) > 2048) return { errcode: 44003, errmsg: 'invalid content' };
        } else if (type === 'image') {
          const mediaId = (call.body.image as { media_id?: unknown } | undefined)?.media_id;
          if (typeof mediaId !== 'string' || !fake.uploads.has(mediaId)) return { errcode: 40007, errmsg: 'invalid media_id' };
        } else if (type === 'msgmenu') {
          const bad = checkMenu(call.body.msgmenu, (item) => (item.type === 'click' && typeof item.click === 'object' && item.click !== null ? (item.click as Record<string, unknown>) : null));
          if (bad.errcode) return bad;
        } else {
          return { errcode: 40008, errmsg: 'invalid message type' };
        }
        return { msgid: typeof call.body.msgid === 'string' ? call.body.msgid : randomBytes(16).toString('hex') };
      },
      '/cgi-bin/kf/send_msg_on_event': (call) => {
        if (!call.body.code) return { errcode: 95016, errmsg: 'invalid code' };
        return { msgid: typeof call.body.msgid === 'string' ? call.body.msgid : randomBytes(16).toString('hex') };
      },
    },
  });
  const wecom = Object.assign(fake, {
    corpId: opts.corpId,
    secret: opts.secret,
    pushMessages: (...items: KfMessage[]) => void list.push(...items),
    messageCount: () => list.length,
  });
  // An accessor, so a test's `fake.pageSize = 2` reaches the route above.
  return Object.defineProperty(wecom, 'pageSize', {
    get: () => state.pageSize,
    set: (n: number) => {
      state.pageSize = n;
    },
  }) as FakeWeCom;
}
