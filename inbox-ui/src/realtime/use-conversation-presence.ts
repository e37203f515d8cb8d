/**
 * Who else is in this conversation and who is typing (collision warning). Tells the server
 * what this tab views, again after every reconnect; repeats "typing" every few seconds while
 * the agent types, and forgets another agent's typing if their repeats stop.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UserRef } from '../api/types';
import { useActiveSocket } from './socket-registry';

const REPEAT_MS = 3000;
const EXPIRE_MS = 7000;

export interface ConversationPresence {
  viewers: UserRef[];
  typers: UserRef[];
  /** Call on every keystroke; `false` when the draft is sent or cleared. */
  setTyping: (typing: boolean) => void;
}

function isUser(v: unknown): v is UserRef {
  return typeof v === 'object' && v !== null && typeof (v as UserRef).id === 'string' && typeof (v as UserRef).name === 'string';
}

export function useConversationPresence(conversationId: string, meId: string): ConversationPresence {
  const socket = useActiveSocket();
  const [viewers, setViewers] = useState<UserRef[]>([]);
  const [typers, setTypers] = useState<Map<string, { user: UserRef; until: number }>>(new Map());
  const lastSent = useRef(0);
  const typing = useRef(false);

  useEffect(() => {
    if (!socket) return;
    const announce = () => socket.emit('viewing', { conversationId });
    if (socket.connected) announce();
    const onViewers = (p: { conversationId?: unknown; viewers?: unknown }) => {
      if (p.conversationId !== conversationId || !Array.isArray(p.viewers)) return;
      setViewers(p.viewers.filter(isUser).filter((u) => u.id !== meId));
    };
    const onStarted = (p: { conversationId?: unknown; user?: unknown }) => {
      if (p.conversationId !== conversationId || !isUser(p.user) || p.user.id === meId) return;
      const user = p.user;
      setTypers((m) => new Map(m).set(user.id, { user, until: Date.now() + EXPIRE_MS }));
    };
    const onStopped = (p: { conversationId?: unknown; user?: unknown }) => {
      if (p.conversationId !== conversationId || !isUser(p.user)) return;
      const id = p.user.id;
      setTypers((m) => {
        const next = new Map(m);
        next.delete(id);
        return next;
      });
    };
    socket.on('connect', announce);
    socket.on('viewers.updated', onViewers);
    socket.on('typing.started', onStarted);
    socket.on('typing.stopped', onStopped);
    const sweep = setInterval(() => setTypers((m) => (Array.from(m.values()).some((t) => t.until < Date.now()) ? new Map([...m].filter(([, t]) => t.until >= Date.now())) : m)), 1000);
    return () => {
      clearInterval(sweep);
      socket.off('connect', announce);
      socket.off('viewers.updated', onViewers);
      socket.off('typing.started', onStarted);
      socket.off('typing.stopped', onStopped);
      if (typing.current) socket.emit('typing', { conversationId, typing: false });
      typing.current = false;
      socket.emit('viewing', { conversationId: null });
      setViewers([]);
      setTypers(new Map());
    };
  }, [socket, conversationId, meId]);

  const setTyping = useCallback(
    (on: boolean) => {
      if (!socket) return;
      const now = Date.now();
      if (on && typing.current && now - lastSent.current < REPEAT_MS) return;
      if (!on && !typing.current) return;
      typing.current = on;
      lastSent.current = now;
      socket.emit('typing', { conversationId, typing: on });
    },
    [socket, conversationId],
  );

  return { viewers, typers: [...typers.values()].map((t) => t.user), setTyping };
}
