/**
 * One page of kf/sync_msg from a cursor. The platform's runtime loops while `hasMore`,
 * storing the cursor after each page, so a restart resumes where it stopped.
 *
 * Events are acted on here rather than stored: enter_session with a welcome_code sends the
 * inbox's welcome text through kf/send_msg_on_event (once per code: the code is recorded
 * before sending, so a page pulled again after a crash never greets twice), and failures to
 * deliver (msg_send_fail) are logged.
 */
import type { ChannelLogger, ChannelStatePort, NormalizeContext, PullPage } from '../definition.js';
import type { TencentClient } from '../wechat/tencent-api.js';
import type { WeComKfConfig } from './config.js';
import { wecomError } from './errors.js';
import { normalizeKfMessage, type KfEvent, type KfMessage } from './normalize.js';
import { kfMsgId } from './send.js';

/** The most kf/sync_msg returns per call. */
export const SYNC_LIMIT = 1000;

/** A welcome_code is good for 20 s; remembering it for a day is plenty to never reuse it. */
const WELCOME_MEMORY_MS = 24 * 3600 * 1000;

export interface PullDeps {
  client: TencentClient;
  config: WeComKfConfig;
  state: ChannelStatePort;
  logger: ChannelLogger;
  inboxId: string;
  now?: () => Date;
}

export async function pullWeComKf(deps: PullDeps, cursor: string | null, hint: Record<string, string>): Promise<PullPage> {
  const { client, config } = deps;
  let answer;
  try {
    answer = await client.authed('/cgi-bin/kf/sync_msg', {
      json: {
        ...(cursor ? { cursor } : {}),
        ...(hint.token ? { token: hint.token } : {}),
        limit: SYNC_LIMIT,
        open_kfid: config.openKfId,
      },
    });
  } catch (err) {
    throw wecomError(err);
  }
  const list = Array.isArray(answer.msg_list) ? (answer.msg_list as KfMessage[]) : [];
  const context: NormalizeContext = { inboxId: deps.inboxId, receivedAt: deps.now?.() ?? new Date() };
  const items = list.flatMap((msg) => normalizeKfMessage(msg, context));
  for (const msg of list) {
    if (msg.msgtype === 'event' && typeof msg.event === 'object' && msg.event !== null) await onEvent(deps, msg.event as KfEvent);
  }
  const next = typeof answer.next_cursor === 'string' && answer.next_cursor ? answer.next_cursor : cursor;
  return { items, cursor: next, hasMore: answer.has_more === 1 };
}

async function onEvent(deps: PullDeps, event: KfEvent): Promise<void> {
  const { logger } = deps;
  switch (event.event_type) {
    case 'enter_session': {
      const code = event.welcome_code;
      if (!code || !deps.config.welcomeText) return;
      const key = `welcome:${code}`;
      if (await deps.state.get<boolean>(key)) return;
      await deps.state.set(key, true, WELCOME_MEMORY_MS);
      try {
        await deps.client.authed('/cgi-bin/kf/send_msg_on_event', {
          json: { code, msgid: kfMsgId(`welcome:${code}`), msgtype: 'text', text: { content: deps.config.welcomeText } },
          unsafeToRepeat: true,
        });
      } catch (err) {
        // The code expires in 20 s; a failed welcome is not worth holding up the owner's messages.
        logger.warn('wecom_kf: welcome message not sent', { error: wecomError(err).message, externalUserId: event.external_userid });
      }
      return;
    }
    case 'msg_send_fail':
      logger.warn('wecom_kf: WeCom could not deliver a message', { failMsgId: event.fail_msgid, failType: event.fail_type, externalUserId: event.external_userid });
      return;
    default:
      logger.info('wecom_kf: event not handled', { eventType: event.event_type });
  }
}
