/**
 * Survey answers written as messages ("4", "未解决") on any channel — the way an owner on email
 * or the forum answers, since only Telegram draws buttons. The sweep reads the owner's
 * messages since the survey went out, so the intake path stays unaware of surveys.
 */
import { and, asc, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import { messages, ticketFollowUps } from '../../../db/schema/index.js';
import { parseSurveyReply } from '../../domain/tickets/index.js';
import type { ServiceDeps } from '../ports.js';
import { answerSurvey } from './survey-answers.js';

const BATCH = 500;

export async function sweepSurveyReplies(deps: ServiceDeps, now: Date): Promise<number> {
  const candidates = await deps.db
    .select({ followUpId: ticketFollowUps.id, content: messages.content })
    .from(ticketFollowUps)
    .innerJoin(messages, eq(messages.conversationId, ticketFollowUps.surveyConversationId))
    .where(
      and(
        isNull(ticketFollowUps.answeredAt),
        isNull(ticketFollowUps.outcome),
        isNotNull(ticketFollowUps.surveySentAt),
        eq(messages.direction, 'in'),
        gt(messages.createdAt, ticketFollowUps.surveySentAt),
        lte(messages.createdAt, now),
      ),
    )
    .orderBy(asc(messages.createdAt))
    .limit(BATCH);
  // The first message that reads as an answer counts; later ones are conversation.
  const answers = new Map<string, NonNullable<ReturnType<typeof parseSurveyReply>>>();
  for (const c of candidates) {
    if (answers.has(c.followUpId)) continue;
    const parsed = parseSurveyReply(c.content);
    if (parsed) answers.set(c.followUpId, parsed);
  }
  let n = 0;
  for (const [followUpId, reply] of answers) {
    const result = await deps.db.transaction((tx) =>
      answerSurvey(tx, deps, followUpId, { score: reply.score, solved: reply.solved, via: 'reply', actor: { type: 'owner', id: null } }, now),
    );
    if (result.status !== 'recorded') continue;
    n++;
    deps.bus.publish(result.events);
    for (const m of result.deliveries) await deps.jobs.enqueueDelivery(m);
  }
  return n;
}
