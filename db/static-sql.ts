/**
 * A statement whose text never changes, rendered once. drizzle renders an `sql` template on
 * every execution by walking all of its fragments (tables, columns, nested templates); for the
 * webhook's one big statement that walk cost more CPU than sending it. staticSql renders the
 * template once with named placeholders and afterwards only fills in the values.
 */
import { Placeholder, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

type Placeholders<K extends string> = { [P in K]: Placeholder };

export function staticSql<K extends string>(
  names: readonly K[],
  build: (p: Placeholders<K>) => SQL,
): (values: Record<K, unknown>) => SQL {
  const placeholders = Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as unknown as Placeholders<K>;
  const rendered = new PgDialect().sqlToQuery(build(placeholders));
  const order = rendered.params.map((p) => {
    if (!(p instanceof Placeholder)) throw new Error('staticSql: a value was given inline; pass it as a placeholder');
    return p.name as K;
  });
  // drizzle numbers parameters $1..$n in order of appearance; cut the text at each of them.
  const pieces: string[] = [];
  let rest = rendered.sql;
  order.forEach((_, i) => {
    const marker = `$${i + 1}`;
    const at = findMarker(rest, marker);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at + marker.length);
  });
  pieces.push(rest);
  const strings = Object.assign([...pieces], { raw: [...pieces] }) as unknown as TemplateStringsArray;
  return (values) => sql(strings, ...order.map((name) => values[name]));
}

/** The position of `$n` that is not the start of a longer number ($1 is not $10). */
function findMarker(text: string, marker: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf(marker, from);
    if (at < 0) throw new Error(`staticSql: ${marker} not found in the rendered statement`);
    if (!/[0-9]/.test(text.charAt(at + marker.length))) return at;
    from = at + marker.length;
  }
}
