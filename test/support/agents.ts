/** Extra agents for tests that need more than the admin (round-robin, mentions, collisions). */
import type { TestServer } from './huixin.js';

export interface TestAgent {
  id: string;
  name: string;
  email: string;
  password: string;
  token: string;
}

export async function createAgent(hx: TestServer, name: string, role = 'agent'): Promise<TestAgent> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, '') || 'agent'}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'a-long-agent-password';
  const created = await hx.api<{ id: string }>('/api/users', { method: 'POST', body: { email, name, password, role } });
  if (created.status !== 201) throw new Error(`create agent failed: ${created.status}`);
  const login = await hx.api<{ token: string }>('/api/auth/login', { method: 'POST', body: { email, password }, token: null });
  if (login.status !== 200) throw new Error(`agent login failed: ${login.status}`);
  return { id: created.body.id, name, email, password, token: login.body.token };
}
