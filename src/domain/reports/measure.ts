/**
 * The exact definitions behind every duration the reports show, over one conversation's
 * timeline (timeline.ts). Each duration is given in wall-clock seconds and in business
 * seconds of the center's calendar (src/domain/tickets/business-time.ts).
 *
 * - Clock start, for a moment T: the latest of the creation, the last bot handoff before T and
 *   the last reopening before T. Time the bot spent, and time a matter lay resolved, is nobody's wait.
 * - First response: the first public reply by a person (not the bot, not a private note) minus
 *   the clock start before it; credited to the agent who sent it.
 * - Reply time: each agent reply minus the first owner message that no reply had answered yet
 *   (the owner's oldest unanswered word); credited to the agent who replied.
 * - Resolution: every resolution minus the clock start before it; credited to the assignee at
 *   that moment.
 * - Reopened: a resolution followed by a reopening within 7 days.
 */
import type { BusinessSeconds } from './business-clock.js';
import type { TimelineEvent } from './timeline.js';

export const REOPEN_WINDOW_MS = 7 * 24 * 3600 * 1000;

export interface Duration {
  wallSeconds: number;
  businessSeconds: number;
}

export interface CreditedDuration extends Duration {
  at: Date;
  /** Who the number belongs to (null: nobody was assigned / the sender is unknown). */
  agentId: string | null;
}

export interface ResolutionMeasure extends CreditedDuration {
  reopenedWithin7Days: boolean;
}

export interface ConversationMeasures {
  firstResponse: CreditedDuration | null;
  replies: CreditedDuration[];
  resolutions: ResolutionMeasure[];
}

export function durationBetween(from: Date, to: Date, business: BusinessSeconds): Duration {
  const wallSeconds = Math.max(0, (to.getTime() - from.getTime()) / 1000);
  const businessSeconds = wallSeconds === 0 ? 0 : Math.max(0, business(from, to));
  return { wallSeconds, businessSeconds };
}

/** `business` counts the calendar's open seconds (business-clock.ts: exact, or indexed for many questions). */
export function measureConversation(timeline: readonly TimelineEvent[], business: BusinessSeconds): ConversationMeasures {
  let clockStart: Date | null = null;
  let assignee: string | null = null;
  let firstResponse: CreditedDuration | null = null;
  let unansweredSince: Date | null = null;
  const replies: CreditedDuration[] = [];
  const resolutions: ResolutionMeasure[] = [];
  let lastResolution: ResolutionMeasure | null = null;

  for (const e of timeline) {
    switch (e.kind) {
      case 'created':
        clockStart = e.at;
        assignee = e.assigneeId;
        break;
      case 'bot_handoff':
        clockStart = e.at;
        break;
      case 'reopened':
        clockStart = e.at;
        if (lastResolution && e.at.getTime() - lastResolution.at.getTime() <= REOPEN_WINDOW_MS) lastResolution.reopenedWithin7Days = true;
        lastResolution = null;
        break;
      case 'assigned':
        assignee = e.assigneeId;
        break;
      case 'owner_message':
        unansweredSince ??= e.at;
        break;
      case 'agent_reply':
        if (!firstResponse && clockStart) firstResponse = { at: e.at, agentId: e.agentId, ...durationBetween(clockStart, e.at, business) };
        if (unansweredSince) replies.push({ at: e.at, agentId: e.agentId, ...durationBetween(unansweredSince, e.at, business) });
        unansweredSince = null;
        break;
      case 'resolved':
        if (clockStart) {
          lastResolution = { at: e.at, agentId: assignee, reopenedWithin7Days: false, ...durationBetween(clockStart, e.at, business) };
          resolutions.push(lastResolution);
        }
        break;
      case 'private_note':
      case 'bot_message':
        // Neither answers the owner: the bot's words are measured by the bot's own counts, a note is internal.
        break;
    }
  }
  return { firstResponse, replies, resolutions };
}
