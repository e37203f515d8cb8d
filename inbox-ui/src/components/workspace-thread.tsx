/** The open conversation in the workspace: header, triage, virtual thread, composer, owner sidebar. */
import { useEffect, useState } from 'react';
import { readMentions } from '../api/workspace-endpoints';
import { useConversation } from '../hooks/use-conversation';
import { useMarkRead } from '../hooks/use-mark-read';
import { useI18n } from '../i18n/i18n-context';
import { ContactSidebar } from './contact-sidebar';
import { ThreadHeader } from './thread-header';
import { ThreadTickets } from './thread-tickets';
import { TriageBar } from './triage-bar';
import { VirtualThread } from './virtual-thread';
import { WorkspaceComposer } from './workspace-composer';

export const CONTACT_TOGGLE_EVENT = 'huixin:toggle-contact';

export function WorkspaceThread({ conversationId, onBack, onOpen }: { conversationId: string; onBack: () => void; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const conversation = useConversation(conversationId);
  const [contactOpen, setContactOpen] = useState(() => window.matchMedia?.('(min-width: 1200px)').matches ?? false);
  useMarkRead(conversation.data);

  useEffect(() => {
    void readMentions(conversationId).catch(() => undefined);
    const toggle = () => setContactOpen((v) => !v);
    window.addEventListener(CONTACT_TOGGLE_EVENT, toggle);
    return () => window.removeEventListener(CONTACT_TOGGLE_EVENT, toggle);
  }, [conversationId]);

  const c = conversation.data;
  return (
    <div className={`workspace-thread${contactOpen ? ' workspace-thread--contact' : ''}`}>
      <section className="thread" aria-labelledby="thread-contact" data-testid="thread">
        {c ? (
          <>
            <ThreadHeader conversation={c} onBack={onBack} />
            <TriageBar conversation={c} contactOpen={contactOpen} onToggleContact={() => setContactOpen((v) => !v)} />
            <ThreadTickets conversationId={conversationId} />
          </>
        ) : (
          <header className="thread__header">
            <button type="button" className="button button--ghost thread__back" onClick={onBack} aria-label={t('thread.back')}>
              <span aria-hidden="true">←</span>
            </button>
            {conversation.isError ? <p className="notice notice--error" role="alert">{t('thread.error', { message: conversation.error.message })}</p> : <p className="muted">{t('app.loading')}</p>}
          </header>
        )}
        <VirtualThread conversationId={conversationId} />
        {c && <WorkspaceComposer key={conversationId} conversationId={conversationId} channel={c.channel} />}
      </section>
      {c && contactOpen && <ContactSidebar contactId={c.contact.id} onOpenConversation={onOpen} onClose={() => setContactOpen(false)} />}
    </div>
  );
}
