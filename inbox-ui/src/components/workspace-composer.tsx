/**
 * The reply box of the workspace: `/` inserts a standard phrase with its variables filled,
 * leftover variables block a reply, the tone check warns before sending, `@` mentions an agent
 * in a private note, and typing is shared with other agents (collision warning).
 */
import { useCapabilities } from '../hooks/use-channel-kinds';
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { checkTone, postNote, renderReply } from '../api/workspace-endpoints';
import type { ToneFinding } from '../api/workspace-types';
import { useCurrentUser } from '../auth/auth-context';
import { applyMessage } from '../cache/apply-to-cache';
import { useSendMessage } from '../hooks/use-send-message';
import { useUsers } from '../hooks/use-users';
import { useCannedReplies } from '../hooks/use-workspace-data';
import { useI18n } from '../i18n/i18n-context';
import { matchReplies, replaceRange, triggerAt, unresolvedIn } from '../lib/canned-match';
import { useConversationPresence } from '../realtime/use-conversation-presence';
import { CollisionBanner } from './collision-banner';
import { EmailAttachPicker, useEmailAttachments } from './email-attach-picker';
import { ForumVisibilityChoice, type ForumVisibility } from './forum-visibility-choice';
import { SuggestionList, type Suggestion } from './suggestion-list';
import { ToneWarning } from './tone-warning';
import { ReplyWindow } from './reply-window';

export const COMPOSE_EVENT = 'huixin:compose';
const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

type Picker = { kind: '/' | '@'; start: number; query: string };

