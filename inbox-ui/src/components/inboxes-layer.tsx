/**
 * The inboxes screen (收件箱设置) over the inbox, at `#/settings/inboxes`, for users with
 * settings.manage: every inbox of every kind with its webhook URL (copy), health (last
 * message in, last delivery, last error), and add / edit / test / disable. The form of each
 * kind is generated from GET /api/channels; mailboxes are edited on their own screen.
 */
import { useState, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  adminInboxesKey,
  channelKindsKey,
  createInbox,
  fetchAdminInboxes,
  fetchChannelKinds,
  testInbox,
  updateInbox,
  type AdminInbox,
  type ChannelKindInfo,
  type InboxDraft,
} from '../api/inbox-api';
import { useCurrentUser } from '../auth/auth-context';
import { BotNavButton } from './bot-layer';
import { useI18n } from '../i18n/i18n-context';
import { InboxConfigForm } from './inbox-config-form';
import '../email.css';

const HASH = '#/settings/inboxes';
const MAILBOXES_HASH = '#/settings/mailboxes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const useIsOpen = () => useSyncExternalStore(subscribe, () => window.location.hash === HASH);
const useCanManage = () => useCurrentUser().permissions.includes('settings.manage');

type Editing = { kind: ChannelKindInfo; inbox: AdminInbox | null } | null;

function When({ at }: { at: string | null | undefined }) {
  const { t, locale } = useI18n();
  return <>{at ? new Date(at).toLocaleString(locale) : t('ib.never')}</>;
}

function InboxCard({ inbox, kind, onEdit }: { inbox: AdminInbox; kind: ChannelKindInfo | undefined; onEdit(): void }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [copied, setCopied] = useState(false);
  const test = useMutation({ mutationFn: () => testInbox(inbox.id) });
  const toggle = useMutation({
    mutationFn: () => updateInbox(inbox.id, { disabled: !inbox.disabled }),
    onSuccess: () => client.invalidateQueries({ queryKey: adminInboxesKey }),
  });
  const copy = async () => {
    if (!inbox.webhookUrl) return;
    await navigator.clipboard?.writeText(inbox.webhookUrl).catch(() => {});
    setCopied(true);
  };
  const label = kind ? kind.label[locale] : inbox.channel;
  return (
    <li className="mb-card" data-testid="inbox-card" data-channel={inbox.channel} data-inbox-id={inbox.id} data-disabled={inbox.disabled}>
      <div className="mb-card__head">
        <strong>{inbox.name}</strong>
        <span className="muted">{label}</span>
        {inbox.disabled && <span className="muted">· {t('ib.disabled')}</span>}
        {inbox.source === 'env' && <span className="muted">· {t('ib.fromEnv')}</span>}
      </div>
      {inbox.webhookUrl && (
        <div className="mb-card__row">
          <span className="muted">{t('ib.webhook')}</span>
          <code data-testid="inbox-webhook-url">{inbox.webhookUrl}</code>
          <button type="button" className="button button--ghost button--small" onClick={() => void copy()} data-testid="inbox-copy-webhook">
            {copied ? t('ib.copied') : t('ib.copy')}
          </button>
        </div>
      )}
      <div className="mb-card__row muted" data-testid="inbox-health">
        {t('ib.lastInbound')} <When at={inbox.health?.lastInboundAt} /> · {t('ib.lastDelivery')} <When at={inbox.health?.lastDeliveryAt} />
        {inbox.health?.lastError && (
          <span className="mb-status__error" data-testid="inbox-last-error">
            {' '}
            · {t('ib.lastError', { error: inbox.health.lastError })} (<When at={inbox.health.lastErrorAt} />)
          </span>
        )}
      </div>
      <div className="mb-card__row">
        {test.data && (
          <span data-testid="inbox-test-result" data-ok={test.data.ok}>
            {test.data.ok ? t('ib.testOk', { detail: test.data.detail ?? '' }) : t('ib.testFailed', { error: test.data.error ?? '' })}
          </span>
        )}
        {test.error && <span className="mb-status__error">{t('ib.testFailed', { error: test.error.message })}</span>}
        <span className="app-header__spacer" />
        {inbox.editable ? (
          <>
            <button type="button" className="button button--small" onClick={() => test.mutate()} disabled={test.isPending || inbox.disabled} data-testid="inbox-test">
              {t('ib.test')}
            </button>
            <button type="button" className="button button--small" onClick={() => toggle.mutate()} disabled={toggle.isPending} data-testid="inbox-toggle">
              {inbox.disabled ? t('ib.enable') : t('ib.disable')}
            </button>
            {kind && (
              <button type="button" className="button button--small" onClick={onEdit} data-testid="inbox-edit">
                {t('ib.edit')}
              </button>
            )}
          </>
        ) : kind && !kind.creatable && kind.secretFields.length > 0 ? (
          // A kind with credentials that is not created here has its own screen (the mailboxes).
          <a className="button button--small" href={MAILBOXES_HASH}>
            {t('ib.manageMailboxes')}
          </a>
        ) : null}
      </div>
    </li>
  );
}

