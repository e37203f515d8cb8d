/**
 * An Official Account callback (its XML fields) → normalized inbound items.
 *
 * Pure and deterministic. Owners are identified by their OpenID (FromUserName), which is
 * also the thread key: one owner, one chat. WeChat tells us no name, so the author's name is
 * a short label from the OpenID until an agent edits the contact.
 *
 * - messages: externalId = MsgId (WeChat redelivers with the same MsgId);
 * - subscribe / unsubscribe → unblocked / blocked (an unfollowed owner cannot be answered);
 * - CLICK menu events → a callback whose data is the menu's EventKey (flows start from it);
 * - VIEW (a menu link opened) and other events → nothing; `describeIgnoredWeChat` says why.
 */
import type { NormalizeContext } from '../definition.js';
import type { Attachment, Inbound, InboundAuthor, InboundMessage } from '../types.js';
import type { XmlFields } from './xml.js';

export function normalizeWeChat(fields: XmlFields, context: NormalizeContext): Inbound[] {
  if (describeIgnoredWeChat(fields) !== null) return [];
  const openId = fields.FromUserName ?? '';
  const author = authorOf(openId);
  const at = new Date(Number(fields.CreateTime) * 1000);
  const base = { channel: 'wechat', inboxId: context.inboxId } as const;

  if (fields.MsgType === 'event') {
    const event = fields.Event ?? '';
    if (event === 'subscribe') return [{ ...base, kind: 'unblocked', author, at }];
    if (event === 'unsubscribe') return [{ ...base, kind: 'blocked', author, at }];
    // CLICK is the only event left after describeIgnoredWeChat.
    return [{ ...base, kind: 'callback', callbackId: eventExternalId(fields), threadKey: openId, author, data: fields.EventKey ?? '', at }];
  }

  const message: InboundMessage = {
    ...base,
    kind: 'message',
    externalId: fields.MsgId ?? eventExternalId(fields),
    threadKey: openId,
    author,
    text: '',
    contentType: 'text',
    attachments: [],
    sentAt: at,
    raw: fields,
  };
  const media = (kind: Attachment['kind'], mimeType?: string): Attachment[] =>
    fields.MediaId ? [{ kind, fileId: fields.MediaId, ...(mimeType ? { mimeType } : {}) }] : [];

  switch (fields.MsgType) {
    case 'text':
      // A click on an item of a menu message arrives as its text, with the item's id.
      return [{ ...message, text: fields.Content ?? '', ...(fields.bizmsgmenuid ? { meta: { menuId: fields.bizmsgmenuid } } : {}) }];
    case 'image':
      // WeChat re-encodes owners' pictures as JPEG; PicUrl is a CDN link that also expires.
      return [{ ...message, contentType: 'photo', attachments: media('image', 'image/jpeg'), meta: pick({ picUrl: fields.PicUrl }) }];
    case 'voice': {
      const format = (fields.Format ?? '').toLowerCase();
      // Recognition is WeChat's speech-to-text, present when the account turned it on.
      const recognition = fields.Recognition ?? '';
      return [
        {
          ...message,
          contentType: 'voice',
          text: recognition,
          attachments: media('voice', VOICE_TYPES[format] ?? 'application/octet-stream'),
          meta: pick({ format: fields.Format, recognition: recognition || undefined }),
        },
      ];
    }
    case 'video':
    case 'shortvideo':
      return [{ ...message, contentType: 'video', attachments: media('video', 'video/mp4'), meta: pick({ thumbMediaId: fields.ThumbMediaId, short: fields.MsgType === 'shortvideo' || undefined }) }];
    case 'location': {
      const latitude = Number(fields.Location_X);
      const longitude = Number(fields.Location_Y);
      const label = fields.Label ?? '';
      return [
        {
          ...message,
          contentType: 'location',
          text: label ? `📍 ${label} (${latitude}, ${longitude})` : `📍 ${latitude}, ${longitude}`,
          meta: pick({ latitude, longitude, scale: fields.Scale === undefined ? undefined : Number(fields.Scale), label: label || undefined }),
        },
      ];
    }
    case 'link':
      return [
        {
          ...message,
          text: [fields.Title, fields.Description, fields.Url].filter((s) => s).join('\n'),
          meta: pick({ title: fields.Title, description: fields.Description, url: fields.Url }),
        },
      ];
    default:
      return [{ ...message, contentType: 'unsupported', text: `[${fields.MsgType ?? 'unknown'}]` }];
  }
}

/** A one-line reason why `normalizeWeChat` returns nothing for these fields, or null. */
export function describeIgnoredWeChat(fields: XmlFields): string | null {
  if (!fields.FromUserName || !/^\d+$/.test(fields.CreateTime ?? '')) return 'not a WeChat message (FromUserName or CreateTime missing)';
  if (fields.MsgType !== 'event') return null;
  const event = fields.Event ?? '';
  if (event === 'subscribe' || event === 'unsubscribe' || event === 'CLICK') return null;
  if (event === 'VIEW') return `VIEW event (menu link ${fields.EventKey ?? ''} opened) ignored`;
  return `event '${event}' ignored`;
}

/** WeChat's own dedup key for events: sender + CreateTime (+ the event, two can share a second). */
export function eventExternalId(fields: XmlFields): string {
  return `${fields.FromUserName ?? ''}:${fields.CreateTime ?? ''}:${fields.Event ?? fields.MsgType ?? ''}`;
}

const VOICE_TYPES: Record<string, string> = { amr: 'audio/amr', speex: 'audio/speex', mp3: 'audio/mpeg' };

function authorOf(openId: string): InboundAuthor {
  return { externalId: openId, name: `WeChat ${openId.slice(-6)}` };
}

function pick(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''));
}
