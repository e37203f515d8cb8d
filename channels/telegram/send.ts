import type { Api } from 'grammy';
import type { OutboundMessage, SendProgress, SendResult, SendTarget } from '../types.js';
import { messageExternalIdAt, parseTelegramAddress } from './address.js';
import { toChannelError } from './errors.js';
import { splitTelegramText, TELEGRAM_MAX_TEXT } from './split-text.js';

/**
 * Sends a reply with sendMessage, splitting texts over Telegram's limit into ordered parts.
 * Parts already delivered by an earlier attempt (target.partsDone) are skipped, and each
 * part is reported as it goes out so that an interruption never repeats one.
 */
export async function sendTelegramMessage(
  api: Api,
  target: SendTarget,
  message: OutboundMessage,
  progress?: SendProgress,
): Promise<SendResult> {
  const parts = splitTelegramText(message.text, TELEGRAM_MAX_TEXT);
  const externalIds: string[] = [];
  // A business chat's reply goes through the business connection the owner wrote on.
  const { chatId, businessConnectionId } = parseTelegramAddress(target.address);
  for (let i = target.partsDone ?? 0; i < parts.length; i++) {
    const isLast = i === parts.length - 1;
    const keyboard =
      isLast && message.buttons?.length
        ? { inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) }
        : undefined;
    let sent;
    try {
      sent = await api.sendMessage(chatId, parts[i] ?? '', {
        ...(keyboard ? { reply_markup: keyboard } : {}),
        ...(businessConnectionId ? { business_connection_id: businessConnectionId } : {}),
      });
    } catch (err) {
      throw toChannelError(err);
    }
    const externalId = messageExternalIdAt(businessConnectionId ? target.address : String(sent.chat.id), sent.message_id);
    externalIds.push(externalId);
    await progress?.onPartSent(i, externalId);
  }
  return { externalIds };
}
