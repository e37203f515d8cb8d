/**
 * Staff account controls over real HTTP and socket.io on PostgreSQL: switching an account
 * off ends its sessions and sockets at once and refuses its next sign-in; password change
 * and admin reset end sessions; session lists never show a bearer token; emails are gated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../support/agents.js';
import { ADMIN, eventually, startTestServer, type TestServer } from '../support/huixin.js';

let hx: TestServer;
beforeAll(async () => {
  hx = await startTestServer();
});
afterAll(async () => {
  await hx?.close();
});

interface Staff {
  id: string;
  name: string;
  email?: string;
  role: string;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}
interface Session {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

const login = (email: string, password: string) => hx.api<{ token: string; error?: string }>('/api/auth/login', { method: 'POST', body: { email, password }, token: null });

describe('switching an account off', () => {
  it('ends its sessions and open sockets at once and refuses the next sign-in', async () => {
    const leaver = await createAgent(hx, 'Leaver');
    const socket = await hx.socket(leaver.token);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const off = await hx.api<Staff>(`/api/users/${leaver.id}`, { method: 'PATCH', body: { disabled: true } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: leaver.id, disabled: true, email: leaver.email });
    expect(await disconnected).toBe('io server disconnect');
    expect((await hx.api('/api/me', { token: leaver.token })).status).toBe(401);
    const again = await login(leaver.email, leaver.password);
    expect(again.status).toBe(403);
    expect(again.body.error).toBe('account disabled');
    // A guesser with a wrong password learns nothing about the account.
    expect((await login(leaver.email, 'not the password at all')).status).toBe(401);
    // Left out of assignment pickers, listed for admins who ask.
    const picker = await hx.api<{ data: Staff[] }>('/api/users');
    expect(picker.body.data.map((u) => u.id)).not.toContain(leaver.id);
    const all = await hx.api<{ data: Staff[] }>('/api/users?includeDisabled=true');
    expect(all.body.data.find((u) => u.id === leaver.id)?.disabled).toBe(true);
    // Nor shown among the agents work can go to.
    const presence = await hx.api<{ data: { userId: string }[] }>('/api/presence');
    expect(presence.body.data.map((p) => p.userId)).not.toContain(leaver.id);
    // Switched on again, it signs in.
    expect((await hx.api(`/api/users/${leaver.id}`, { method: 'PATCH', body: { disabled: false } })).status).toBe(200);
    expect((await login(leaver.email, leaver.password)).status).toBe(200);
  });

  it('refuses to switch off yourself or to remove the last account that manages users', async () => {
    const me = await hx.api<{ user: { id: string } }>('/api/me');
    const self = await hx.api<{ error: string }>(`/api/users/${me.body.user.id}`, { method: 'PATCH', body: { disabled: true } });
    expect(self.status).toBe(409);
    expect(self.body.error).toMatch(/your own account/);
    const demote = await hx.api<{ error: string }>(`/api/users/${me.body.user.id}`, { method: 'PATCH', body: { role: 'agent' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatch(/last account that can manage users/);
    expect((await hx.api<{ user: { role: string } }>('/api/me')).body.user.role).toBe('admin');
    // With a second admin the demotion is allowed (and undone here).
    const second = await createAgent(hx, 'Second Admin', 'admin');
    expect((await hx.api(`/api/users/${me.body.user.id}`, { method: 'PATCH', body: { role: 'agent' } })).status).toBe(200);
    expect((await hx.api(`/api/users/${me.body.user.id}`, { method: 'PATCH', body: { role: 'admin' } })).status).toBe(403);
    expect((await hx.api(`/api/users/${me.body.user.id}`, { method: 'PATCH', body: { role: 'admin' }, token: second.token })).status).toBe(200);
  });

  it('needs users.manage, answers 404 for an unknown user and 422 for an unknown role', async () => {
    const agent = await createAgent(hx, 'Plain Agent');
    expect((await hx.api(`/api/users/${agent.id}`, { method: 'PATCH', body: { name: 'x' }, token: agent.token })).status).toBe(403);
    expect((await hx.api('/api/users/00000000-0000-4000-8000-000000000000', { method: 'PATCH', body: { name: 'x' } })).status).toBe(404);
    expect((await hx.api(`/api/users/${agent.id}`, { method: 'PATCH', body: { role: 'no-such-role' } })).status).toBe(422);
  });
});

describe('passwords', () => {
  it('changing one’s own password needs the current one and ends the other sessions only', async () => {
    const a = await createAgent(hx, 'Changer');
    const other = await login(a.email, a.password);
    const otherSocket = await hx.socket(other.body.token);
    const gone = new Promise<void>((resolve) => otherSocket.once('disconnect', () => resolve()));
    expect((await hx.api('/api/auth/password', { method: 'POST', body: { currentPassword: 'wrong password!', newPassword: 'a brand new password' }, token: a.token })).status).toBe(403);
    expect((await hx.api('/api/me', { token: other.body.token })).status).toBe(200);
    expect((await hx.api('/api/auth/password', { method: 'POST', body: { currentPassword: a.password, newPassword: 'a brand new password' }, token: a.token })).status).toBe(204);
    await gone;
    expect((await hx.api('/api/me', { token: other.body.token })).status).toBe(401);
    expect((await hx.api('/api/me', { token: a.token })).status).toBe(200);
    expect((await login(a.email, a.password)).status).toBe(401);
    expect((await login(a.email, 'a brand new password')).status).toBe(200);
  });

  it('an admin reset hands out a strong temporary password and ends every session', async () => {
    const a = await createAgent(hx, 'Forgetful');
    const reset = await hx.api<{ temporaryPassword: string }>(`/api/users/${a.id}/password`, { method: 'POST', body: {} });
    expect(reset.status).toBe(200);
    expect(reset.body.temporaryPassword).toMatch(/^[A-Za-z2-9]{20}$/);
    expect((await hx.api('/api/me', { token: a.token })).status).toBe(401);
    expect((await login(a.email, reset.body.temporaryPassword)).status).toBe(200);
    const chosen = await hx.api<{ temporaryPassword: string }>(`/api/users/${a.id}/password`, { method: 'POST', body: { password: 'chosen by the admin' } });
    expect(chosen.body.temporaryPassword).toBe('chosen by the admin');
    expect((await hx.api(`/api/users/${a.id}/password`, { method: 'POST', body: {}, token: (await login(a.email, 'chosen by the admin')).body.token })).status).toBe(403);
  });
});

describe('sessions', () => {
  it('lists one’s sessions without their tokens, marks the current one, and ends one', async () => {
    const a = await createAgent(hx, 'Two Devices');
    const second = await login(a.email, a.password);
    const list = await hx.api<{ data: Session[] }>('/api/auth/sessions', { token: a.token });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.data.filter((s) => s.current)).toHaveLength(1);
    for (const s of list.body.data) {
      expect(s.id).not.toBe(a.token);
      expect(s.id).not.toBe(second.body.token);
      expect(JSON.stringify(s)).not.toContain(a.token);
      expect(s.ip).toBe('127.0.0.1');
    }
    const other = list.body.data.find((s) => !s.current)!;
    expect((await hx.api(`/api/auth/sessions/${other.id}`, { method: 'DELETE', token: a.token })).status).toBe(204);
    expect((await hx.api('/api/me', { token: second.body.token })).status).toBe(401);
    // Someone else's session is not one's own to end.
    const adminSessions = await hx.api<{ data: Session[] }>('/api/auth/sessions');
    expect((await hx.api(`/api/auth/sessions/${adminSessions.body.data[0]!.id}`, { method: 'DELETE', token: a.token })).status).toBe(404);
  });

  it('an admin lists and ends all sessions of a user, whose sockets drop', async () => {
    const a = await createAgent(hx, 'Ended');
    const socket = await hx.socket(a.token);
    const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const list = await hx.api<{ data: Session[] }>(`/api/users/${a.id}/sessions`);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]!.current).toBe(false);
    expect((await hx.api(`/api/users/${a.id}/sessions`, { token: a.token })).status).toBe(403);
    expect((await hx.api(`/api/users/${a.id}/sessions`, { method: 'DELETE' })).status).toBe(204);
    await gone;
    expect((await hx.api('/api/me', { token: a.token })).status).toBe(401);
    await eventually(async () => (await hx.api<{ data: Session[] }>(`/api/users/${a.id}/sessions`)).body.data.length === 0);
  });
});

describe('the staff list', () => {
  it('shows emails only to those who manage users', async () => {
    const agent = await createAgent(hx, 'Lister');
    const forAgent = await hx.api<{ data: Staff[] }>('/api/users', { token: agent.token });
    expect(forAgent.status).toBe(200);
    expect(forAgent.body.data.length).toBeGreaterThan(1);
    for (const u of forAgent.body.data) expect(u).not.toHaveProperty('email');
    expect((await hx.api('/api/users?includeDisabled=true', { token: agent.token })).status).toBe(403);
    const forAdmin = await hx.api<{ data: Staff[] }>('/api/users');
    const admin = forAdmin.body.data.find((u) => u.email === ADMIN.email);
    expect(admin).toMatchObject({ role: 'admin', disabled: false });
    expect(admin?.lastSignInAt).not.toBeNull();
  });
});
