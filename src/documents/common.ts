import { z } from 'zod';
import { formatCents, formatX12Amount, parseCents } from '../money.js';
import { type Loop, comp, el } from '../grammar/tree.js';
import type { ElementValue, Segment } from '../x12/segment.js';

/**
 * Shared pieces of the typed documents: money as decimal strings, ISO dates, and the name/address/id
 * blocks (NM1, N3, N4, REF, PER) every guide uses. Records are plain readonly data; these helpers turn
 * them into segments and back.
 */

/** An exact amount as a decimal string with two places: "1234.50", "-20.00". */
export const Money = z.string().regex(/^-?\d+\.\d{2}$/, 'an amount such as "1234.50"');
export type Money = z.infer<typeof Money>;

/** A calendar date as YYYY-MM-DD. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as "2026-03-14"');
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * X12 amount text to a record amount ("125.5" -> "125.50"); '' and text that is not an amount give
 * undefined (the validator has already reported the bad amount; mapping never throws on input).
 */
export function money(text: string): Money | undefined {
  if (text === '') return undefined;
  const c = parseCents(text);
  return c === null ? undefined : formatCents(c);
}

/** A record amount to X12 text ("125.50" -> "125.5", "20.00" -> "20"). */
export function x12Money(m: Money | undefined): string {
  if (m === undefined) return '';
  const c = parseCents(m);
  if (c === null) throw new Error(`not an amount: ${JSON.stringify(m)}`);
  return formatX12Amount(c);
}

/** Sum of record amounts, exact. */
export function sumMoney(values: readonly (Money | undefined)[]): Money {
  let t = 0n;
  for (const v of values) if (v !== undefined) t += parseCents(v) ?? 0n;
  return formatCents(t);
}

/** CCYYMMDD -> YYYY-MM-DD; '' stays undefined. */
export function isoDate(d8: string): IsoDate | undefined {
  if (d8 === '') return undefined;
  if (!/^\d{8}$/.test(d8)) return d8;
  return `${d8.slice(0, 4)}-${d8.slice(4, 6)}-${d8.slice(6, 8)}`;
}

/** YYYY-MM-DD -> CCYYMMDD. */
export function d8(iso: IsoDate | undefined): string {
  return iso === undefined ? '' : iso.replaceAll('-', '');
}

/** A date or a range, as DTP carries them (D8 or RD8). */
export const DatePeriod = z.object({ from: IsoDate, to: IsoDate.optional() });
export type DatePeriod = z.infer<typeof DatePeriod>;

export function periodFrom(format: string, value: string): DatePeriod | undefined {
  if (value === '') return undefined;
  if (format === 'RD8' && value.includes('-')) {
    const [a, b] = value.split('-');
    return { from: isoDate(a)!, to: isoDate(b)! };
  }
  return { from: isoDate(value)! };
}

/** DTP02 and DTP03 for a period: D8 for one day, RD8 for a range. */
export function periodElements(p: DatePeriod): [string, string] {
  return p.to !== undefined && p.to !== p.from ? ['RD8', `${d8(p.from)}-${d8(p.to)}`] : ['D8', d8(p.from)];
}

/** A person or organization as NM1 names it. */
export const Name = z.object({
  /** NM102: 1 person, 2 organization. */
  entityType: z.enum(['1', '2']),
  /** Last name, or the organization name. */
  last: z.string(),
  first: z.string().optional(),
  middle: z.string().optional(),
  suffix: z.string().optional(),
  /** NM108: XX NPI, MI member id, PI payer id, 46 ETIN, 24 EIN, 34 SSN, ... */
  idQualifier: z.string().optional(),
  id: z.string().optional(),
});
export type Name = z.infer<typeof Name>;

export const Address = z.object({
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
  /** N407, for addresses outside the US. */
  countrySubdivision: z.string().optional(),
});
export type Address = z.infer<typeof Address>;

export const Contact = z.object({
  /** PER01 function: IC information contact, BL billing, CX claims. */
  function: z.string(),
  name: z.string().optional(),
  /** PER03/04, 05/06, 07/08 pairs: TE phone, EM e-mail, FX fax, UR web address, EX extension. */
  channels: z.array(z.object({ type: z.string(), value: z.string() })).max(3),
});
export type Contact = z.infer<typeof Contact>;

export const Reference = z.object({ qualifier: z.string(), value: z.string(), description: z.string().optional() });
export type Reference = z.infer<typeof Reference>;

function opt(v: string): string | undefined {
  return v === '' ? undefined : v;
}

export function nameFrom(nm1: Segment): Name {
  return stripUndefined({
    entityType: (el(nm1, 2) === '2' ? '2' : '1') as '1' | '2',
    last: el(nm1, 3),
    first: opt(el(nm1, 4)),
    middle: opt(el(nm1, 5)),
    suffix: opt(el(nm1, 7)),
    idQualifier: opt(el(nm1, 8)),
    id: opt(el(nm1, 9)),
  });
}

/** NM1 for a name under the given entity identifier code (NM101: 85 billing provider, IL insured, ...). */
export function nm1(entity: string, n: Name): Segment {
  return seg('NM1', [entity, n.entityType, n.last, n.first ?? '', n.middle ?? '', '', n.suffix ?? '', n.idQualifier ?? '', n.id ?? '']);
}

export function addressFrom(loop: Loop): Address | undefined {
  const n3 = loop.segment('N3');
  const n4 = loop.segment('N4');
  if (n3 === undefined && n4 === undefined) return undefined;
  return stripUndefined({
    line1: el(n3, 1),
    line2: opt(el(n3, 2)),
    city: el(n4, 1),
    state: opt(el(n4, 2)),
    postalCode: opt(el(n4, 3)),
    country: opt(el(n4, 4)),
    countrySubdivision: opt(el(n4, 7)),
  });
}

export function addressSegments(a: Address | undefined): Segment[] {
  if (a === undefined) return [];
  return [seg('N3', [a.line1, a.line2 ?? '']), seg('N4', [a.city, a.state ?? '', a.postalCode ?? '', a.country ?? '', '', '', a.countrySubdivision ?? ''])];
}

export function contactFrom(per: Segment): Contact {
  const channels: { type: string; value: string }[] = [];
  for (let n = 3; n <= 7; n += 2) if (el(per, n) !== '') channels.push({ type: el(per, n), value: el(per, n + 1) });
  return stripUndefined({ function: el(per, 1), name: opt(el(per, 2)), channels });
}

export function perSegment(c: Contact): Segment {
  const els: string[] = [c.function, c.name ?? ''];
  for (const ch of c.channels.slice(0, 3)) els.push(ch.type, ch.value);
  return seg('PER', els);
}

export function referenceFrom(ref: Segment): Reference {
  return stripUndefined({ qualifier: el(ref, 1), value: el(ref, 2), description: opt(el(ref, 3)) });
}

export function refSegment(r: Reference): Segment {
  return seg('REF', [r.qualifier, r.value, r.description ?? '']);
}

/** A segment value: trailing empty elements are dropped by the writer. */
export function seg(tag: string, elements: readonly ElementValue[]): Segment {
  return { tag, elements };
}

/** A composite from components, dropping trailing empties (the writer also trims them). */
export function composite(...parts: (string | undefined)[]): string[] {
  const out = parts.map((p) => p ?? '');
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Removes keys whose value is undefined, so records compare equal after a JSON round trip. */
export function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export { comp, el, opt };
