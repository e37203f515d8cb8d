/**
 * kf/sync_msg items → normalized inbound items. Pure and deterministic.
 *
 * The list holds owners' messages (origin 3), events (origin 4) and what servicers sent from
 * the WeCom client (origin 5); only owners' messages become items. The owner is the
 * external_userid, which is also the thread key. externalId = msgid, so a message pulled twice
 * (a sync that is repeated after a crash) is stored once.
 */
import type { NormalizeContext } from '../definition.js';
import type { Attachment, Inbound, InboundMessage } from '../types.js';

export interface KfMessage {
  msgid?: string;
  open_kfid?: string;
  external_userid?: string;
  send_time?: number;
  origin?: number;
  servicer_userid?: string;
  msgtype?: string;
  [key: string]: unknown;
}

export interface KfEvent {
  event_type?: string;
  open_kfid?: string;
  external_userid?: string;
  welcome_code?: string;
  scene?: string;
  scene_param?: string;
  fail_msgid?: string;
  fail_type?: number;
  [key: string]: unknown;
}

/** An owner's own message, as opposed to events and servicers' messages. */
export const ORIGIN_CUSTOMER = 3;

/** Accepts one msg_list item or a whole sync_msg answer (`{msg_list: […]}`), as fixtures hold either. */
export function normalizeWeComKf(payload: unknown, context: NormalizeContext): Inbound[] {
  if (isRecord(payload) && Array.isArray(payload.msg_list)) {
    return payload.msg_list.flatMap((m: unknown) => (isRecord(m) ? normalizeKfMessage(m as KfMessage, context) : []));
  }
  return isRecord(payload) ? normalizeKfMessage(payload as KfMessage, context) : [];
}

export function normalizeKfMessage(msg: KfMessage, context: NormalizeContext): Inbound[] {
  if (describeIgnoredKf(msg) !== null) return [];
  const owner = msg.external_userid ?? '';
  const message: InboundMessage = {
    kind: 'message',
    channel: 'wecom_kf',
    inboxId: context.inboxId,
    externalId: msg.msgid ?? '',
    threadKey: owner,
    author: { externalId: owner, name: `WeChat ${owner.slice(-6)}` },
    text: '',
    contentType: 'text',
    attachments: [],
    sentAt: new Date((msg.send_time ?? 0) * 1000),
    raw: msg,
  };
  const body = (isRecord(msg[msg.msgtype ?? '']) ? msg[msg.msgtype ?? ''] : {}) as Record<string, unknown>;
  const str = (key: string): string | undefined => (typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined);
  const media = (kind: Attachment['kind'], extra: Omit<Attachment, 'kind' | 'fileId'> = {}): Attachment[] => {
    const id = str('media_id');
    return id ? [{ kind, fileId: id, ...extra }] : [];
  };

  switch (msg.msgtype) {
    case 'text':
      return [{ ...message, text: str('content') ?? '', ...(str('menu_id') ? { meta: { menuId: str('menu_id') } } : {}) }];
    case 'image':
      return [{ ...message, contentType: 'photo', attachments: media('image') }];
    case 'voice':
      // WeCom hands voice notes out as AMR unless sync_msg asks for silk.
      return [{ ...message, contentType: 'voice', attachments: media('voice', { mimeType: 'audio/amr' }) }];
    case 'video':
      return [{ ...message, contentType: 'video', attachments: media('video', { mimeType: 'video/mp4' }) }];
    case 'file':
      return [{ ...message, contentType: 'document', attachments: media('file') }];
    case 'location': {
      const latitude = Number(body.latitude);
      const longitude = Number(body.longitude);
      const place = [str('name'), str('address')].filter(Boolean).join(', ');
      return [
        {
          ...message,
          contentType: 'location',
          text: place ? `📍 ${place} (${latitude}, ${longitude})` : `📍 ${latitude}, ${longitude}`,
          meta: clean({ latitude, longitude, name: str('name'), address: str('address') }),
        },
      ];
    }
    case 'link':
      return [
        {
          ...message,
          text: [str('title'), str('desc'), str('url')].filter(Boolean).join('\n'),
          meta: clean({ title: str('title'), description: str('desc'), url: str('url'), picUrl: str('pic_url') }),
        },
      ];
    case 'business_card':
      return [{ ...message, contentType: 'contact', text: `👤 ${str('userid') ?? ''}`, meta: clean({ userId: str('userid') }) }];
    case 'miniprogram':
      return [
        {
          ...message,
          contentType: 'unsupported',
          text: `[miniprogram] ${str('title') ?? ''}`.trim(),
          meta: clean({ title: str('title'), appId: str('appid'), pagePath: str('pagepath') }),
        },
      ];
    default:
      return [{ ...message, contentType: 'unsupported', text: `[${msg.msgtype ?? 'unknown'}]` }];
  }
}

/** A one-line reason why `normalizeKfMessage` returns nothing for this item, or null. */
export function describeIgnoredKf(msg: KfMessage): string | null {
  if (msg.msgtype === 'event') {
    const event = isRecord(msg.event) ? (msg.event as KfEvent) : {};
    return `event '${event.event_type ?? 'unknown'}' handled by the pull, not stored`;
  }
  if (msg.origin !== undefined && msg.origin !== ORIGIN_CUSTOMER) return `message ${msg.msgid ?? ''} of origin ${msg.origin} (not the owner's) ignored`;
  if (!msg.msgid || !msg.external_userid || typeof msg.send_time !== 'number') return 'item without msgid, external_userid or send_time ignored';
  return null;
}

function clean(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '' && !Number.isNaN(v)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
