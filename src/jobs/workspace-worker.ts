/**
 * The workspace's durable timers and reactions: wake snoozed conversations, hand an absent
 * agent's conversations back after the grace period, and round-robin new conversations.
 * A one-minute sweep repeats all three, so a crash between commit and reaction loses nothing.
 */
import type { ServiceDeps } from '../services/ports.js';
import { assignPool, autoAssign, expiredOfflineAgents, releaseIfStillOffline } from '../services/workspace/assignment.js';
import type { WorkspaceScheduler, WorkspaceSettings } from '../services/workspace/settings.js';
import { wakeSnoozed } from '../services/workspace/triage.js';
import type { Jobs } from './queue.js';

export const SNOOZE_QUEUE = 'workspace-snooze';
export const GRACE_QUEUE = 'workspace-grace';
export const WORKSPACE_SWEEP_QUEUE = 'workspace-sweep';

export interface WorkspaceJobs extends WorkspaceScheduler {
  stop(): void;
}

export async function startWorkspaceJobs(jobs: Jobs, deps: ServiceDeps, settings: Omit<WorkspaceSettings, 'scheduler'>, pollSeconds: number): Promise<WorkspaceJobs> {
  const { boss } = jobs;
  for (const name of [SNOOZE_QUEUE, GRACE_QUEUE, WORKSPACE_SWEEP_QUEUE]) await boss.createQueue(name, { name, retryLimit: 2, expireInSeconds: 60 });

  const releaseAndRefill = async (userId: string) => {
    const released = await releaseIfStillOffline(deps, userId, settings.offlineGraceSeconds);
    if (released > 0) deps.logger.info('conversations returned to the pool', { userId, released });
    if (released > 0 && settings.autoAssign) await assignPool(deps);
  };

  await boss.work(SNOOZE_QUEUE, { pollingIntervalSeconds: pollSeconds }, async () => {
    await wakeSnoozed(deps);
  });
  await boss.work<{ userId: string }>(GRACE_QUEUE, { pollingIntervalSeconds: pollSeconds }, async (batch) => {
    for (const job of batch) await releaseAndRefill(job.data.userId);
  });
  await boss.work(WORKSPACE_SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    await wakeSnoozed(deps);
    for (const userId of await expiredOfflineAgents(deps, settings.offlineGraceSeconds)) await releaseAndRefill(userId);
    if (settings.autoAssign) await assignPool(deps);
  });
  await boss.schedule(WORKSPACE_SWEEP_QUEUE, '* * * * *');

  // Immediate reactions to what just happened; the sweep above is the safety net. (An owner's
  // message wakes a snoozed conversation inside ingestInbound itself.)
  const unsubscribe = deps.bus.subscribe((e) => {
    if (!e.conversationId) return;
    const conversationId = e.conversationId;
    const run = async () => {
      if (e.type === 'conversation.created' && settings.autoAssign) await autoAssign(deps, conversationId);
    };
    run().catch((err: unknown) => deps.logger.error('workspace reaction failed', { type: e.type, err }));
  });

  return {
    async wakeSnoozedAt(at) {
      await boss.send(SNOOZE_QUEUE, {}, { startAfter: at });
    },
    async releaseAfterGrace(userId) {
      // One second late on purpose: the job must find the grace period over, not almost over.
      await boss.send(GRACE_QUEUE, { userId }, { startAfter: settings.offlineGraceSeconds + 1 });
    },
    stop: unsubscribe,
  };
}
