/**
 * Where owners' files come from: the port the media job downloads through. The entry wires it
 * to the inbox's channel instance (its `downloadMedia`); services never name a channel.
 */
import type { DownloadedMedia } from '../../../channels/definition.js';
import { ChannelError, type Channel } from '../../../channels/types.js';

export interface MediaSource {
  /**
   * The bytes of `fileId` from the inbox's platform, at most `maxBytes` (beyond that it throws
   * MediaTooLargeError); null when the platform no longer has the file (expired). Retryable
   * trouble is a ChannelError with code NETWORK or RATE_LIMITED.
   */
  download(inboxId: string, fileId: string, maxBytes: number): Promise<DownloadedMedia | null>;
}

type MediaCapable = Channel & { downloadMedia?: (fileId: string, maxBytes: number) => Promise<DownloadedMedia | null> };

/** A MediaSource over the channels this server runs, looked up per inbox. */
export function channelMediaSource(forInbox: (inboxId: string) => Channel | null | undefined): MediaSource {
  return {
    async download(inboxId, fileId, maxBytes) {
      const channel = forInbox(inboxId) as MediaCapable | null | undefined;
      if (!channel) throw new ChannelError('unknown', 'UNSUPPORTED', 'the inbox’s channel is not configured on this server');
      if (typeof channel.downloadMedia !== 'function') throw new ChannelError(channel.kind, 'UNSUPPORTED', `the ${channel.kind} channel cannot download files`);
      return channel.downloadMedia(fileId, maxBytes);
    },
  };
}
