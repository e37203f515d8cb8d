/** Managing standard phrases: personal or team-wide (managers), in folders, zh-CN and en. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createCannedReply, deleteCannedReply, workspaceKeys } from '../api/workspace-endpoints';
import type { CannedReply } from '../api/workspace-types';
import { useCurrentUser } from '../auth/auth-context';
import { useCannedReplies } from '../hooks/use-workspace-data';
import { useI18n } from '../i18n/i18n-context';
import { Modal } from './modal';

const VARS = '{{contact.name}} {{contact.unit}} {{agent.name}} {{ticket.number}} {{ticket.due}} {{inbox.name}}';

export function CannedRepliesDialog({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const client = useQueryClient();
  const replies = useCannedReplies();
  const empty = { shortcode: '', title: '', content: '', folder: '', locale: locale as CannedReply['locale'], scope: 'personal' as CannedReply['scope'] };
  const [draft, setDraft] = useState(empty);
  const refresh = () => void client.invalidateQueries({ queryKey: workspaceKeys.cannedReplies });
  const create = useMutation({ mutationFn: createCannedReply, onSuccess: () => (setDraft(empty), refresh()) });
  const remove = useMutation({ mutationFn: deleteCannedReply, onSuccess: refresh });
  const mayTeam = me.permissions.includes('settings.manage');
  const folders = new Map<string, CannedReply[]>();
  for (const r of replies.data ?? []) folders.set(r.folder, [...(folders.get(r.folder) ?? []), r]);

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(draft);
  }

  return (
    <Modal title={t('ws.canned.manage')} onClose={onClose} testId="canned-dialog">
      <div className="canned">
        {[...folders].map(([folder, items]) => (
          <section key={folder || '-'}>
            <h3 className="canned__folder">{folder || '—'}</h3>
            <ul className="canned__list">
              {items.map((r) => (
                <li key={r.id} className="canned__item">
                  <span>
                    <code>/{r.shortcode}</code> · {r.title} <span className="muted">({r.locale} · {t(`ws.canned.scope.${r.scope}`)})</span>
                  </span>
                  {(r.scope === 'personal' || mayTeam) && (
                    <button type="button" className="button button--ghost button--small" onClick={() => remove.mutate(r.id)}>
                      {t('ws.canned.delete')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <form className="form" onSubmit={submit}>
        <h3>{t('ws.canned.new')}</h3>
        <div className="form__grid">
          <label className="field">
            <span className="field__label">{t('ws.canned.shortcode')}</span>
            <input className="input" value={draft.shortcode} onChange={(e) => setDraft({ ...draft, shortcode: e.target.value })} required />
          </label>
          <label className="field">
            <span className="field__label">{t('ws.canned.titleField')}</span>
            <input className="input" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} required />
          </label>
          <label className="field">
            <span className="field__label">{t('ws.canned.folder')}</span>
            <input className="input" value={draft.folder} onChange={(e) => setDraft({ ...draft, folder: e.target.value })} />
          </label>
          <label className="field">
            <span className="field__label">{t('ws.canned.locale')}</span>
            <select className="select" value={draft.locale} onChange={(e) => setDraft({ ...draft, locale: e.target.value as CannedReply['locale'] })}>
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('ws.canned.scope')}</span>
            <select className="select" value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.target.value as CannedReply['scope'] })}>
              <option value="personal">{t('ws.canned.scope.personal')}</option>
              {mayTeam && <option value="team">{t('ws.canned.scope.team')}</option>}
            </select>
          </label>
        </div>
        <label className="field">
          <span className="field__label">{t('ws.canned.content', { vars: VARS })}</span>
          <textarea className="input" rows={3} value={draft.content} onChange={(e) => setDraft({ ...draft, content: e.target.value })} required />
        </label>
        {(create.error ?? remove.error) && <p className="notice notice--error">{(create.error ?? remove.error)?.message}</p>}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('ws.canned.close')}
          </button>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {t('ws.canned.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
