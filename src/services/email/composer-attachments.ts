/**
 * Files an agent attaches to a reply in the composer (base64 in the JSON body): checked
 * against the channel and the size limit, stored as blobs, described as message attachments.
 */
import type { Attachment } from '../../../channels/types.js';
import { capabilitiesOf } from '../../../channels/registry.js';
import type { Db } from '../../../db/client.js';
import { storeBlobs } from './blobs.js';

export interface OutgoingFile {
  fileName: string;
  mimeType: string;
  /** base64 */
  data: string;
}

export type PreparedAttachments = { ok: true; attachments: Attachment[] } | { ok: false; status: 413 | 422; error: string };


export async function prepareOutgoingAttachments(db: Db, channel: string, files: OutgoingFile[], maxBytes: number): Promise<PreparedAttachments> {
  if (files.length === 0) return { ok: true, attachments: [] };
  // The channel's capability decides, not its name: email, WeChat and WeCom send files out.
  if (!capabilitiesOf(channel).attachmentsOut) return { ok: false, status: 422, error: `a ${channel} conversation does not take attachments` };
  const contents = files.map((f) => Buffer.from(f.data, 'base64'));
  const total = contents.reduce((sum, c) => sum + c.length, 0);
  if (total > maxBytes) {
    return { ok: false, status: 413, error: `attachments total ${total} bytes; at most ${maxBytes} bytes per reply` };
  }
  const keys = await storeBlobs(db, contents);
  return {
    ok: true,
    attachments: files.map((f, i) => ({
      kind: f.mimeType.startsWith('image/') ? 'image' : 'file',
      fileName: f.fileName,
      mimeType: f.mimeType.toLowerCase(),
      size: contents[i]?.length ?? 0,
      storageKey: keys[i],
    })),
  };
}