export function InboxesLayer() {
  const { t, locale } = useI18n();
  const open = useIsOpen();
  const canManage = useCanManage();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const kinds = useQuery({ queryKey: channelKindsKey, queryFn: ({ signal }) => fetchChannelKinds(signal), enabled: open && canManage, staleTime: Infinity });
  const list = useQuery({ queryKey: adminInboxesKey, queryFn: ({ signal }) => fetchAdminInboxes(signal), enabled: open && canManage, refetchInterval: open ? 5000 : false });
  const save = useMutation({
    mutationFn: (draft: InboxDraft) => (editing?.inbox ? updateInbox(editing.inbox.id, { name: draft.name, config: draft.config }) : createInbox(draft)),
    onSuccess: async () => {
      setEditing(null);
      await client.invalidateQueries({ queryKey: adminInboxesKey });
      await client.invalidateQueries({ queryKey: ['inboxes'] });
    },
  });
  if (!open || !canManage) return null;
  const byKind = new Map((kinds.data ?? []).map((k) => [k.kind, k]));
  const creatable = (kinds.data ?? []).filter((k) => k.creatable);

  return (
    <div className="tickets-layer mailboxes-layer" data-testid="inboxes-layer">
      <div className="tickets-layer__bar">
        <strong>{t('ib.title')}</strong>
        <BotNavButton />
        <span className="app-header__spacer" />
        <button type="button" className="button button--ghost button--small" onClick={() => (window.location.hash = '')} data-testid="inboxes-close">
          {t('ib.close')}
        </button>
      </div>
      <div className="tickets-layer__body mb-body">
        {list.isError && <p className="notice notice--error">{t('ib.loadError', { message: list.error.message })}</p>}
        {editing ? (
          <InboxConfigForm
            key={editing.inbox?.id ?? `new-${editing.kind.kind}`}
            kind={editing.kind}
            inbox={editing.inbox}
            saving={save.isPending}
            error={save.error?.message ?? null}
            onSave={(draft) => save.mutate(draft)}
            onCancel={() => (save.reset(), setEditing(null))}
          />
        ) : (
          <>
            <ul className="mb-list">
              {(list.data ?? []).map((inbox) => (
                <InboxCard
                  key={inbox.id}
                  inbox={inbox}
                  kind={byKind.get(inbox.channel)}
                  onEdit={() => {
                    const kind = byKind.get(inbox.channel);
                    if (kind) setEditing({ kind, inbox });
                  }}
                />
              ))}
            </ul>
            <div className="mb-card__row">
              <span>{t('ib.add')}</span>
              {creatable.map((k) => (
                <button key={k.kind} type="button" className="button button--primary button--small" onClick={() => setEditing({ kind: k, inbox: null })} data-testid={`inbox-add-${k.kind}`}>
                  {k.label[locale]}
                </button>
              ))}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

/** The header's way to the inboxes screen (only for settings.manage). */
export function InboxesNavButton() {
  const { t } = useI18n();
  if (!useCanManage()) return null;
  return (
    <a className="button button--ghost button--small" href={HASH} data-testid="inboxes-nav">
      {t('ib.nav')}
    </a>
  );
}
