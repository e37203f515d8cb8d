/** The server a benchmark measures: the real startServer on a fresh PostgreSQL database. */
import { loadEnv } from '../../src/config/env.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

export const BENCH_ADMIN = { email: 'bench@example.com', password: 'bench-password-123' };

export async function startBenchServer(
  extraEnv: Record<string, string>,
  opts: ServerOptions = {},
): Promise<{ server: RunningServer; db: TestDatabase }> {
  if (!process.env.DATABASE_URL) throw new Error('the benchmarks run on PostgreSQL: set DATABASE_URL');
  const db = await createTestDatabase();
  const env = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    APP_SECRET: 'bench-app-secret-0123456789abcdef',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    LOG_LEVEL: 'error',
    AUTO_ASSIGN: 'false',
    ...extraEnv,
  });
  const server = await startServer(env, { print: () => {}, ...opts });
  return { server, db };
}
