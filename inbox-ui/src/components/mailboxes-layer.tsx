/**
 * The mailboxes screen (邮箱设置) over the inbox, at `#/settings/mailboxes`, for users with
 * settings.manage: each mailbox with its watcher's state, and the form to add or change one.
 */
import { useState, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createMailbox, fetchMailboxes, updateMailbox, type Mailbox, type MailboxDraft } from '../api/mailbox-api';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { MailboxForm } from './mailbox-form';
import '../email.css';

const HASH = '#/settings/mailboxes';
const KEY = ['mailboxes'] as const;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function useIsOpen(): boolean {
  return useSyncExternalStore(subscribe, () => window.location.hash === HASH);
}

function useCanManage(): boolean {
  return useCurrentUser().permissions.includes('settings.manage');
}

function StatusLine({ mailbox }: { mailbox: Mailbox }) {
  const { t } = useI18n();
  const state = mailbox.enabled ? (mailbox.status?.watcher ?? 'stopped') : 'off';
  return (
    <span className={`mb-status mb-status--${state}`} data-testid="mailbox-status" data-state={state}>
      {t(`mb.status.${state}`)}
      {mailbox.status?.error && <span className="mb-status__error"> · {t('mb.status.error', { error: mailbox.status.error })}</span>}
    </span>
  );
}

export function MailboxesLayer() {
  const { t } = useI18n();
  const open = useIsOpen();
  const canManage = useCanManage();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const list = useQuery({ queryKey: KEY, queryFn: ({ signal }) => fetchMailboxes(signal), enabled: open && canManage, refetchInterval: open ? 5000 : false });
  const save = useMutation({
    mutationFn: (draft: MailboxDraft) => (editing && editing !== 'new' ? updateMailbox(editing.id, draft) : createMailbox(draft)),
    onSuccess: async () => {
      setEditing(null);
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
  if (!open || !canManage) return null;
  const close = () => {
    window.location.hash = '';
  };

  return (
    <div className="tickets-layer mailboxes-layer" data-testid="mailboxes-layer">
      <div className="tickets-layer__bar">
        <strong>{t('mb.title')}</strong>
        <span className="app-header__spacer" />
        <button type="button" className="button button--ghost button--small" onClick={close} data-testid="mailboxes-close">
          {t('mb.close')}
        </button>
      </div>
      <div className="tickets-layer__body mb-body">
        {list.isError && <p className="notice notice--error">{t('mb.loadError', { message: list.error.message })}</p>}
        {editing ? (
          <MailboxForm
            key={editing === 'new' ? 'new' : editing.id}
            mailbox={editing === 'new' ? null : editing}
            saving={save.isPending}
            error={save.error?.message ?? null}
            onSave={(draft) => save.mutate(draft)}
            onCancel={() => (save.reset(), setEditing(null))}
          />
        ) : (
          <>
            <ul className="mb-list">
              {(list.data ?? []).map((m) => (
                <li key={m.id} className="mb-card" data-testid="mailbox-card" data-address={m.from.address}>
                  <div className="mb-card__head">
                    <strong>{m.name}</strong>
                    <span className="muted">{m.from.name ? `${m.from.name} <${m.from.address}>` : m.from.address}</span>
                  </div>
                  <div className="mb-card__row muted">
                    IMAP {m.imap.host}:{m.imap.port} · {m.imap.folder} · SMTP {m.smtp.host}:{m.smtp.port}
                    {m.source === 'env' && <> · {t('mb.fromEnv')}</>}
                  </div>
                  <div className="mb-card__row">
                    <StatusLine mailbox={m} />
                    <span className="app-header__spacer" />
                    <button type="button" className="button button--small" onClick={() => setEditing(m)} data-testid="mailbox-edit">
                      {t('mb.edit')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
            {list.data?.length === 0 && <p className="muted">{t('mb.empty')}</p>}
            <button type="button" className="button button--primary" onClick={() => setEditing('new')} data-testid="mailbox-add">
              {t('mb.add')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** The header's way to the mailboxes screen (only for settings.manage). */
export function MailboxesNavButton() {
  const { t } = useI18n();
  if (!useCanManage()) return null;
  return (
    <a className="button button--ghost button--small" href={HASH} data-testid="mailboxes-nav">
      {t('mb.nav')}
    </a>
  );
}
