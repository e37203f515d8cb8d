/**
 * One bot turn on a chat channel, after the owner's message is committed: read where the owner
 * is, decide (domain/bot), apply what was decided and store the bot's replies — all in one
 * transaction that holds the conversation's bot session locked, so two messages of one owner
 * arriving together are answered in order. Replies are delivered after the commit.
 *
 * A crash between the owner's commit and this turn loses only the bot's answer, never the
 * owner's words: the message is in the inbox for an agent.
 */
import { and, eq, sql } from 'drizzle-orm';
import { botSessions, contacts, conversations, messages } from '../../../db/schema/index.js';
import { capabilitiesOf } from '../../../channels/registry.js';
import type { ChannelCapabilities, InboundCallback, InboundMessage } from '../../../channels/types.js';
import { isBotLocale, localeFromLanguageCode } from '../../domain/bot/bot-locale.js';
import { botStep, type BotInput } from '../../domain/bot/bot-step.js';
import { say } from '../../domain/bot/bot-texts.js';
import { numberedLines, type BotChoice } from '../../domain/bot/choices.js';
import { readFlowState } from '../../domain/bot/flow-state.js';
import { intentOfMenuKey } from '../../domain/bot/intents.js';
import { needsOffHoursNotice } from '../../domain/bot/off-hours.js';
import { DEFAULT_TIME_ZONE, formatLocalDateTime } from '../../domain/tickets/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { insertOutbound } from '../post-message.js';
import { getWelcomeText } from '../settings.js';
import { calendarLoader } from '../tickets/calendars.js';
import { applyBotAction, type TurnEffects, type TurnReply } from './bot-actions.js';
import { botEnabled, getBotSettings } from './bot-settings.js';
import { knownUnitsFor } from './known-units.js';

export interface BotTurn {
  item: InboundMessage | InboundCallback;
  conversationId: string;
  /** The stored inbound message; null for a tap. */
  messageId: string | null;
}

/** Whether a tap is the bot's (survey buttons carry their own prefix). */
export function isBotCallback(data: string): boolean {
  return data.startsWith('bot:') || intentOfMenuKey(data) !== null;
}

/**
 * What the owner did, for the pure step. A click on a menu item (WeChat, WeCom) names the item's
 * position among the choices last offered; a stale menu whose label no longer matches is read
 * as the words it sent instead.
 */
function inputOf(item: InboundMessage | InboundCallback, messageId: string | null, offered: readonly BotChoice[]): BotInput {
  if (item.kind === 'callback') return { text: '', choice: item.data, photo: false, messageId: null };
  const menuId = typeof item.meta?.menuId === 'string' ? item.meta.menuId : undefined;
  const clicked = menuId && /^\d{1,2}$/.test(menuId) ? offered[Number(menuId) - 1] : undefined;
  const choice = clicked && clicked.label === item.text.trim() ? clicked.value : menuId?.startsWith('bot:') ? menuId : undefined;
  return {
    text: item.text,
    ...(item.command ? { command: item.command } : {}),
    ...(choice ? { choice } : {}),
    photo: item.attachments.some((a) => a.kind === 'photo' || a.kind === 'image'),
    messageId,
  };
}

/** Buttons or a click menu where the channel draws them; numbered lines everywhere else. */
function renderReply(caps: ChannelCapabilities, reply: TurnReply): { content: string; meta: Record<string, unknown> } {
  const { text, choices } = reply;
  const meta: Record<string, unknown> = { kind: 'bot', ...(reply.answerId ? { answerId: reply.answerId } : {}) };
  if (choices.length === 0) return { content: text, meta };
  if (caps.buttons) return { content: text, meta: { ...meta, buttons: choices.map((c) => [{ label: c.label, data: `bot:${c.value}` }]) } };
  // Menu items are numbered as the typed answers are, so a click and a typed "2" mean the same.
  if (caps.clickMenus) return { content: text, meta: { ...meta, menu: choices.map((c, i) => ({ id: String(i + 1), label: c.label })) } };
  return { content: `${text}\n${numberedLines(choices)}`, meta };
}

async function lockSession(tx: Tx, conversationId: string) {
  await tx.insert(botSessions).values({ conversationId }).onConflictDoNothing();
  const [row] = await tx.select().from(botSessions).where(eq(botSessions.conversationId, conversationId)).for('update');
  if (!row) throw new Error('bot session vanished inside its own transaction');
  return row;
}