export function WorkspaceComposer({ conversationId, channel }: { conversationId: string; channel: string }) {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const client = useQueryClient();
  const send = useSendMessage(conversationId);
  const email = useEmailAttachments(conversationId);
  const note = useMutation({
    mutationFn: ({ content, mentions }: { content: string; mentions: string[] }) => postNote(conversationId, content, mentions),
    onSuccess: (message) => applyMessage(client, conversationId, message, { keepExisting: true }),
  });
  const replies = useCannedReplies();
  const users = useUsers();
  const presence = useConversationPresence(conversationId, me.id);
  const capabilities = useCapabilities(channel);
  // Logs (phone calls, visits) have nobody to deliver to: they take notes.
  const logOnly = capabilities?.logOnly === true;
  const [isPrivate, setPrivate] = useState(false);
  useEffect(() => {
    if (logOnly) setPrivate(true);
  }, [logOnly]);
  const maxText = capabilities?.maxTextLength ?? 0;
  const [text, setText] = useState('');
  // Forum answers: public on the topic (staff badge) or private to the owner, chosen per reply.
  const [forumVisibility, setForumVisibility] = useState<ForumVisibility>('public');
  const [picker, setPicker] = useState<Picker | null>(null);
  const [active, setActive] = useState(0);
  const [mentioned, setMentioned] = useState<Map<string, string>>(new Map());
  const [findings, setFindings] = useState<ToneFinding[] | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const onCompose = (event: Event) => {
      const wantsPrivate = (event as CustomEvent<{ private?: boolean }>).detail?.private;
      if (typeof wantsPrivate === 'boolean') setPrivate(wantsPrivate);
      input.current?.focus();
    };
    window.addEventListener(COMPOSE_EVENT, onCompose);
    return () => window.removeEventListener(COMPOSE_EVENT, onCompose);
  }, []);

  const suggestions: Suggestion[] = useMemo(() => {
    if (!picker) return [];
    if (picker.kind === '/') {
      return matchReplies(replies.data ?? [], picker.query, locale).map((r) => ({ id: r.id, primary: `/${r.shortcode} · ${r.title}`, secondary: r.content }));
    }
    const q = picker.query.toLowerCase();
    return (users.data ?? []).filter((u) => u.id !== me.id && u.name.toLowerCase().includes(q)).slice(0, 8).map((u) => ({ id: u.id, primary: u.name }));
  }, [picker, replies.data, users.data, locale, me.id]);

  const pending = send.isPending || note.isPending || email.send.isPending;
  const unresolved = unresolvedIn(text);
  const canSend = text.trim().length > 0 && !pending && (isPrivate || unresolved.length === 0);

  function update(next: string, caret: number) {
    setText(next);
    presence.setTyping(next.trim().length > 0);
    const slash = triggerAt(next, caret, '/');
    const at = isPrivate ? triggerAt(next, caret, '@') : null;
    const found = slash ? { kind: '/' as const, ...slash } : at ? { kind: '@' as const, ...at } : null;
    setPicker(found);
    if (found?.query !== picker?.query || found?.kind !== picker?.kind) setActive(0);
  }

  async function pick(index: number) {
    if (!picker) return;
    const caret = input.current?.selectionStart ?? text.length;
    let insert: string;
    if (picker.kind === '/') {
      const reply = matchReplies(replies.data ?? [], picker.query, locale)[index];
      if (!reply) return;
      const rendered = await renderReply(conversationId, reply.content).catch(() => ({ text: reply.content, unknown: [], missing: [] }));
      insert = rendered.text;
    } else {
      const user = (users.data ?? []).find((u) => u.id === suggestions[index]?.id);
      if (!user) return;
      insert = `@${user.name} `;
      setMentioned((m) => new Map(m).set(user.id, user.name));
    }
    const next = replaceRange(text, picker.start, caret, insert);
    setPicker(null);
    setText(next.text);
    presence.setTyping(true);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(next.caret, next.caret);
    });
  }

  function deliver() {
    const done = () => {
      setText('');
      setFindings(null);
      setMentioned(new Map());
      email.clear();
      presence.setTyping(false);
    };
    if (isPrivate) {
      const ids = [...mentioned].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
      note.mutate({ content: text, mentions: ids }, { onSuccess: done });
    } else if (capabilities?.attachmentsOut && email.files.length > 0) {
      email.send.mutate(text, { onSuccess: done });
    } else {
      send.mutate({ content: text, isPrivate: false, ...(capabilities?.visibilityChoice ? { forumVisibility } : {}) }, { onSuccess: done });
    }
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim() || pending) return;
    // A reply never leaves with braces in it; the warning above the box says what to fill in.
    if (!isPrivate && unresolved.length > 0) return;
    if (!isPrivate) {
      const found = await checkTone(text).catch(() => []);
      if (found.length > 0) {
        setFindings(found);
        return;
      }
    }
    deliver();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (picker && suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        void pick(active);
        return;
      }
    }
    if (event.key === 'Escape' && picker) {
      event.preventDefault();
      setPicker(null);
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  const error = send.error ?? note.error ?? email.send.error;
  const listId = `suggest-${conversationId}`;
  return (
    <form className={`composer${isPrivate ? ' composer--private' : ''}`} onSubmit={(e) => void submit(e)}>
      <CollisionBanner viewers={presence.viewers} typers={presence.typers} drafting={text.trim().length > 0} />
      {error && (
        <p className="notice notice--error" role="alert" data-testid="composer-error">
          {t('composer.error', { message: error.message })}
        </p>
      )}
      {!isPrivate && unresolved.length > 0 && (
        <p className="notice notice--warn" role="alert" data-testid="unresolved-variables">
          {t('ws.vars.unresolved', { vars: unresolved.join(' ') })}
        </p>
      )}
      {findings && <ToneWarning findings={findings} onSend={deliver} onEdit={() => (setFindings(null), input.current?.focus())} />}
      {picker && (
        <SuggestionList
          id={listId}
          testId={picker.kind === '/' ? 'canned-picker' : 'mention-picker'}
          label={picker.kind === '/' ? t('ws.canned.search', { q: picker.query }) : t('ws.mention.pick')}
          items={suggestions}
          active={active}
          empty={t('ws.canned.none')}
          onPick={(i) => void pick(i)}
        />
      )}
      <textarea
        ref={input}
        className="composer__input"
        data-testid="composer-input"
        aria-label={isPrivate ? t('composer.private') : t('composer.label')}
        aria-autocomplete="list"
        aria-controls={picker ? listId : undefined}
        aria-activedescendant={picker && suggestions.length > 0 ? `${listId}-${active}` : undefined}
        placeholder={`${isPrivate ? t('composer.placeholderPrivate') : t('composer.placeholder')} ${t('ws.canned.hint')}`}
        rows={3}
        value={text}
        onChange={(event) => update(event.target.value, event.target.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setPicker(null)}
      />
      <div className="composer__bar">
        <label className="toggle">
          <input type="checkbox" role="switch" data-testid="composer-private" checked={isPrivate} onChange={(event) => setPrivate(event.target.checked)} />
          <span>{t('composer.private')}</span>
        </label>
        {capabilities?.attachmentsOut && !isPrivate && <EmailAttachPicker files={email.files} onChange={email.setFiles} />}
        {capabilities?.visibilityChoice && !isPrivate && <ForumVisibilityChoice value={forumVisibility} onChange={setForumVisibility} />}
        {!isPrivate && capabilities?.replyWindowHours !== undefined && <ReplyWindow conversationId={conversationId} hours={capabilities.replyWindowHours} />}
        {!isPrivate && maxText > 0 && text.length > maxText * 0.8 && (
          <span className="composer__hint muted" data-testid="composer-length">
            {t('composer.length', { count: String(text.length), max: String(maxText) })}
          </span>
        )}
        <span className="composer__hint muted">{IS_MAC ? t('composer.hintMac') : t('composer.hint')}</span>
        <button type="submit" className="button button--primary" data-testid="composer-send" disabled={!canSend}>
          {pending ? t('composer.sending') : isPrivate ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}
