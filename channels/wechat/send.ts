/**
 * Replies as customer-service messages (message/custom/send), allowed for 48 hours after the
 * owner's last message. Texts over 2048 bytes go out as ordered parts; images are uploaded as
 * temporary media (media/upload) and sent as image messages. Parts already delivered by an
 * earlier attempt (target.partsDone) are skipped and each part is reported as it goes out, so
 * an interruption never repeats one.
 */
import { randomUUID } from 'node:crypto';
import { ChannelError, type OutboundMessage, type SendProgress, type SendResult, type SendTarget } from '../types.js';
import { readClickMenu, wechatMenuBody, type ClickMenuItem } from './click-menu.js';
import { wechatError } from './errors.js';
import { splitUtf8 } from './split-bytes.js';
import type { TencentClient } from './tencent-api.js';

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'menu'; head: string; items: ClickMenuItem[] }
  | { kind: 'image'; fileName: string; mimeType: string; content: Uint8Array };

export function outboundParts(message: OutboundMessage): Part[] {
  const parts: Part[] = splitUtf8(message.text).map((text) => ({ kind: 'text', text }));
  // A menu rides on the last text part: the owner reads the question right above the choices.
  const items = readClickMenu(message.meta);
  const last = parts.at(-1);
  if (items.length > 0 && last?.kind === 'text') parts[parts.length - 1] = { kind: 'menu', head: last.text, items };
  for (const file of message.attachments ?? []) {
    if (!file.mimeType.startsWith('image/')) {
      throw new ChannelError('wechat', 'UNSUPPORTED', `WeChat replies carry images only, not ${file.mimeType} (${file.fileName})`);
    }
    parts.push({ kind: 'image', ...file });
  }
  return parts;
}

export async function sendWeChatMessage(
  client: TencentClient,
  target: SendTarget,
  message: OutboundMessage,
  progress?: SendProgress,
): Promise<SendResult> {
  const parts = outboundParts(message);
  if (parts.length === 0) throw new ChannelError('wechat', 'INVALID', 'nothing to send: the reply is empty');
  const externalIds: string[] = [];
  const idBase = target.messageId ?? randomUUID();
  for (let i = target.partsDone ?? 0; i < parts.length; i++) {
    const part = parts[i]!;
    try {
      const body =
        part.kind === 'text'
          ? { touser: target.address, msgtype: 'text', text: { content: part.text } }
          : part.kind === 'menu'
            ? { touser: target.address, ...wechatMenuBody(part.head, part.items) }
            : { touser: target.address, msgtype: 'image', image: { media_id: await uploadImage(client, part) } };
      await client.authed('/cgi-bin/message/custom/send', { json: body, unsafeToRepeat: true });
    } catch (err) {
      throw wechatError(err);
    }
    // custom/send answers without a message id; ours names the stored message and the part.
    const externalId = `wechat-out:${idBase}:${i}`;
    externalIds.push(externalId);
    await progress?.onPartSent(i, externalId);
  }
  return { externalIds };
}

/** Uploads an image as temporary media; returns its media_id. */
export async function uploadImage(client: TencentClient, file: { fileName: string; mimeType: string; content: Uint8Array }): Promise<string> {
  const answer = await client.authed('/cgi-bin/media/upload', {
    query: { type: 'image' },
    form: () => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(file.content)], { type: file.mimeType }), file.fileName || 'image.jpg');
      return form;
    },
  });
  const mediaId = answer.media_id;
  if (typeof mediaId !== 'string' || !mediaId) throw new ChannelError(client.channel, 'INVALID', 'media/upload answered without media_id');
  return mediaId;
}
