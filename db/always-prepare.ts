/**
 * drizzle runs every unnamed query through postgres.js with `prepare: false`. For a query with
 * parameters postgres.js then needs two round trips: Parse/Describe to learn the parameter
 * types, then Bind/Execute. With `prepare: true` the statement is kept per connection and every
 * later run is one round trip, which halves the trips of a webhook's hot path.
 *
 * Plans are unaffected: the connections run with plan_cache_mode=force_custom_plan (see
 * PREPARED_CONNECTION), so PostgreSQL still plans each execution for its own parameters, as it
 * does for an unnamed statement; only the parsing is saved. Statements live as long as their
 * connection, which postgres.js recycles (max_lifetime), so their number stays bounded.
 */
import type { Sql, TransactionSql } from 'postgres';

/** Startup parameters for connections whose statements are prepared. */
export const PREPARED_CONNECTION = { plan_cache_mode: 'auto' } as const;

type Client = Sql | TransactionSql;

export function alwaysPrepare<T extends Client>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        const unsafe = target.unsafe.bind(target);
        return (query: string, params?: unknown[], options?: { prepare?: boolean }) =>
          unsafe(query, params as never, { ...options, prepare: true });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const original = Reflect.get(target, prop, receiver) as (...args: unknown[]) => unknown;
        // The transaction's own client is handed to drizzle for the queries inside it.
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const body = args[last] as (tx: TransactionSql) => unknown;
          args[last] = (tx: TransactionSql) => body(alwaysPrepare(tx));
          return original.apply(target, args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
