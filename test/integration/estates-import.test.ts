/**
 * The estate registry through the real server and database (PGlite, or PostgreSQL with
 * DATABASE_URL): a dry run with bad rows stores nothing and names each row; a real import of
 * a file with a bad row stores nothing either; a clean import stores the roster and a second
 * one changes nothing; a GBK file as Excel saves it on Chinese Windows; the export imports
 * back unchanged; reading with masked phones; who may import; bad requests.
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../db/schema/index.js';
import { createAgent, type TestAgent } from '../support/agents.js';
import { startTestServer, type TestServer } from '../support/huixin.js';

interface Change {
  create: number;
  update: number;
}
interface Report {
  dryRun: boolean;
  applied: boolean;
  encoding: string;
  rows: number;
  refused: number;
  changes: Record<'estates' | 'buildings' | 'entrances' | 'units' | 'people', Change>;
  problems: { line: number; column: string | null; code: string; zh: string; en: string }[];
}
interface Estate {
  id: string;
  name: string;
  buildings: number;
  units: number;
  people: number;
}
interface UnitPage {
  data: { id: string; building: string; entrance: string; number: string; areaM2: number | null; people: number }[];
  total: number;
  nextOffset: number | null;
}
interface Unit {
  id: string;
  estate: { id: string; name: string };
  building: string;
  entrance: string;
  number: string;
  areaM2: number | null;
  people: { name: string; phone: string | null; role: string; contactId: string | null }[];
}

let hx: TestServer;
let agent: TestAgent;
let moderator: TestAgent;

const HEAD = '小区 estate,楼栋 building,单元 entrance,房号 unit,面积 area,姓名 name,电话 phone,身份 role\n';
const CLEAN =
  HEAD +
  [
    '翠苑小区,3栋,2单元,501室,89.5,王建国,13800138000,业主',
    '翠苑小区,3号楼,2,501,,李梅,139 0013 9000,租户',
    '翠苑小区,3,2,502,120,,,',
    '翠苑小区,,,3-1-101,75,张伟,010-12345678,owner',
    '翠苑小区,10栋,1单元,1201,,王建国,13800138000,业主',
    '新园,A座,,1203,,周敏,+86 137-0013-7000,住户',
  ].join('\n') +
  '\n';

async function upload(body: BodyInit, opts: { dryRun?: boolean; type?: string; token?: string } = {}): Promise<{ status: number; body: Report & { error?: string; report?: Report } }> {
  const q = opts.dryRun === undefined ? '' : `?dryRun=${opts.dryRun}`;
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? hx.token}` };
  if (opts.type !== '') headers['content-type'] = opts.type ?? 'text/csv; charset=utf-8';
  const res = await fetch(`${hx.url}/api/estates/import${q}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as never };
}

async function text(path: string, token = hx.token): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(hx.url + path, { headers: { authorization: `Bearer ${token}` } });
  // Decoded keeping the byte-order mark, which Response.text() would drop.
  return { status: res.status, type: res.headers.get('content-type'), text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) };
}

const estates = async () => (await hx.api<{ data: Estate[] }>('/api/estates')).body.data;
const zero = { create: 0, update: 0 };

beforeAll(async () => {
  hx = await startTestServer();
  agent = await createAgent(hx, 'Roster Agent', 'agent');
  moderator = await createAgent(hx, 'Roster Moderator', 'board_moderator');
}, 60_000);

afterAll(async () => {
  await hx?.close();
});

describe('estate roster import', () => {
  it('serves a template that imports as one example row', async () => {
    const t = await text('/api/estates/import/template.csv');
    expect(t.status).toBe(200);
    expect(t.type).toMatch(/^text\/csv/);
    expect(t.text.startsWith('\uFEFF小区 estate,楼栋 building,单元 entrance,房号 unit,面积 area,姓名 name,电话 phone,身份 role\r\n')).toBe(true);
    const dry = await upload(t.text, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 1, refused: 0, problems: [], changes: { units: { create: 1, update: 0 }, people: { create: 1, update: 0 } } });
  });

  it('a dry run reports what would change and every bad row, and stores nothing', async () => {
    const file =
      CLEAN +
      [
        '翠苑小区,3,2,503,,赵六,12345,业主', // line 8: bad phone
        '翠苑小区,3,2,504,,钱七,13800000001,房东', // 9: bad role
        ',3,2,505,,孙八,13800000002,', // 10: no estate
        '翠苑小区,3栋,2单元,501,,王建国,13800000003,', // 11: same person as line 2
      ].join('\n') +
      '\n';
    const res = await upload(file, { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(false);
    expect(res.body.rows).toBe(10);
    expect(res.body.refused).toBe(4);
    expect(res.body.problems.map((p) => [p.line, p.code])).toEqual([
      [8, 'bad_phone'],
      [9, 'bad_role'],
      [10, 'missing_value'],
      [11, 'duplicate_row'],
    ]);
    expect(res.body.problems[0]!.zh).toContain('12345');
    expect(res.body.problems[3]!.en).toContain('line 2');
    // What the good rows would do: two estates; buildings 3, 10 and A; entrances 3-2, 3-1, 10-1, A-''.
    expect(res.body.changes).toEqual({
      estates: { create: 2, update: 0 },
      buildings: { create: 3, update: 0 },
      entrances: { create: 4, update: 0 },
      units: { create: 5, update: 0 },
      people: { create: 5, update: 0 },
    });
    expect(await estates()).toEqual([]);
  });

  it('a real import with any bad row answers 400 with the report and stores nothing', async () => {
    const res = await upload(CLEAN + '翠苑小区,3,2,509,abc,,,\n', { dryRun: false });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('nothing imported');
    expect(res.body.report!.problems).toMatchObject([{ line: 8, column: 'area', code: 'bad_area' }]);
    expect(res.body.report!.applied).toBe(false);
    expect(await estates()).toEqual([]);
  });

  it('a clean import stores the roster; importing it again changes nothing', async () => {
    const first = await upload(CLEAN, { dryRun: false });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: true, refused: 0, encoding: 'utf-8' });
    expect(first.body.changes.units).toEqual({ create: 5, update: 0 });
    expect(first.body.changes.people).toEqual({ create: 5, update: 0 });
    const list = await estates();
    expect(list.map((e) => [e.name, e.buildings, e.units, e.people])).toEqual([
      ['新园', 1, 1, 1],
      ['翠苑小区', 2, 4, 4],
    ]);

    const again = await upload(CLEAN, { dryRun: false });
    expect(again.status).toBe(200);
    expect(again.body.applied).toBe(true);
    expect(Object.values(again.body.changes).every((c) => c.create === 0 && c.update === 0)).toBe(true);
    expect((await estates()).map((e) => [e.name, e.buildings, e.units, e.people])).toEqual(list.map((e) => [e.name, e.buildings, e.units, e.people]));

    // A changed phone and a changed area are updates, not new rows.
    const changed = HEAD + '翠苑小区,3,2,501,90,王建国,13800138999,业主\n';
    const dry = await upload(changed, { dryRun: true });
    expect(dry.body.changes).toEqual({ estates: zero, buildings: zero, entrances: zero, units: { create: 0, update: 1 }, people: { create: 0, update: 1 } });
    expect((await upload(changed, { dryRun: false })).status).toBe(200);
    const cuiyuan = list.find((e) => e.name === '翠苑小区')!;
    const page = await hx.api<UnitPage>(`/api/estates/${cuiyuan.id}/units?q=${encodeURIComponent('3栋2单元501室')}`);
    expect(page.body.data).toHaveLength(1);
    const unit = await hx.api<Unit>(`/api/units/${page.body.data[0]!.id}`);
    expect(unit.body).toMatchObject({ estate: { name: '翠苑小区' }, building: '3', entrance: '2', number: '501', areaM2: 90 });
    expect(unit.body.people.map((p) => [p.name, p.phone, p.role, p.contactId])).toEqual([
      ['王建国', '13800138999', 'owner', null],
      ['李梅', '13900139000', 'tenant', null],
    ]);
    // Put back as the file says, for the export test.
    expect((await upload(CLEAN, { dryRun: false })).body.changes.people).toEqual({ create: 0, update: 1 });
  });

  it('lists units by building and search, in pages, and masks phones for those without contact.phone.view', async () => {
    const cuiyuan = (await estates()).find((e) => e.name === '翠苑小区')!;
    const b3 = await hx.api<UnitPage>(`/api/estates/${cuiyuan.id}/units?building=${encodeURIComponent('3号楼')}&limit=2`);
    expect(b3.status).toBe(200);
    expect(b3.body.total).toBe(3);
    expect(b3.body.data.map((u) => `${u.building}-${u.entrance}-${u.number}`)).toEqual(['3-1-101', '3-2-501']);
    expect(b3.body.nextOffset).toBe(2);
    const rest = await hx.api<UnitPage>(`/api/estates/${cuiyuan.id}/units?building=3&limit=2&offset=2`);
    expect(rest.body.data.map((u) => [u.number, u.areaM2, u.people])).toEqual([['502', 120, 0]]);
    expect(rest.body.nextOffset).toBeNull();
    const byName = await hx.api<UnitPage>(`/api/estates/${cuiyuan.id}/units?q=${encodeURIComponent('王建国')}`);
    expect(byName.body.data.map((u) => u.number).sort()).toEqual(['1201', '501']);
    const byPhone = await hx.api<UnitPage>(`/api/estates/${cuiyuan.id}/units?q=12345678`);
    expect(byPhone.body.data.map((u) => u.number)).toEqual(['101']);

    const supervisor = await createAgent(hx, 'Roster Reader', 'supervisor');
    const unit = await hx.api<Unit>(`/api/units/${byPhone.body.data[0]!.id}`, { token: supervisor.token });
    expect(unit.body.people[0]!.phone).toBe('010-12345678');
    // A custom role that reads every contact but not phones: last four digits, no finding units by phone.
    await hx.deps.db.insert(roles).values({ key: 'roster_reader', name: 'Roster reader', permissions: ['conversation.read.all'] });
    const reader = await createAgent(hx, 'Roster No Phones', 'roster_reader');
    const masked = await hx.api<Unit>(`/api/units/${byPhone.body.data[0]!.id}`, { token: reader.token });
    expect(masked.body.people[0]!.phone).toBe('********5678');
    expect((await hx.api<UnitPage>(`/api/estates/${cuiyuan.id}/units?q=12345678`, { token: reader.token })).body.total).toBe(0);
    expect((await hx.api<UnitPage>(`/api/estates/${cuiyuan.id}/units?q=${encodeURIComponent('张伟')}`, { token: reader.token })).body.total).toBe(1);
    const readerExport = await text('/api/estates/export.csv', reader.token);
    expect(readerExport.text).toContain('张伟,********5678,owner');
    expect(readerExport.text).not.toContain('12345678');
    expect((await hx.api(`/api/estates/${'00000000-0000-4000-8000-000000000000'}/units`)).status).toBe(404);
    expect((await hx.api(`/api/units/${'00000000-0000-4000-8000-000000000000'}`)).status).toBe(404);
  });

  it('exports the registry with the template’s columns, and the export imports back unchanged', async () => {
    const exported = await text('/api/estates/export.csv');
    expect(exported.status).toBe(200);
    expect(exported.type).toMatch(/^text\/csv/);
    const lines = exported.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('小区 estate,楼栋 building,单元 entrance,房号 unit,面积 area,姓名 name,电话 phone,身份 role');
    expect(lines.slice(1)).toEqual([
      '新园,A,,1203,,周敏,13700137000,resident',
      '翠苑小区,3,1,101,75,张伟,010-12345678,owner',
      '翠苑小区,3,2,501,89.5,王建国,13800138000,owner',
      '翠苑小区,3,2,501,89.5,李梅,13900139000,tenant',
      '翠苑小区,3,2,502,120,,,',
      '翠苑小区,10,1,1201,,王建国,13800138000,owner',
    ]);
    const back = await upload(exported.text, { dryRun: false });
    expect(back.status).toBe(200);
    expect(back.body.refused).toBe(0);
    expect(Object.values(back.body.changes).every((c) => c.create === 0 && c.update === 0)).toBe(true);
  });

  it('reads a GBK file as Excel saves CSV on Chinese Windows', async () => {
    const gbk = iconv.encode(HEAD.replace(/\n$/, '\r\n') + '锦绣花园,2栋,1单元,301室,88,刘德华,13600136000,业主\r\n锦绣花园,2栋,1单元,302室,,陈红,0755-23456789,租户\r\n', 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const res = await upload(new Uint8Array(gbk), { dryRun: false, type: 'application/vnd.ms-excel' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'gb18030', refused: 0, applied: true });
    const jinxiu = (await estates()).find((e) => e.name === '锦绣花园');
    expect(jinxiu).toMatchObject({ buildings: 1, units: 2, people: 2 });
    const page = await hx.api<UnitPage>(`/api/estates/${jinxiu!.id}/units?q=${encodeURIComponent('陈红')}`);
    const unit = await hx.api<Unit>(`/api/units/${page.body.data[0]!.id}`);
    expect(unit.body.people).toMatchObject([{ name: '陈红', phone: '0755-23456789', role: 'tenant' }]);
  });

  it('takes the file as a form field too', async () => {
    const form = new FormData();
    form.set('file', new Blob([HEAD + '新园,B座,,101,,吴,13500135000,\n'], { type: 'text/csv' }), 'roster.csv');
    const res = await upload(form, { dryRun: true, type: '' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changes.units).toEqual({ create: 1, update: 0 });
  });

  it('refuses an agent and a moderator (403), and bad requests (400, 415)', async () => {
    const before = await estates();
    for (const who of [agent, moderator]) {
      const res = await upload(CLEAN, { dryRun: false, token: who.token });
      expect(res.status).toBe(403);
    }
    expect((await hx.api('/api/estates', { token: moderator.token })).status).toBe(403);
    expect((await text('/api/estates/export.csv', moderator.token)).status).toBe(403);
    expect((await hx.api('/api/estates', { token: agent.token })).status).toBe(200);

    const noColumns = await upload('姓名,电话\n王,13800138000\n', { dryRun: false });
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.report!.problems[0]).toMatchObject({ line: 1, code: 'bad_header' });
    expect((await upload('', { dryRun: true })).status).toBe(400);
    expect((await upload(CLEAN, { dryRun: true, type: 'application/json' })).status).toBe(415);
    const huge = await upload(HEAD + '\n' + 'x'.repeat(21 * 1024 * 1024), { dryRun: true });
    expect(huge.status).toBe(413);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect((await upload(zip, { dryRun: true, type: 'application/octet-stream' })).status).toBe(415);
    const badFlag = await fetch(`${hx.url}/api/estates/import?dryRun=maybe`, { method: 'POST', headers: { authorization: `Bearer ${hx.token}`, 'content-type': 'text/csv' }, body: CLEAN });
    expect(badFlag.status).toBe(400);
    expect((await hx.api(`/api/estates/${before[0]!.id}/units?limit=0`)).status).toBe(400);
    expect(await estates()).toEqual(before);
  });
});
