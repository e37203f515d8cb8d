/**
 * Binding owners to units through the real server, webhook and database (PGlite, or PostgreSQL
 * with DATABASE_URL), against the fake Bot API: an owner states a unit to the bot while reporting
 * a repair — that is remembered but binds nothing; an agent binds the contact to a roster person;
 * the sidebar read shows the unit, its people (masked phones for a role without
 * contact.phone.view) and the unit's tickets, a second contact's included; unbinding; who may
 * bind; unknown ids and bad bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../db/schema/index.js';
import { createAgent, type TestAgent } from '../support/agents.js';
import { botChat, zhOwner } from '../support/bot-chat.js';
import { importRoster } from '../support/roster.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { departmentIdByName, type TicketBody } from '../support/tickets.js';

interface BoundUnit {
  unit: { id: string; estate: string; building: string; entrance: string; number: string; address: string };
  role: string;
  boundBy: { id: string; name: string } | null;
  boundAt: string | null;
  people: { name: string; role: string; phone: string | null }[];
  tickets: { id: string; number: string; status: string; summary: string; createdAt: string }[];
}
interface UnitBody {
  id: string;
  people: { id: string; name: string; contactId: string | null }[];
}

const NONE = '00000000-0000-4000-8000-000000000000';
const ROSTER =
  '翠苑小区,3栋,2单元,501室,89.5,王建国,13800138000,业主\n' +
  '翠苑小区,3栋,2单元,501室,,李梅,13900139000,租户\n' +
  '翠苑小区,3栋,2单元,502室,120,,,\n';

let tg: FakeTelegram;
let hx: TestServer;
let agent: TestAgent;
let reader: TestAgent;
let outsider: TestAgent;
let unit501: string;
let unit502: string;
let ownerContact: string;
let ownerTicket: TicketBody;
let ownerConversation: string;

const { says, conversationOf, reportUntilUnit } = botChat(() => hx, () => tg);
const contactOf = async (conversationId: string) => (await hx.api<{ contact: { id: string } }>(`/api/conversations/${conversationId}`)).body.contact.id;
const unitsOf = (contactId: string, token?: string) => hx.api<{ data: BoundUnit[] }>(`/api/contacts/${contactId}/units`, { token });
const bind = (contactId: string, unitId: string, body: unknown, token = agent.token) =>
  hx.api<{ personId: string; unitId: string; contactId: string; role: string; boundAt: string; error?: string }>(`/api/contacts/${contactId}/units/${unitId}`, { method: 'PUT', body, token });
const unbind = (contactId: string, unitId: string, token = agent.token) => hx.api(`/api/contacts/${contactId}/units/${unitId}`, { method: 'DELETE', token });
const unit = async (id: string) => (await hx.api<UnitBody>(`/api/units/${id}`)).body;
const unitId = async (estateId: string, address: string) => (await hx.api<{ data: { id: string }[] }>(`/api/estates/${estateId}/units?q=${encodeURIComponent(address)}`)).body.data[0]!.id;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, env: { TICKET_SWEEP_CRON: 'off' } });
  agent = await createAgent(hx, 'Binding Agent', 'agent');
  outsider = await createAgent(hx, 'Binding Moderator', 'board_moderator');
  // Reads every contact, but neither sees phones nor may bind.
  await hx.deps.db.insert(roles).values({ key: 'unit_reader', name: 'Unit reader', permissions: ['conversation.read.all'] });
  reader = await createAgent(hx, 'Unit Reader', 'unit_reader');
  await importRoster(hx, ROSTER);
  const [estate] = (await hx.api<{ data: { id: string; name: string }[] }>('/api/estates')).body.data;
  unit501 = await unitId(estate!.id, '3-2-501');
  unit502 = await unitId(estate!.id, '3-2-502');
  expect(unit501).not.toBe(unit502);
  expect((await hx.api('/api/bot/settings', { method: 'PUT', body: { enabled: true } })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

describe('binding an owner to a unit', () => {
  it('is not done by what the owner tells the bot', async () => {
    const owner = zhOwner('王建国');
    await reportUntilUnit(owner, 'electric', '客厅插座没电');
    await says(owner, '3栋2单元501室');
    const conversationId = await conversationOf(owner);
    const tickets = (await hx.api<{ data: TicketBody[] }>(`/api/tickets?status=all&conversationId=${conversationId}`)).body.data;
    expect(tickets).toHaveLength(1);
    ownerTicket = tickets[0]!;
    ownerContact = await contactOf(conversationId);
    ownerConversation = conversationId;

    // Remembered as the owner's word on the contact, and checked against the registry…
    expect((await hx.api<{ unit: string | null }>(`/api/contacts/${ownerContact}`)).body.unit).toBe('3栋2单元501');
    // …but nobody on the unit is this contact, and the contact has no unit.
    expect((await unit(unit501)).people.map((p) => p.contactId)).toEqual([null, null]);
    expect((await unitsOf(ownerContact)).body.data).toEqual([]);
  });

  it('is refused to a role without contact.link, and unknown to staff who may not read the contact', async () => {
    const wang = (await unit(unit501)).people.find((p) => p.name === '王建国')!;
    const refused = await bind(ownerContact, unit501, { personId: wang.id }, reader.token);
    expect(refused.status).toBe(403);
    expect((await unbind(ownerContact, unit501, reader.token)).status).toBe(403);
    expect((await bind(ownerContact, unit501, { personId: wang.id }, outsider.token)).status).toBe(404);
    expect((await unitsOf(ownerContact, outsider.token)).status).toBe(404);
    expect((await unit(unit501)).people.every((p) => p.contactId === null)).toBe(true);
  });

  it('is done by an agent on a roster person; the sidebar shows the unit, its people and its tickets', async () => {
    const wang = (await unit(unit501)).people.find((p) => p.name === '王建国')!;
    const before = Date.now();
    const bound = await bind(ownerContact, unit501, { personId: wang.id });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ personId: wang.id, unitId: unit501, contactId: ownerContact, role: 'owner' });
    expect(Date.parse(bound.body.boundAt)).toBeGreaterThanOrEqual(before - 1000);
    expect((await unit(unit501)).people.find((p) => p.id === wang.id)!.contactId).toBe(ownerContact);

    const seen = await unitsOf(ownerContact);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toHaveLength(1);
    const [u] = seen.body.data;
    expect(u!.unit).toEqual({ id: unit501, estate: '翠苑小区', building: '3', entrance: '2', number: '501', address: '3栋2单元501' });
    expect(u!.role).toBe('owner');
    expect(u!.boundBy).toEqual({ id: agent.id, name: 'Binding Agent' });
    expect(u!.boundAt).toBe(bound.body.boundAt);
    expect(u!.people).toEqual([
      { name: '王建国', role: 'owner', phone: '13800138000' },
      { name: '李梅', role: 'tenant', phone: '13900139000' },
    ]);
    expect(u!.tickets).toEqual([{ id: ownerTicket.id, number: ownerTicket.number, status: ownerTicket.status, summary: ownerTicket.summary, createdAt: expect.any(String) }]);
    expect(u!.tickets[0]!.summary).toContain('客厅插座没电');

    // Without contact.phone.view the people's phones show their last four digits only.
    const masked = await unitsOf(ownerContact, reader.token);
    expect(masked.status).toBe(200);
    expect(masked.body.data[0]!.people.map((p) => p.phone)).toEqual(['*******8000', '*******9000']);
    expect(masked.body.data[0]!.tickets.map((t) => t.id)).toEqual([ownerTicket.id]);
  });

  it('adds a person for a contact not on the roster, whose tickets join the unit’s history, and removes it on unbinding', async () => {
    const tenant = zhOwner('赵租客');
    await says(tenant, '你好，我是501的新租户');
    const conversationId = await conversationOf(tenant);
    const tenantContact = await contactOf(conversationId);
    // Another contact may not take a person who is already bound.
    const wang = (await unit(unit501)).people.find((p) => p.name === '王建国')!;
    const taken = await bind(tenantContact, unit501, { personId: wang.id });
    expect(taken.status).toBe(409);

    const bound = await bind(tenantContact, unit501, { role: 'tenant' });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ unitId: unit501, contactId: tenantContact, role: 'tenant' });
    expect((await unit(unit501)).people.find((p) => p.id === bound.body.personId)).toMatchObject({ name: '赵租客', contactId: tenantContact });
    // Binding again the same way keeps one row.
    expect((await bind(tenantContact, unit501, {})).body.personId).toBe(bound.body.personId);

    const repairs = await departmentIdByName(hx, '维修部');
    const made = await hx.api<TicketBody>(`/api/conversations/${conversationId}/tickets`, {
      method: 'POST',
      body: { category: 'repair', priority: 'normal', departmentId: repairs, summary: '阳台门关不上' },
    });
    expect(made.status).toBe(201);

    const [u] = (await unitsOf(ownerContact)).body.data;
    expect(u!.people.map((p) => p.name)).toEqual(['王建国', '李梅', '赵租客']);
    // The unit's history, newest first: the tenant's ticket, then the owner's.
    expect(u!.tickets.map((t) => t.id)).toEqual([made.body.id, ownerTicket.id]);
    expect((await unitsOf(tenantContact)).body.data[0]!.tickets.map((t) => t.id)).toEqual([made.body.id, ownerTicket.id]);
    // An agent who reads only their own conversations sees the owner's tickets, not the tenant's.
    const own = await createAgent(hx, 'Own Agent', 'restricted_agent');
    expect((await hx.api(`/api/conversations/${ownerConversation}`, { method: 'PATCH', body: { assigneeId: own.id } })).status).toBe(200);
    const restricted = await unitsOf(ownerContact, own.token);
    expect(restricted.status).toBe(200);
    expect(restricted.body.data[0]!.tickets.map((t) => t.id)).toEqual([ownerTicket.id]);
    expect((await unitsOf(tenantContact, own.token)).status).toBe(404);
    expect((await bind(ownerContact, unit502, {}, own.token)).status).toBe(403);

    expect((await unbind(tenantContact, unit501)).status).toBe(204);
    expect((await unit(unit501)).people.map((p) => p.name)).toEqual(['王建国', '李梅']);
    expect((await unitsOf(tenantContact)).body.data).toEqual([]);
    expect((await unitsOf(ownerContact)).body.data[0]!.tickets.map((t) => t.id)).toEqual([ownerTicket.id]);
  });

  it('is undone by unbinding, which leaves the roster person in place', async () => {
    expect((await unbind(ownerContact, unit501)).status).toBe(204);
    const people = (await unit(unit501)).people;
    expect(people.map((p) => [p.name, p.contactId])).toEqual([
      ['王建国', null],
      ['李梅', null],
    ]);
    expect((await unitsOf(ownerContact)).body.data).toEqual([]);
    // Unbinding what is not bound is a 404.
    expect((await unbind(ownerContact, unit501)).status).toBe(404);
  });

  it('answers 404 for unknown contacts, units and persons of another unit, 400 for bad bodies and 409 for a namesake, storing nothing', async () => {
    const li = (await unit(unit501)).people.find((p) => p.name === '李梅')!;
    expect((await bind(NONE, unit501, {})).status).toBe(404);
    expect((await bind(ownerContact, NONE, {})).status).toBe(404);
    expect((await bind(ownerContact, unit502, { personId: li.id })).status).toBe(404);
    expect((await bind(ownerContact, unit501, { personId: NONE })).status).toBe(404);
    expect((await unitsOf(NONE)).status).toBe(404);
    expect((await unbind(NONE, unit501)).status).toBe(404);
    expect((await bind(ownerContact, unit501, { role: 'landlord' })).status).toBe(400);
    expect((await bind(ownerContact, unit501, { personId: 'not-a-uuid' })).status).toBe(400);
    expect((await bind(ownerContact, unit501, { unit: '3-2-501' })).status).toBe(400);
    expect((await bind(ownerContact, 'not-a-uuid', {})).status).toBe(400);
    // The roster has a 王建国 already: binding the contact 王建国 needs the agent to name that person.
    const namesake = await bind(ownerContact, unit501, {});
    expect(namesake.status).toBe(409);
    expect(namesake.body.error).toContain('personId');
    expect((await unit(unit501)).people.every((p) => p.contactId === null)).toBe(true);
    expect((await unit(unit502)).people).toEqual([]);
    expect((await unitsOf(ownerContact)).body.data).toEqual([]);
  });
});
