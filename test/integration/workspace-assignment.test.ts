/**
 * Presence and round-robin across two agents' sockets, capacity, busy, the offline grace
 * period, and the typing / viewer signals between agents in the same conversation.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, type TestAgent } from '../support/agents.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, nextEvent, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';

interface Conv {
  id: string;
  contact: { name: string };
  assignee: { id: string } | null;
}
interface Presence {
  userId: string;
  status: string;
  load: number;
}

let tg: FakeTelegram;
let hx: TestServer;
let a: TestAgent;
let b: TestAgent;
let socketA: Socket;
let socketB: Socket;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, env: { AUTO_ASSIGN: 'true', OFFLINE_GRACE_SECONDS: '1' } });
  a = await createAgent(hx, 'Agent A');
  b = await createAgent(hx, 'Agent B');
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

const presence = async () => (await hx.api<{ data: Presence[] }>('/api/presence')).body.data;
const statusOf = async (id: string) => (await presence()).find((p) => p.userId === id)?.status;

async function newConversation(name: string): Promise<Conv> {
  await hx.webhook(textUpdate(newOwner(name), `${name} 报修`));
  return eventually(async () => {
    const page = await hx.api<{ data: Conv[] }>('/api/conversations?status=all&limit=100');
    const conv = page.body.data.find((c) => c.contact.name === name);
    return conv?.assignee ? conv : null;
  });
}

describe('presence and round-robin', () => {
  it('marks agents online when they connect and takes turns between them', async () => {
    socketA = await hx.socket(a.token);
    socketB = await hx.socket(b.token);
    await eventually(async () => (await statusOf(a.id)) === 'online' && (await statusOf(b.id)) === 'online');

    const assignees: string[] = [];
    for (const name of ['Owner1', 'Owner2', 'Owner3', 'Owner4']) assignees.push((await newConversation(name)).assignee!.id);
    expect(new Set(assignees)).toEqual(new Set([a.id, b.id]));
    for (let i = 1; i < assignees.length; i++) expect(assignees[i]).not.toBe(assignees[i - 1]);
  });

  it('skips an agent at capacity and an agent who is busy', async () => {
    expect((await hx.api(`/api/presence/${b.id}`, { method: 'PATCH', body: { capacity: 2 } })).status).toBe(200);
    expect((await newConversation('Owner5')).assignee!.id).toBe(a.id);
    expect((await hx.api(`/api/presence/${b.id}`, { method: 'PATCH', body: { capacity: 10 } })).status).toBe(200);

    const busy = nextEvent<{ presence: Presence }>(socketA, 'presence.updated', (p) => p.presence.userId === b.id && p.presence.status === 'busy');
    socketB.emit('presence.set', { status: 'busy' });
    await busy;
    expect((await newConversation('Owner6')).assignee!.id).toBe(a.id);
    socketB.emit('presence.set', { status: 'online' });
    await eventually(async () => (await statusOf(b.id)) === 'online');
  });

  it('returns an absent agent’s conversations to the pool after the grace period', async () => {
    const before = await hx.api<{ data: Conv[] }>('/api/conversations?status=open&limit=100');
    const ofA = before.body.data.filter((c) => c.assignee?.id === a.id).map((c) => c.id);
    expect(ofA.length).toBeGreaterThan(0);
    socketA.disconnect();
    await eventually(async () => (await statusOf(a.id)) === 'offline');
    // B is online with room: everything A held moves to B once the grace period is over.
    await eventually(async () => {
      const page = await hx.api<{ data: Conv[] }>('/api/conversations?status=open&limit=100');
      return ofA.every((id) => page.body.data.find((c) => c.id === id)?.assignee?.id === b.id);
    }, 15_000);
  });
});

describe('typing and viewers', () => {
  it('tells agents in the same conversation who else is there and who is typing', async () => {
    const page = await hx.api<{ data: Conv[] }>('/api/conversations?status=open&limit=1');
    const conversationId = page.body.data[0]!.id;
    const c = await createAgent(hx, 'Agent C');
    const socketC = await hx.socket(c.token);
    const socketB2 = await hx.socket(b.token);

    const bothViewing = nextEvent<{ viewers: { id: string }[] }>(socketB2, 'viewers.updated', (p) => p.viewers.length === 2);
    socketB2.emit('viewing', { conversationId });
    socketC.emit('viewing', { conversationId });
    const viewers = await bothViewing;
    expect(viewers.viewers.map((v) => v.id).sort()).toEqual([b.id, c.id].sort());

    const started = nextEvent<{ conversationId: string; user: { id: string; name: string } }>(socketB2, 'typing.started');
    socketC.emit('typing', { conversationId, typing: true });
    expect(await started).toEqual({ conversationId, user: { id: c.id, name: 'Agent C' } });
    const stopped = nextEvent<{ user: { id: string } }>(socketB2, 'typing.stopped');
    socketC.emit('typing', { conversationId, typing: false });
    expect((await stopped).user.id).toBe(c.id);

    const left = nextEvent<{ viewers: { id: string }[] }>(socketB2, 'viewers.updated', (p) => p.viewers.length === 1);
    socketC.disconnect();
    expect((await left).viewers.map((v) => v.id)).toEqual([b.id]);
  });

  it('does not admit an agent who may not read the conversation', async () => {
    const page = await hx.api<{ data: Conv[] }>('/api/conversations?status=open&limit=1');
    const conversationId = page.body.data[0]!.id;
    const clerk = await createAgent(hx, 'Clerk', 'restricted_agent');
    const socketClerk = await hx.socket(clerk.token);
    const socketB3 = await hx.socket(b.token);
    const heard: unknown[] = [];
    socketClerk.on('typing.started', (p: unknown) => heard.push(p));
    socketClerk.emit('viewing', { conversationId });
    const viewersSeen = nextEvent<{ viewers: { id: string }[] }>(socketB3, 'viewers.updated');
    socketB3.emit('viewing', { conversationId });
    expect((await viewersSeen).viewers.map((v) => v.id)).not.toContain(clerk.id);
    const echo = nextEvent(socketB3, 'typing.started');
    socketB2Typing(conversationId);
    await echo;
    expect(heard).toEqual([]);
  });
});

/** A second tab of agent B types, so B's other socket (and any other viewer) hears it. */
function socketB2Typing(conversationId: string) {
  void hx.socket(b.token).then((s) => {
    s.emit('viewing', { conversationId });
    setTimeout(() => s.emit('typing', { conversationId, typing: true }), 200);
  });
}
