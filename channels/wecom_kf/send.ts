/**
 * Replies with kf/send_msg (text, and images uploaded first with media/upload). Each part
 * carries a msgid derived from the stored message and the part, so the platform's id of what
 * we sent is known and stable; parts already delivered (target.partsDone) are skipped.
 */
import { createHash } from 'node:crypto';
import { ChannelError, type OutboundMessage, type SendProgress, type SendResult, type SendTarget } from '../types.js';
import { wecomMenuBody } from '../wechat/click-menu.js';
import { outboundParts, uploadImage } from '../wechat/send.js';
import type { TencentClient } from '../wechat/tencent-api.js';
import { wecomError } from './errors.js';

/** At most 32 bytes of [0-9a-zA-Z_-], as kf/send_msg requires. */
export function kfMsgId(seed: string): string {
  return `hx${createHash('sha1').update(seed).digest('hex').slice(0, 30)}`;
}

export async function sendWeComKfMessage(
  client: TencentClient,
  openKfId: string,
  target: SendTarget,
  message: OutboundMessage,
  progress?: SendProgress,
): Promise<SendResult> {
  let parts;
  try {
    parts = outboundParts(message);
  } catch (err) {
    throw err instanceof ChannelError ? new ChannelError('wecom_kf', err.code, err.message.replace('WeChat', 'WeCom')) : err;
  }
  if (parts.length === 0) throw new ChannelError('wecom_kf', 'INVALID', 'nothing to send: the reply is empty');
  const externalIds: string[] = [];
  for (let i = target.partsDone ?? 0; i < parts.length; i++) {
    const part = parts[i]!;
    let answer;
    try {
      const content =
        part.kind === 'text'
          ? { msgtype: 'text', text: { content: part.text } }
          : part.kind === 'menu'
            ? wecomMenuBody(part.head, part.items)
            : { msgtype: 'image', image: { media_id: await uploadImage(client, part) } };
      answer = await client.authed('/cgi-bin/kf/send_msg', {
        json: { touser: target.address, open_kfid: openKfId, ...(target.messageId ? { msgid: kfMsgId(`${target.messageId}:${i}`) } : {}), ...content },
        unsafeToRepeat: true,
      });
    } catch (err) {
      throw wecomError(err);
    }
    const externalId = typeof answer.msgid === 'string' && answer.msgid ? answer.msgid : kfMsgId(`${target.messageId ?? ''}:${i}`);
    externalIds.push(externalId);
    await progress?.onPartSent(i, externalId);
  }
  return { externalIds };
}
