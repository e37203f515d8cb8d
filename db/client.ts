/**
 * One factory for both databases: PostgreSQL through postgres.js when a URL is given,
 * embedded PGlite in a data folder otherwise. Both get the same drizzle schema and the
 * same migrations, and both hand a raw SQL port to pg-boss.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema/index.js';
import { alwaysPrepare } from './always-prepare.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** The shape pg-boss expects from its `db` option. */
export interface RawSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
}

export interface Database {
  kind: 'postgres' | 'pglite';
  db: Db;
  /**
   * Raw SQL for pg-boss on PGlite. Null on PostgreSQL, where pg-boss keeps its own small pool:
   * its install scripts wrap statements in BEGIN/COMMIT, which postgres.js refuses on a pool.
   */
  raw: RawSql | null;
  url?: string;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  max?: number;
}

export async function createDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return createPostgres(opts.databaseUrl, opts.max ?? 10);
  return createPglite(opts.dataDir);
}

function createPostgres(url: string, max: number): Database {
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    // A dead database must fail a request quickly (the webhook answers 5xx and Telegram retries)
    // instead of hanging until Telegram gives up.
    connect_timeout: 5,
  });
  const db = drizzlePostgres(alwaysPrepare(sql), { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    url,
    raw: null,
    async ping() {
      await sql`select 1`;
    },
    async migrate() {
      await migratePostgres(drizzlePostgres(sql), { migrationsFolder });
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

async function createPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ? `file://${dataDir}` : 'memory://', { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    raw: {
      async executeSql(text, values) {
        if (values && values.length > 0) {
          const r = await client.query<Record<string, unknown>>(text, values);
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        }
        // Without parameters pg-boss sends multi-statement scripts (its schema install), which
        // only the simple protocol accepts; exec returns one result per statement.
        const results = await client.exec(text);
        const last = results[results.length - 1];
        return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? 0 };
      },
    },
    async ping() {
      await client.query('select 1');
    },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async close() {
      await client.close();
    },
  };
}
