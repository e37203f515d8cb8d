/**
 * Forum settings for 论坛管理员: the pre-moderation threshold, the word list, and each board's
 * moderators (版主) and service flag. Others see them read-only (the server decides).
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createStaffTopic, fetchBoards, fetchSettings, forumKeys, patchBoard, saveSettings, setModerators, type ForumBoard } from '../api/forum-api';
import { useCurrentUser } from '../auth/auth-context';
import { useUsers } from '../hooks/use-users';
import { useI18n } from '../i18n/i18n-context';

export function ForumSettingsScreen() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const admin = me.permissions.includes('forum.admin');
  const client = useQueryClient();
  const settings = useQuery({ queryKey: forumKeys.settings, queryFn: fetchSettings });
  const boards = useQuery({ queryKey: forumKeys.boards, queryFn: fetchBoards });
  const [threshold, setThreshold] = useState(1);
  const [words, setWords] = useState('');
  useEffect(() => {
    if (!settings.data) return;
    setThreshold(settings.data.premoderationThreshold);
    setWords(settings.data.wordList.join('\n'));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => saveSettings({ premoderationThreshold: threshold, wordListText: words }),
    onSettled: () => void client.invalidateQueries({ queryKey: forumKeys.settings }),
  });

  return (
    <div>
      <section className="forum-section">
        <h2>{t('forum.settings.title')}</h2>
        <label>
          {t('forum.settings.threshold')}{' '}
          <input type="number" min={0} max={100} value={threshold} disabled={!admin} onChange={(e) => setThreshold(Number(e.target.value))} />
        </label>
        <p className="muted">{t('forum.settings.thresholdHint')}</p>
        <label htmlFor="forum-words">{t('forum.settings.words')}</label>
        <textarea id="forum-words" value={words} disabled={!admin} onChange={(e) => setWords(e.target.value)} />
        {save.isError && <p className="notice notice--error">{t('forum.error', { message: save.error.message })}</p>}
        {admin && (
          <button type="button" className="button button--primary button--small" onClick={() => save.mutate()} disabled={save.isPending}>
            {save.isSuccess ? t('forum.settings.saved') : t('forum.settings.save')}
          </button>
        )}
      </section>
      <StaffTopicForm boards={boards.data?.data ?? []} />
      <section className="forum-section">
        <h2>{t('forum.boards.title')}</h2>
        {(boards.data?.data ?? []).map((b) => (
          <BoardRow key={b.id} board={b} admin={admin} />
        ))}
      </section>
    </div>
  );
}

function BoardRow({ board, admin }: { board: ForumBoard; admin: boolean }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const users = useUsers();
  const [adding, setAdding] = useState('');
  const done = { onSettled: () => void client.invalidateQueries({ queryKey: forumKeys.boards }) };
  const mods = useMutation({ mutationFn: (ids: string[]) => setModerators(board.id, ids), ...done });
  const service = useMutation({ mutationFn: (v: boolean) => patchBoard(board.id, { isService: v }), ...done });
  const ids = board.moderators.map((m) => m.id);
  const error = mods.error ?? service.error;
  return (
    <div className="forum-actions" data-testid="forum-board-row">
      <strong>{locale === 'en' ? board.nameEn : board.name}</strong>
      <label>
        <input type="checkbox" checked={board.isService} disabled={!admin} onChange={(e) => service.mutate(e.target.checked)} /> {t('forum.boards.service')}
      </label>
      <span className="muted">{t('forum.boards.moderators')}:</span>
      {board.moderators.length === 0 && <span className="muted">—</span>}
      {board.moderators.map((m) => (
        <span key={m.id}>
          {m.name}
          {admin && (
            <button type="button" className="button button--ghost button--small" aria-label={t('forum.boards.remove', { name: m.name })} onClick={() => mods.mutate(ids.filter((id) => id !== m.id))}>
              ×
            </button>
          )}
        </span>
      ))}
      {admin && (
        <>
          <select value={adding} onChange={(e) => setAdding(e.target.value)} aria-label={t('forum.boards.appoint')}>
            <option value="">{t('forum.boards.appoint')}</option>
            {(users.data ?? [])
              .filter((u) => !ids.includes(u.id))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
          <button type="button" className="button button--small" disabled={!adding} onClick={() => mods.mutate([...ids, adding])}>
            {t('forum.boards.add')}
          </button>
        </>
      )}
      {error && <span className="notice notice--error">{t('forum.error', { message: error.message })}</span>}
    </div>
  );
}

/** An official topic (社区公告 …) with the staff badge; who may post where is the server's call. */
function StaffTopicForm({ boards }: { boards: ForumBoard[] }) {
  const { t, locale } = useI18n();
  const [boardId, setBoardId] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const chosen = boardId || boards.find((b) => b.staffOnlyTopics)?.id || boards[0]?.id || '';
  const publish = useMutation({
    mutationFn: () => createStaffTopic(chosen, title.trim(), body.trim()),
    onSuccess: () => {
      setTitle('');
      setBody('');
    },
  });
  return (
    <section className="forum-section">
      <h2>{t('forum.post.title')}</h2>
      <div className="forum-actions">
        <select value={chosen} onChange={(e) => setBoardId(e.target.value)} aria-label={t('forum.post.board')}>
          {boards.map((b) => (
            <option key={b.id} value={b.id}>
              {locale === 'en' ? b.nameEn : b.name}
            </option>
          ))}
        </select>
        <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('forum.post.subject')} aria-label={t('forum.post.subject')} maxLength={120} />
      </div>
      <textarea value={body} onChange={(e) => setBody(e.target.value)} aria-label={t('forum.post.body')} maxLength={20000} />
      {publish.isError && <p className="notice notice--error">{t('forum.error', { message: publish.error.message })}</p>}
      {publish.isSuccess && <p className="notice notice--info">{t('forum.post.done')}</p>}
      <button type="button" className="button button--primary button--small" disabled={!chosen || !title.trim() || !body.trim() || publish.isPending} onClick={() => publish.mutate()}>
        {t('forum.post.submit')}
      </button>
    </section>
  );
}
