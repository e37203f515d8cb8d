/**
 * The command menu Telegram shows beside the message box (setMyCommands): Chinese for everyone,
 * English for owners whose Telegram app is in English. Sent each time an inbox starts, which is
 * idempotent at Telegram.
 */
import type { Api } from 'grammy';
import { COMMAND_LIST } from '../../src/domain/bot/intents.js';

export async function publishCommands(api: Api): Promise<void> {
  await api.setMyCommands(COMMAND_LIST['zh-CN']);
  await api.setMyCommands(COMMAND_LIST.en, { language_code: 'en' });
}