async function agentHasReplied(tx: Tx, conversationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ one: sql<number>`1` })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.senderType, 'agent'), eq(messages.private, false)))
    .limit(1);
  return Boolean(row);
}

export async function runBotTurn(deps: ServiceDeps, turn: BotTurn): Promise<void> {
  const caps = capabilitiesOf(turn.item.channel);
  if (!caps.selfService || !(await botEnabled(deps.db))) return;
  const result = await deps.db.transaction(async (tx) => {
    const settings = await getBotSettings(tx);
    if (!settings.enabled) return null;
    const [conv] = await tx.select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, turn.conversationId));
    if (!conv) return null;
    const session = await lockSession(tx, turn.conversationId);
    const [contact] = await tx.select({ unit: contacts.unit }).from(contacts).where(eq(contacts.id, conv.contactId));
    const now = deps.clock.now();
    const fx: TurnEffects = {
      events: [],
      deliveries: [],
      replies: [],
      handedOff: false,
      locale: isBotLocale(session.locale) ? session.locale : localeFromLanguageCode(turn.item.author.languageCode),
    };
    let offHoursNoticeAt = session.offHoursNoticeAt;
    if (turn.item.kind === 'message') {
      const cal = await calendarLoader(tx).get(settings.calendarId);
      const due = cal ? needsOffHoursNotice(now, session.offHoursNoticeAt, cal) : null;
      if (due && cal) {
        const opensAt = formatLocalDateTime(due.opensAt, cal.timeZone || DEFAULT_TIME_ZONE);
        fx.replies.push({ text: settings.offHoursNotice.replaceAll('{opensAt}', opensAt).replaceAll('{phone}', settings.emergencyPhone), choices: [] });
        offHoursNoticeAt = now;
      }
    }
    const { state, timedOut } = readFlowState(session.state, session.updatedAt, now);
    if (timedOut) fx.replies.push({ text: say('timedOut', fx.locale), choices: [] });
    const input = inputOf(turn.item, turn.messageId, session.offered);
    const outcome = botStep(state, input, {
      locale: fx.locale,
      // /start is welcomed by the intake itself (in the message's own transaction); the bot adds the menu.
      welcomeText: turn.item.kind === 'message' && turn.item.command === 'start' ? '' : await getWelcomeText(tx),
      rememberedUnit: contact?.unit ?? null,
      knownUnits: state?.flow === 'repair' && state.step === 'unit' && input.text.trim() && !input.choice ? await knownUnitsFor(tx, input.text) : null,
      emergencyWords: settings.emergencyWords,
      emergencyPhone: settings.emergencyPhone,
      agentEngaged: session.handedOffAt !== null || (await agentHasReplied(tx, turn.conversationId)),
      offered: session.offered,
    });
    // The decision's own words come first; what actions add (ticket lists) follows them.
    fx.replies.push(...outcome.replies);
    const subject = { conversationId: turn.conversationId, contactId: conv.contactId, answerThreshold: settings.answerThreshold };
    for (const action of outcome.actions) await applyBotAction(tx, deps, subject, action, fx);
    for (const [i, r] of fx.replies.entries()) {
      const { content, meta } = renderReply(caps, r);
      // Delivery keeps a conversation's order by created time: one turn's replies must not share it.
      const at = new Date(now.getTime() + i + 1);
      const stored = await insertOutbound(tx, deps, { conversationId: turn.conversationId, senderType: 'bot', senderId: null, content, meta, at });
      if (stored) {
        fx.events.push(...stored.events);
        fx.deliveries.push(stored.message.id);
      }
    }
    await tx
      .update(botSessions)
      .set({
        state: outcome.state,
        offered: fx.replies.at(-1)?.choices ?? [],
        locale: fx.locale,
        offHoursNoticeAt,
        handedOffAt: fx.handedOff ? now : session.handedOffAt,
        updatedAt: now,
      })
      .where(eq(botSessions.conversationId, turn.conversationId));
    return { events: fx.events as StoredEvent[], deliveries: fx.deliveries };
  });
  if (!result) return;
  deps.bus.publish(result.events);
  for (const id of result.deliveries) await deps.jobs.enqueueDelivery(id);
}
