import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { startFakeTelegram, type FakeTelegram } from '../../test/support/fake-telegram.js';
import { MediaTooLargeError } from '../media-errors.js';
import { ChannelError } from '../types.js';
import { downloadTelegramMedia, mimeTypeOf } from './media.js';

const TOKEN = '7000000042:AAMediaTestTokenOnly_abcdefghijklmno';
const jpeg = readFileSync(new URL('./fixtures/photo-leak.jpg', import.meta.url));

let tg: FakeTelegram;
let api: Api;
const config = () => ({ token: TOKEN, apiRoot: tg.apiRoot });

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TOKEN });
  api = new Api(TOKEN, { apiRoot: tg.apiRoot });
});
afterAll(async () => {
  await tg?.close();
});

describe('downloadTelegramMedia', () => {
  it('fetches getFile’s path and returns the same bytes, typed by the path', async () => {
    tg.addFile('photo-1', jpeg, { filePath: 'photos/file_1.jpg' });
    const media = await downloadTelegramMedia(api, config(), 'photo-1', 1_000_000);
    expect(media?.mimeType).toBe('image/jpeg');
    expect(media?.fileName).toBe('file_1.jpg');
    expect(Buffer.from(media!.content).equals(jpeg)).toBe(true);
    expect(tg.downloads).toContain('photos/file_1.jpg');
  });

  it('refuses a file getFile announces over the cap without downloading it', async () => {
    tg.addFile('big-announced', Buffer.alloc(5000, 1), { filePath: 'documents/big.pdf' });
    const err = await downloadTelegramMedia(api, config(), 'big-announced', 4096).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaTooLargeError);
    expect((err as MediaTooLargeError).size).toBe(5000);
    expect(tg.downloads).not.toContain('documents/big.pdf');
  });

  it('aborts a download that runs past the cap when no size was announced', async () => {
    tg.addFile('big-silent', Buffer.alloc(200_000, 2), { filePath: 'documents/silent.bin', reportedSize: null, chunked: true });
    const err = await downloadTelegramMedia(api, config(), 'big-silent', 50_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaTooLargeError);
    expect(tg.downloads).toContain('documents/silent.bin');
  });

  it('answers null for a file_id Telegram does not know (expired)', async () => {
    expect(await downloadTelegramMedia(api, config(), 'no-such-file', 1_000_000)).toBeNull();
  });

  it('maps a dropped connection and a server error to retryable NETWORK errors', async () => {
    tg.addFile('flaky', jpeg, { filePath: 'photos/flaky.jpg' });
    tg.failNextDownloads(1, 'reset');
    tg.failNextDownloads(1, 502);
    for (let i = 0; i < 2; i++) {
      const err = await downloadTelegramMedia(api, config(), 'flaky', 1_000_000).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChannelError);
      expect((err as ChannelError).code).toBe('NETWORK');
      expect((err as ChannelError).retryable).toBe(true);
      expect(String((err as Error).message)).not.toContain(TOKEN);
    }
    expect((await downloadTelegramMedia(api, config(), 'flaky', 1_000_000))?.content.byteLength).toBe(jpeg.length);
  });

  it('maps a refused token on getFile to AUTH', async () => {
    tg.failNext('getFile', { error_code: 401, description: 'Unauthorized' });
    const err = await downloadTelegramMedia(api, config(), 'photo-1', 1_000_000).catch((e: unknown) => e);
    expect((err as ChannelError).code).toBe('AUTH');
  });
});

describe('mimeTypeOf', () => {
  it('prefers the path’s extension over Telegram’s octet-stream', () => {
    expect(mimeTypeOf('voice/file_3.oga', 'application/octet-stream')).toBe('audio/ogg');
    expect(mimeTypeOf('videos/file_9.MP4', null)).toBe('video/mp4');
    expect(mimeTypeOf('documents/file_2', 'application/pdf')).toBe('application/pdf');
    expect(mimeTypeOf('documents/file_2', 'application/octet-stream')).toBe('application/octet-stream');
  });
});
