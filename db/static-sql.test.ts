import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { messages } from './schema/index.js';
import { staticSql } from './static-sql.js';

const render = (q: ReturnType<ReturnType<typeof staticSql>>) => new PgDialect().sqlToQuery(q);

describe('staticSql', () => {
  it('renders the statement once and then only fills in values, in order', () => {
    const statement = staticSql(['a', 'b'], (p) => sql`select * from ${messages} where content = ${p.a} and id = ${p.b} or content = ${p.a}`);
    expect(render(statement({ a: 'x', b: 'y' }))).toEqual({
      sql: 'select * from "messages" where content = $1 and id = $2 or content = $3',
      params: ['x', 'y', 'x'],
      typings: ['none', 'none', 'none'],
    });
    expect(render(statement({ a: '漏水', b: null })).params).toEqual(['漏水', null, '漏水']);
  });

  it('keeps $1 apart from $10 and beyond', () => {
    const names = Array.from({ length: 12 }, (_, i) => `v${i + 1}`);
    const statement = staticSql(names, (p) => sql.join(names.map((n) => sql`${(p as Record<string, unknown>)[n]}`), sql`, `));
    const values = Object.fromEntries(names.map((n) => [n, n.toUpperCase()]));
    const out = render(statement(values));
    expect(out.sql).toBe(names.map((_, i) => `$${i + 1}`).join(', '));
    expect(out.params).toEqual(names.map((n) => n.toUpperCase()));
  });

  it('refuses a value written into the template instead of a placeholder', () => {
    expect(() => staticSql(['a'], (p) => sql`select ${p.a}, ${'inline'}`)).toThrow(/placeholder/);
  });
});
