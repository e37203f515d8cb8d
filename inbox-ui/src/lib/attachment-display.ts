/**
 * How the thread shows one attachment: kept photos as thumbnails, kept voice and audio with
 * a player, kept video with a player, other kept files as a download; files the server is
 * still saving, and files it did not keep (with the reason), in words.
 */
import type { Attachment } from '../api/types';
import type { MessageKey } from '../i18n/en';

export type AttachmentDisplay =
  | { as: 'image' }
  | { as: 'audio' }
  | { as: 'video' }
  | { as: 'file' }
  | { as: 'pending' }
  | { as: 'skipped'; reason: MessageKey }
  | { as: 'label' };

const IMAGE = /^image\/(png|jpeg|gif|webp)$/;

export function attachmentDisplay(a: Attachment): AttachmentDisplay {
  if (a.skipped) return { as: 'skipped', reason: skipReasonKey(a.skipped) };
  if (!a.storageKey) return a.fileId ? { as: 'pending' } : { as: 'label' };
  const mime = a.mimeType ?? '';
  if (IMAGE.test(mime) || (!mime && (a.kind === 'photo' || a.kind === 'image'))) return { as: 'image' };
  if (mime.startsWith('audio/') || (!mime && (a.kind === 'voice' || a.kind === 'audio'))) return { as: 'audio' };
  if (mime.startsWith('video/') || (!mime && (a.kind === 'video' || a.kind === 'video_note'))) return { as: 'video' };
  return { as: 'file' };
}

export function skipReasonKey(reason: string): MessageKey {
  switch (reason) {
    case 'too large':
      return 'attachment.skipped';
    case 'expired':
      return 'attachment.skippedExpired';
    case 'failed':
      return 'attachment.skippedFailed';
    default:
      return 'attachment.skippedOther';
  }
}

/** A thumbnail box that keeps the photo's shape (no jump when it loads), at most `max` px a side. */
export function thumbnailSize(a: Pick<Attachment, 'width' | 'height'>, max = 240): { width: number; height: number } {
  const w = a.width ?? 0;
  const h = a.height ?? 0;
  if (w <= 0 || h <= 0) return { width: max, height: Math.round(max * 0.75) };
  const scale = Math.min(1, max / w, max / h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/** The text a platform recognized in a voice note (WeChat's Recognition), when it gave one. */
export function recognizedText(meta: Record<string, unknown> | undefined): string | null {
  const value = meta?.recognition;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function attachmentUrl(messageId: string, index: number): string {
  return `/api/messages/${encodeURIComponent(messageId)}/attachments/${index}`;
}
