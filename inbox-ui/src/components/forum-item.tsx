/**
 * One review item: the post as the owner wrote it (never editable), why it is here, what may
 * be done (claim, approve, reject with a reason, ignore a report, lock, pin, highlight, move,
 * send to the inbox, suspend the author) and everything done so far.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { claimItem, decideItem, fetchBoards, fetchItem, forumKeys, moveTopic, sendToInbox, setTopicFlag, suspendAccount, type Decision, type ForumQueueItemDetail, type TopicFlag } from '../api/forum-api';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/locales';
import { formatFullTime } from '../lib/format-time';

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useI18n();
  const key = `forum.kind.${kind}`;
  return <span className={`forum-kind forum-kind--${kind}`}>{isMessageKey(key) ? t(key) : kind}</span>;
}

function useForumAction<A>(fn: (arg: A) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => void client.invalidateQueries({ queryKey: forumKeys.all }) });
}

export function ForumItem({ itemId }: { itemId: string }) {
  const { t } = useI18n();
  const item = useQuery({ queryKey: forumKeys.item(itemId), queryFn: () => fetchItem(itemId) });
  if (item.isError) return <p className="notice notice--error">{t('forum.error', { message: item.error.message })}</p>;
  if (!item.data) return <p className="muted">{t('app.loading')}</p>;
  return <ItemDetail item={item.data} />;
}

function ItemDetail({ item }: { item: ForumQueueItemDetail }) {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(7);
  const [suspendReason, setSuspendReason] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const boards = useQuery({ queryKey: forumKeys.boards, queryFn: fetchBoards, enabled: item.allowed.move === true });
  const claim = useForumAction((c: boolean) => claimItem(item.id, c));
  const decide = useForumAction((d: Decision) => decideItem(item.id, d, reason.trim() || undefined));
  const flag = useForumAction(({ f, v }: { f: TopicFlag; v: boolean }) => setTopicFlag(item.topic.id, f, v));
  const move = useForumAction((boardId: string) => moveTopic(item.topic.id, boardId));
  const inbox = useForumAction(() => sendToInbox(item.post.id));
  const suspend = useForumAction((d: number) => suspendAccount(item.author?.accountId ?? '', d, suspendReason.trim()));
  const error = [claim, decide, flag, move, inbox, suspend].find((m) => m.isError)?.error;
  const pending = item.state === 'pending';
  const mine = item.claimedBy?.id === me.id;
  const heldByOther = pending && item.claimedBy !== null && !mine;
  const canDecide = item.allowed.review === true && pending && !heldByOther;

  return (
    <article className="forum-detail" data-testid="forum-item" data-state={item.state}>
      <header>
        <h2>
          <KindBadge kind={item.kind} /> {item.topic.title}
        </h2>
        <p className="muted">
          {locale === 'en' ? item.board.nameEn : item.board.name} · {item.author?.displayName ?? '—'} · {formatFullTime(item.post.createdAt, locale)} ·{' '}
          {t(`forum.state.${item.state}`)}
        </p>
        {item.reasons.length > 0 && (
          <p data-testid="forum-item-reasons">{t('forum.item.reasons', { reasons: item.reasons.map((r) => (item.kind === 'flag' ? flagReasonText(t, r) : r)).join('；') })}</p>
        )}
        {item.author?.suspendedUntil && <p className="notice notice--info">{t('forum.item.suspended', { until: formatFullTime(item.author.suspendedUntil, locale), reason: item.author.suspendReason ?? '' })}</p>}
      </header>
      <div className="forum-detail__body" data-testid="forum-item-body">
        {item.post.body}
      </div>
      {item.post.images.length > 0 && (
        <div className="forum-detail__images">
          {item.post.images.map((img) => (
            <img key={img.id} src={`/api/forum/images/${img.id}`} width={img.width} height={img.height} alt={t('forum.item.image')} />
          ))}
        </div>
      )}
      {error && (
        <p className="notice notice--error" role="alert" data-testid="forum-action-error">
          {t('forum.error', { message: error.message })}
        </p>
      )}

      {pending && item.allowed.review && (
        <section className="forum-actions" aria-label={t('forum.item.decide')}>
          {heldByOther ? (
            <span className="muted">{t('forum.claimedBy', { name: item.claimedBy?.name ?? '' })}</span>
          ) : (
            <button type="button" className="button button--small" onClick={() => claim.mutate(!mine)} data-testid="forum-claim">
              {mine ? t('forum.item.release') : t('forum.item.claim')}
            </button>
          )}
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('forum.item.reasonPlaceholder')} aria-label={t('forum.item.reason')} maxLength={500} data-testid="forum-reason" />
          <button type="button" className="button button--primary button--small" disabled={!canDecide} onClick={() => decide.mutate('approve')} data-testid="forum-approve">
            {item.kind === 'flag' ? t('forum.item.keep') : t('forum.item.approve')}
          </button>
          <button type="button" className="button button--small" disabled={!canDecide || !reason.trim()} onClick={() => decide.mutate('reject')} data-testid="forum-reject">
            {item.kind === 'flag' ? t('forum.item.hide') : t('forum.item.reject')}
          </button>
          {item.kind === 'flag' && (
            <button type="button" className="button button--ghost button--small" disabled={!canDecide} onClick={() => decide.mutate('ignore')} data-testid="forum-ignore">
              {t('forum.item.ignore')}
            </button>
          )}
        </section>
      )}

      <section className="forum-actions" aria-label={t('forum.item.topic')}>
        {item.allowed.lock && (
          <button type="button" className="button button--small" onClick={() => flag.mutate({ f: 'locked', v: !item.topic.locked })} data-testid="forum-lock">
            {item.topic.locked ? t('forum.item.unlock') : t('forum.item.lock')}
          </button>
        )}
        {item.allowed.pin && (
          <button type="button" className="button button--small" onClick={() => flag.mutate({ f: 'pinned', v: !item.topic.pinned })} data-testid="forum-pin">
            {item.topic.pinned ? t('forum.item.unpin') : t('forum.item.pin')}
          </button>
        )}
        {item.allowed.highlight && (
          <button type="button" className="button button--small" onClick={() => flag.mutate({ f: 'highlighted', v: !item.topic.highlighted })} data-testid="forum-highlight">
            {item.topic.highlighted ? t('forum.item.unhighlight') : t('forum.item.highlight')}
          </button>
        )}
        {item.allowed.to_inbox && (
          <button type="button" className="button button--small" onClick={() => inbox.mutate(undefined)} data-testid="forum-to-inbox">
            {inbox.isSuccess ? t('forum.item.inInbox') : t('forum.item.toInbox')}
          </button>
        )}
        {item.allowed.move && (
          <>
            <select value={moveTo} onChange={(e) => setMoveTo(e.target.value)} aria-label={t('forum.item.moveTo')}>
              <option value="">{t('forum.item.moveTo')}</option>
              {(boards.data?.data ?? [])
                .filter((b) => b.id !== item.board.id)
                .map((b) => (
                  <option key={b.id} value={b.id}>
                    {locale === 'en' ? b.nameEn : b.name}
                  </option>
                ))}
            </select>
            <button type="button" className="button button--small" disabled={!moveTo} onClick={() => move.mutate(moveTo)}>
              {t('forum.item.move')}
            </button>
          </>
        )}
      </section>

      {item.allowed.suspend && item.author && (
        <section className="forum-actions" aria-label={t('forum.item.suspend')}>
          <label>
            {t('forum.item.days')} <input type="number" min={0} max={3650} value={days} onChange={(e) => setDays(Number(e.target.value))} />
          </label>
          <input type="text" value={suspendReason} onChange={(e) => setSuspendReason(e.target.value)} placeholder={t('forum.item.reasonPlaceholder')} aria-label={t('forum.item.reason')} maxLength={500} />
          <button type="button" className="button button--small" disabled={days > 0 && !suspendReason.trim()} onClick={() => suspend.mutate(days)} data-testid="forum-suspend">
            {days > 0 ? t('forum.item.suspend') : t('forum.item.unsuspend')}
          </button>
        </section>
      )}

      <section aria-label={t('forum.item.history')}>
        <h3>{t('forum.item.history')}</h3>
        <ol className="forum-history">
          {item.history.map((h) => (
            <li key={h.id} data-testid="forum-history-entry" data-action={h.action}>
              {formatFullTime(h.createdAt, locale)} · {h.actor?.name ?? (h.owner && h.action === 'flagged' ? t('forum.history.owner', { name: h.owner.name }) : t('forum.history.system'))} ·{' '}
              <HistoryAction action={h.action} />
              {h.reason ? ` · ${h.action === 'flagged' ? flagReasonText(t, h.reason) : h.reason}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/** A report is stored as "<reason key>: <owner's words>"; the key is shown in the agent's language. */
export function flagReasonText(t: ReturnType<typeof useI18n>['t'], stored: string): string {
  const [key, ...rest] = stored.split(': ');
  const catalogKey = `forum.flagReason.${key ?? ''}`;
  const label = isMessageKey(catalogKey) ? t(catalogKey) : (key ?? '');
  return rest.length > 0 ? `${label}: ${rest.join(': ')}` : label;
}

function HistoryAction({ action }: { action: string }) {
  const { t } = useI18n();
  const key = `forum.action.${action}`;
  return <>{isMessageKey(key) ? t(key) : action}</>;
}
