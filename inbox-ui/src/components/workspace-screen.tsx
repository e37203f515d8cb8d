/**
 * The agent workspace: the live inbox of the skeleton plus views, filters, bulk actions,
 * search, presence, phone/visit logging, standard phrases, shortcuts and notifications.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { patchConversation } from '../api/endpoints';
import type { ListFilter } from '../api/query-keys';
import { useCurrentUser } from '../auth/auth-context';
import { applyConversation } from '../cache/apply-to-cache';
import { useSelectedConversation } from '../hooks/use-selected-conversation';
import { useShortcuts } from '../hooks/use-shortcuts';
import { useI18n } from '../i18n/i18n-context';
import { useRealtime } from '../realtime/use-realtime';
import { useWorkspaceEvents } from '../realtime/use-workspace-events';
import { AppHeader } from './app-header';
import { CannedRepliesDialog } from './canned-replies-dialog';
import { ConnectionBanner } from './connection-banner';
import { LogContactDialog } from './log-contact-dialog';
import { MailboxesLayer, MailboxesNavButton } from './mailboxes-layer';
import { NotifySettings } from './notify-settings';
import { TicketsNavButton } from './tickets-layer';
import { PresenceSwitch } from './presence-switch';
import { SEARCH_INPUT_ID, SearchBox } from './search-box';
import { ShortcutSheet } from './shortcut-sheet';
import { TeamDialog } from './team-dialog';
import { BUILTIN } from './view-nav';
import { COMPOSE_EVENT } from './workspace-composer';
import { WorkspaceList } from './workspace-list';
import { CONTACT_TOGGLE_EVENT, WorkspaceThread } from './workspace-thread';
import '../workspace.css';

type Dialog = 'log' | 'canned' | 'team' | 'shortcuts' | null;

export function WorkspaceScreen({ token }: { token: string }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const client = useQueryClient();
  const connection = useRealtime(token, me.id);
  const [selectedId, select] = useSelectedConversation();
  const [filter, setFilter] = useState<ListFilter>(BUILTIN[2]!.filter);
  const [dialog, setDialog] = useState<Dialog>(null);
  const items = useRef<string[]>([]);
  const onItems = useCallback((ids: string[]) => {
    items.current = ids;
  }, []);
  const open = useCallback((id: string) => select(id), [select]);
  useWorkspaceEvents(me.id, open);

  const shortcuts = useMemo(() => {
    const step = (delta: number) => () => {
      const list = items.current;
      if (list.length === 0) return;
      const at = selectedId ? list.indexOf(selectedId) : -1;
      const next = list[Math.min(list.length - 1, Math.max(0, at + delta))];
      if (next) select(next);
    };
    const change = (patch: { status?: 'resolved'; assigneeId?: string }) => () => {
      if (selectedId) void patchConversation(selectedId, patch).then((c) => applyConversation(client, c, me.id));
    };
    return {
      j: step(1),
      k: step(-1),
      r: () => window.dispatchEvent(new CustomEvent(COMPOSE_EVENT, { detail: { private: false } })),
      n: () => window.dispatchEvent(new CustomEvent(COMPOSE_EVENT, { detail: { private: true } })),
      e: change({ status: 'resolved' }),
      a: change({ assigneeId: me.id }),
      c: () => window.dispatchEvent(new Event(CONTACT_TOGGLE_EVENT)),
      '/': () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
      '?': () => setDialog('shortcuts'),
    };
  }, [selectedId, select, client, me.id]);
  useShortcuts(shortcuts, dialog === null);

  return (
    <div className={`inbox workspace${selectedId ? ' inbox--thread-open' : ''}`}>
      <AppHeader>
        <SearchBox onOpen={open} />
        <PresenceSwitch />
        <button type="button" className="button button--small" onClick={() => setDialog('log')} data-testid="log-open">
          {t('ws.log.open')}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => setDialog('canned')} data-testid="canned-open">
          {t('ws.canned.manage')}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => setDialog('team')} data-testid="team-open">
          {t('ws.team.open')}
        </button>
        <NotifySettings />
        <MailboxesNavButton />
        <TicketsNavButton />
        <button type="button" className="button button--ghost button--small" onClick={() => setDialog('shortcuts')} aria-label={t('ws.shortcuts.open')}>
          ?
        </button>
      </AppHeader>
      <ConnectionBanner state={connection} />
      <div className="inbox__body">
        <WorkspaceList filter={filter} onFilterChange={setFilter} selectedId={selectedId} onSelect={open} onItems={onItems} />
        <main className="inbox__main">
          {selectedId ? (
            <WorkspaceThread key={selectedId} conversationId={selectedId} onBack={() => select(null)} onOpen={open} />
          ) : (
            <div className="thread-placeholder muted">{t('thread.none')}</div>
          )}
        </main>
      </div>
      {dialog === 'log' && (
        <LogContactDialog
          onClose={() => setDialog(null)}
          onLogged={(id) => {
            setDialog(null);
            open(id);
          }}
        />
      )}
      {dialog === 'canned' && <CannedRepliesDialog onClose={() => setDialog(null)} />}
      {dialog === 'shortcuts' && <ShortcutSheet onClose={() => setDialog(null)} />}
      {dialog === 'team' && <TeamDialog onClose={() => setDialog(null)} />}
      <MailboxesLayer />
    </div>
  );
}
