/**
 * A button press on a survey (Telegram callback_query, normalized to an InboundCallback).
 * Only the owner's own chat may answer its survey: the callback must come from the inbox and
 * chat the survey was sent to.
 */
import { eq } from 'drizzle-orm';
import type { InboundCallback } from '../../../channels/types.js';
import { conversations, ticketFollowUps } from '../../../db/schema/index.js';
import type { ServiceDeps } from '../ports.js';
import { parseSurveyCallbackData } from './follow-up-schedule.js';
import { answerSurvey, type AnswerResult } from './survey-answers.js';

export type CallbackOutcome = AnswerResult['status'] | 'not_a_survey' | 'wrong_chat';

export async function receiveSurveyCallback(deps: ServiceDeps, item: InboundCallback): Promise<{ outcome: CallbackOutcome; conversationId: string | null }> {
  const parsed = parseSurveyCallbackData(item.data);
  if (!parsed) return { outcome: 'not_a_survey', conversationId: null };
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const [target] = await tx
      .select({ conversationId: conversations.id, inboxId: conversations.inboxId, threadKey: conversations.threadKey })
      .from(ticketFollowUps)
      .innerJoin(conversations, eq(conversations.id, ticketFollowUps.surveyConversationId))
      .where(eq(ticketFollowUps.id, parsed.followUpId));
    if (!target) return { answer: { status: 'not_found' as const }, conversationId: null };
    if (target.inboxId !== item.inboxId || target.threadKey !== item.threadKey) return { answer: null, conversationId: target.conversationId };
    const answer = await answerSurvey(tx, deps, parsed.followUpId, { score: parsed.score, solved: true, via: 'telegram', actor: { type: 'owner', id: null } }, now);
    return { answer, conversationId: target.conversationId };
  });
  if (!result.answer) {
    deps.logger.warn('survey answer from another chat ignored', { followUpId: parsed.followUpId, inboxId: item.inboxId });
    return { outcome: 'wrong_chat', conversationId: result.conversationId };
  }
  if (result.answer.status === 'recorded') {
    deps.bus.publish(result.answer.events);
    for (const id of result.answer.deliveries) await deps.jobs.enqueueDelivery(id);
  }
  return { outcome: result.answer.status, conversationId: result.conversationId };
}
