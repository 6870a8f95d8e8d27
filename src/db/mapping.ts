import { wrap } from '@mikro-orm/postgresql';

/**
 * An entity as its plain, frozen record (records.ts): every persisted property copied, `undefined` read as
 * null, arrays and JSON copied so the record shares nothing with the ORM's identity map.
 */
export function toRecord<R>(entity: object): R {
  const meta = wrap(entity, true).__meta;
  const out: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (prop.persist === false) continue;
    out[prop.name] = copy((entity as Record<string, unknown>)[prop.name]);
  }
  return Object.freeze(out) as R;
}

function copy(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return new Date(v.getTime());
  if (Array.isArray(v) || (typeof v === 'object' && !(v instanceof Uint8Array))) return deepFreeze(structuredClone(v));
  return v;
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/** A bigint id from what the driver returned (PostgreSQL gives int8 as text). */
export function toId(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  throw new Error(`not an id: ${typeof v}`);
}
