import { useI18n } from '../i18n/i18n-context';

export type ForumVisibility = 'public' | 'private';

/** For a forum conversation: answer on the topic (with the staff badge) or only to the owner. */
export function ForumVisibilityChoice({ value, onChange }: { value: ForumVisibility; onChange: (v: ForumVisibility) => void }) {
  const { t } = useI18n();
  return (
    <label className="forum-visibility">
      <span className="visually-hidden">{t('forum.reply.visibility')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value === 'private' ? 'private' : 'public')} data-testid="composer-forum-visibility" aria-label={t('forum.reply.visibility')}>
        <option value="public">{t('forum.reply.public')}</option>
        <option value="private">{t('forum.reply.private')}</option>
      </select>
    </label>
  );
}
