/**
 * Update-shaped JSON for property tests: a recorded fixture (channels/telegram/fixtures/)
 * with a few mutations applied at random places: a field dropped, a value of the wrong type,
 * NULs and lone surrogates in strings, huge strings, extreme numbers, nested junk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';

const fixtureDir = new URL('../../channels/telegram/fixtures/', import.meta.url);

export const FIXTURE_NAMES = readdirSync(fixtureDir).filter((name) => name.endsWith('.json'));

const fixtures = new Map(FIXTURE_NAMES.map((name) => [name, JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as unknown]));

export function loadFixture(name: string): unknown {
  return structuredClone(fixtures.get(name));
}

type Path = (string | number)[];

/** Every path to a value inside `value`, the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  }
  return [];
}

/** A string with the characters that break storage: NULs, lone surrogates, odd whitespace. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', 'a\u0000b', '\uD83D', 'x\uDC00y', '\u202E', '\r\n', '💥', '%00', '<script>'),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const extremeNumber = fc.oneof(
  fc.constantFrom(0, -1, 1e300, -1e300, 2 ** 53, 2 ** 60, -(2 ** 60), 0.5, 253_402_300_800, 4_294_967_296),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** One replacement value, of any type. */
export function junkValue(hugeLength: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: hostileString },
    { weight: 2, arbitrary: extremeNumber },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.nat({ max: hugeLength }).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }) },
  );
}

export type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'poison'; at: number; insert: string }
  | { op: 'add'; at: number; key: string; value: unknown };

export function mutationArb(hugeLength: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: junkValue(hugeLength) }),
    fc.record({ op: fc.constant('poison' as const), at: fc.nat(), insert: fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\u0000\uDFFF') }),
    fc.record({
      op: fc.constant('add' as const),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom('entities', 'caption_entities', 'photo', 'from', 'chat', 'pinned_message', 'business_connection_id', 'poll', 'users_shared', 'reply_to_message', 'message', 'edited_message', 'callback_query', '__proto__', 'constructor'), fc.string({ maxLength: 8 })),
      value: junkValue(hugeLength),
    }),
  );
}

/** Applies the mutations to a copy; `at` picks a path modulo the number of paths. */
export function mutate(input: unknown, mutations: Mutation[]): unknown {
  const root = structuredClone(input) as Record<string, unknown>;
  for (const m of mutations) {
    const paths = pathsOf(root);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length]!;
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as Record<string | number, unknown> | unknown[];
    const key = path[path.length - 1]!;
    const current = (parent as Record<string | number, unknown>)[key];
    switch (m.op) {
      case 'drop':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'replace':
        (parent as Record<string | number, unknown>)[key] = m.value;
        break;
      case 'poison':
        if (typeof current === 'string') (parent as Record<string | number, unknown>)[key] = `${current.slice(0, 3)}${m.insert}${current.slice(3)}`;
        break;
      case 'add':
        // Into the object at the path, or next to it when it holds no object.
        if (current !== null && typeof current === 'object' && !Array.isArray(current)) Object.defineProperty(current, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
        else if (!Array.isArray(parent)) Object.defineProperty(parent, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
        break;
    }
  }
  return root;
}

/** A fixture with 0–4 mutations, as a parsed JSON value (round-tripped through JSON text). */
export function mutatedUpdate(hugeLength = 5000): fc.Arbitrary<{ name: string; mutations: Mutation[]; update: unknown }> {
  return fc
    .record({ name: fc.constantFrom(...FIXTURE_NAMES), mutations: fc.array(mutationArb(hugeLength), { maxLength: 4 }) })
    .map(({ name, mutations }) => ({ name, mutations, update: JSON.parse(JSON.stringify(mutate(loadFixture(name), mutations))) as unknown }));
}
