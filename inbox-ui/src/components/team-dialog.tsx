/** Team settings: presence and capacity per agent, who works each inbox, the tone-check rules. */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchToneRules, saveToneRules, setCapacity, setInboxMembers, workspaceKeys } from '../api/workspace-endpoints';
import type { ToneRule } from '../api/workspace-types';
import { useCurrentUser } from '../auth/auth-context';
import { useInboxes, usePresence } from '../hooks/use-workspace-data';
import { useI18n } from '../i18n/i18n-context';
import { Modal } from './modal';

const CATEGORIES: ToneRule['category'][] = ['blame', 'refuse_responsibility', 'curt'];

export function TeamDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const client = useQueryClient();
  const presence = usePresence();
  const inboxes = useInboxes();
  const mayAssign = me.permissions.includes('conversation.assign');
  const mayManage = me.permissions.includes('settings.manage');
  const capacity = useMutation({
    mutationFn: ({ id, value }: { id: string; value: number }) => setCapacity(id, value),
    onSuccess: () => void client.invalidateQueries({ queryKey: workspaceKeys.presence }),
  });
  const members = useMutation({
    mutationFn: ({ inboxId, ids }: { inboxId: string; ids: string[] }) => setInboxMembers(inboxId, ids),
    onSuccess: () => void client.invalidateQueries({ queryKey: workspaceKeys.inboxes }),
  });
  const agents = presence.data ?? [];

  return (
    <Modal title={t('ws.team.title')} onClose={onClose} testId="team-dialog">
      <h3>{t('ws.team.agents')}</h3>
      <table className="team-table">
        <thead>
          <tr>
            <th scope="col">{t('ws.team.agents')}</th>
            <th scope="col">{t('ws.team.status')}</th>
            <th scope="col">{t('ws.team.load')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.userId}>
              <td>{a.name}</td>
              <td>
                <span className={`presence presence--${a.status}`}>
                  <span className="presence__dot" aria-hidden="true" /> {t(`ws.presence.${a.status}`)}
                </span>
              </td>
              <td>
                {a.load} /{' '}
                {mayAssign ? (
                  <input
                    className="input team-table__capacity"
                    type="number"
                    min={0}
                    max={500}
                    defaultValue={a.capacity}
                    aria-label={t('ws.team.capacity', { name: a.name })}
                    onBlur={(e) => {
                      const value = Number(e.target.value);
                      if (Number.isInteger(value) && value >= 0 && value !== a.capacity) capacity.mutate({ id: a.userId, value });
                    }}
                  />
                ) : (
                  a.capacity
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayManage && (
        <>
          <h3>{t('ws.team.inboxes')}</h3>
          {(inboxes.data ?? []).map((inbox) => (
            <form
              key={inbox.id}
              className="form__row"
              onSubmit={(e) => {
                e.preventDefault();
                const ids = agents.filter((a) => new FormData(e.currentTarget).has(a.userId)).map((a) => a.userId);
                members.mutate({ inboxId: inbox.id, ids });
              }}
            >
              <strong>{inbox.name}</strong>
              {agents.map((a) => (
                <label key={a.userId} className="toggle">
                  <input type="checkbox" name={a.userId} defaultChecked={inbox.memberIds.includes(a.userId)} aria-label={t('ws.team.member', { name: a.name, inbox: inbox.name })} />
                  {a.name}
                </label>
              ))}
              <button type="submit" className="button button--small">
                {t('ws.team.saveMembers', { inbox: inbox.name })}
              </button>
            </form>
          ))}
          <ToneRulesEditor />
        </>
      )}
      {(capacity.error ?? members.error) && <p className="notice notice--error">{(capacity.error ?? members.error)?.message}</p>}
      <div className="form__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('ws.canned.close')}
        </button>
      </div>
    </Modal>
  );
}

function ToneRulesEditor() {
  const { t } = useI18n();
  const loaded = useQuery({ queryKey: ['tone-rules'], queryFn: ({ signal }) => fetchToneRules(signal) });
  const [rules, setRules] = useState<ToneRule[]>([]);
  useEffect(() => {
    if (loaded.data) setRules(loaded.data);
  }, [loaded.data]);
  const save = useMutation({ mutationFn: () => saveToneRules(rules.filter((r) => r.pattern.trim())) });
  const change = (i: number, patch: Partial<ToneRule>) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3>{t('ws.rules.title')}</h3>
      <ul className="rules">
        {rules.map((r, i) => (
          <li key={i} className="rules__row">
            <input className="input" value={r.pattern} aria-label={t('ws.rules.pattern')} placeholder={t('ws.rules.pattern')} onChange={(e) => change(i, { pattern: e.target.value })} />
            <label className="toggle">
              <input type="checkbox" checked={r.regex === true} onChange={(e) => change(i, { regex: e.target.checked })} />
              {t('ws.rules.regex')}
            </label>
            <select className="select" value={r.category} aria-label={t('ws.rules.category')} onChange={(e) => change(i, { category: e.target.value as ToneRule['category'] })}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`ws.tone.${c}`)}
                </option>
              ))}
            </select>
            <input className="input" value={r.suggestion ?? ''} aria-label={t('ws.rules.suggestion')} placeholder={t('ws.rules.suggestion')} onChange={(e) => change(i, { suggestion: e.target.value || undefined })} />
            <button type="button" className="button button--ghost button--small" aria-label={t('ws.rules.remove', { n: i + 1 })} onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {save.isError && <p className="notice notice--error">{save.error.message}</p>}
      {save.isSuccess && <p className="muted">{t('ws.team.saved')}</p>}
      <div className="form__actions">
        <button type="button" className="button" onClick={() => setRules((rs) => [...rs, { pattern: '', category: 'curt' }])}>
          {t('ws.rules.add')}
        </button>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {t('ws.rules.save')}
        </button>
      </div>
    </form>
  );
}
