import { describe, expect, it } from 'vitest';
import { businessAddress, messageExternalIdAt, parseTelegramAddress } from './address.js';

describe('telegram addresses', () => {
  it('a plain chat id is the bot chat', () => {
    expect(parseTelegramAddress('6012345678')).toEqual({ chatId: '6012345678' });
    expect(messageExternalIdAt('6012345678', 9)).toBe('6012345678:9');
  });

  it('a business address round-trips, even with colons in the connection id', () => {
    for (const connection of ['AbCd_123', 'a:b:c']) {
      const address = businessAddress(connection, 7311004455);
      expect(parseTelegramAddress(address)).toEqual({ chatId: '7311004455', businessConnectionId: connection });
      expect(messageExternalIdAt(address, 5)).toBe(`${address}:5`);
    }
  });
});
