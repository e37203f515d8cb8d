/** Helpers for the ticket suites: a clock the test moves, and owners' conversations to escalate. */
import type { Update } from 'grammy/types';
import type { Clock } from '../../src/services/ports.js';
import type { TestServer } from './huixin.js';
import { fixtureFor, newOwner, textUpdate, type Owner } from './telegram-updates.js';

export interface TestClock {
  clock: Clock;
  now(): Date;
  set(at: Date): void;
  advance(ms: number): Date;
}

export function testClock(start: Date): TestClock {
  let t = start.getTime();
  return {
    clock: { now: () => new Date(t) },
    now: () => new Date(t),
    set(at) {
      t = at.getTime();
    },
    advance(ms) {
      t += ms;
      return new Date(t);
    },
  };
}

/** A wall-clock time in Shanghai: sh('2026-11-23T09:00') is Monday 09:00 there. */
export const sh = (local: string): Date => new Date(`${local}+08:00`);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface TicketBody {
  id: string;
  number: string;
  status: string;
  version: number;
  category: string;
  priority: string;
  departmentId: string;
  department: { id: string; name: string };
  summary: string;
  conversationIds: string[];
  originConversationId: string | null;
  assignee: { id: string; name: string } | null;
  accountableAgent: { id: string; name: string } | null;
  escalationLevel: number;
  escalationRole: string;
  dueAt: { firstResponse: string | null; resolution: string | null };
  sla: {
    paused: boolean;
    firstResponse: { state: string; dueAt: string; riskAt: string; done: boolean };
    resolution: { state: string; dueAt: string; riskAt: string; done: boolean };
  } | null;
  policy: { id: string; name: string; version: number } | null;
  allowedTransitions: string[];
  followUp: { id: string; dueAt: string; due: boolean; score: number | null; solved: boolean | null; comment: string | null; outcome: string | null; completedAt: string | null } | null;
  closeReason: string | null;
  mergedIntoId: string | null;
}

export interface TicketDetailBody extends TicketBody {
  history: { from: string | null; to: string; actor: { type: string; id: string | null }; note: string | null; at: string }[];
  escalations: { level: number; reason: string; target: string | null; role: string; climbed: boolean; at: string }[];
  notifications: { kind: string; channel: string; status: string; recipient: { id: string; name: string } | null; detail: string | null }[];
}

/** An owner writes on Telegram; returns the id of the conversation that opened. */
export async function ownerConversation(hx: TestServer, text: string, owner: Owner = newOwner('业主', String(Math.floor(Math.random() * 1e6)))): Promise<{ conversationId: string; owner: Owner }> {
  const res = await hx.webhook(textUpdate(owner, text));
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  const name = [owner.first_name, owner.last_name].filter(Boolean).join(' ');
  const list = await hx.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
  const conv = list.body.data.find((c) => c.contact.name === name);
  if (!conv) throw new Error(`no conversation for ${name}`);
  return { conversationId: conv.id, owner };
}

export async function departmentIdByName(hx: TestServer, name: string): Promise<string> {
  const res = await hx.api<{ data: { id: string; name: string }[] }>('/api/departments');
  const dep = res.body.data.find((d) => d.name === name);
  if (!dep) throw new Error(`no department ${name}`);
  return dep.id;
}

/** The owner taps an inline button: a callback_query update from the recorded fixture, with our data. */
export function buttonTap(owner: Owner, data: string): Update {
  const u = fixtureFor('callback-query', owner);
  const q = u.callback_query;
  if (!q) throw new Error('fixture lacks callback_query');
  return { ...u, callback_query: { ...q, id: `cb-${Math.random().toString(36).slice(2)}`, data } };
}

/** The inline keyboard a fake-Telegram sendMessage carried, as rows of {text, callback_data}. */
export function keyboardOf(params: Record<string, unknown>): { text: string; callback_data: string }[][] {
  const raw = params.reply_markup;
  const markup = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
  return markup?.inline_keyboard ?? [];
}
