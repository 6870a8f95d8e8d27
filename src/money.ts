/**
 * Money as integer cents in a bigint: never a binary float. X12 amounts are decimal strings ("1234.5",
 * "-20", ".75"); they are parsed exactly and formatted back as "1234.50".
 */
export type Cents = bigint;

const AMOUNT = /^(-)?(\d*)(?:\.(\d*))?$/;

/**
 * Parses an X12 decimal amount to cents; null when it is not an amount or has more than 2 decimals.
 * Read character by character into a number (exact up to 13 whole digits, far beyond any claim), with
 * the regular expression and BigInt arithmetic only for longer amounts: posting an 835 parses every
 * amount of every claim several times.
 */
export function parseCents(text: string): Cents | null {
  const n = text.length;
  let i = 0;
  let neg = false;
  if (n > 0 && text.charCodeAt(0) === 0x2d) {
    neg = true;
    i++;
  }
  let whole = 0;
  let wd = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    wd++;
  }
  let frac = 0;
  let fd = 0;
  if (i < n && text.charCodeAt(i) === 0x2e) {
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) break;
      if (fd < 2) frac = frac * 10 + d;
      else if (d !== 0) return null;
      fd++;
    }
  }
  if (i !== n || (wd === 0 && fd === 0)) return null;
  if (wd > 13) return parseLongCents(text);
  if (fd === 1) frac *= 10;
  const c = whole * 100 + frac;
  if (c === 0) return 0n;
  return neg ? BigInt(-c) : BigInt(c);
}

/** parseCents for amounts of more than 13 whole digits, in bigint throughout. */
function parseLongCents(text: string): Cents | null {
  const m = AMOUNT.exec(text);
  if (m === null) return null;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  if (whole === '' && frac === '') return null;
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) return null;
  const cents = BigInt(whole || '0') * 100n + BigInt((frac.slice(0, 2) + '00').slice(0, 2));
  return m[1] === '-' ? -cents : cents;
}

/**
 * parseCents(buf.latin1Slice(s, e)), read on the bytes: no string, no regular expression. Amounts of
 * more than 13 whole digits (beyond exact float cents) go through parseCents.
 */
export function parseCentsAt(buf: Uint8Array, s: number, e: number): Cents | null {
  let i = s;
  let neg = false;
  if (i < e && buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  let whole = 0;
  let wd = 0;
  for (; i < e; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    wd++;
  }
  let frac = 0;
  let fd = 0;
  if (i < e && buf[i] === 0x2e) {
    for (i++; i < e; i++) {
      const d = buf[i] - 0x30;
      if (d < 0 || d > 9) break;
      if (fd < 2) frac = frac * 10 + d;
      else if (d !== 0) return null;
      fd++;
    }
  }
  if (i !== e || (wd === 0 && fd === 0)) return null;
  if (wd > 13) return parseCents(Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1'));
  if (fd === 1) frac *= 10;
  const c = whole * 100 + frac;
  if (c === 0) return 0n;
  return neg ? BigInt(-c) : BigInt(c);
}

/**
 * Cents as a plain number while doubles hold them exactly, a bigint beyond: the balancing edits add
 * every amount of a transaction set and stay on numbers (no allocation) unless an amount has more than
 * 13 whole digits or a sum leaves the safe integer range, where they move to bigint. Exact either way.
 */
export type Amount = number | bigint;

/** parseCents(buf.latin1Slice(s, e)) ?? 0 as an Amount. */
export function amountAt(buf: Uint8Array, s: number, e: number): Amount {
  let i = s;
  let neg = false;
  if (i < e && buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  let whole = 0;
  let wd = 0;
  for (; i < e; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    wd++;
  }
  let frac = 0;
  let fd = 0;
  if (i < e && buf[i] === 0x2e) {
    for (i++; i < e; i++) {
      const d = buf[i] - 0x30;
      if (d < 0 || d > 9) break;
      if (fd < 2) frac = frac * 10 + d;
      else if (d !== 0) return 0;
      fd++;
    }
  }
  if (i !== e || (wd === 0 && fd === 0)) return 0;
  if (wd > 13) return parseCents(Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1')) ?? 0;
  if (fd === 1) frac *= 10;
  const c = whole * 100 + frac;
  return neg ? -c : c;
}

export function addAmounts(a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= Number.MAX_SAFE_INTEGER && r >= -Number.MAX_SAFE_INTEGER) return r;
  }
  return BigInt(a) + BigInt(b);
}

export function subAmounts(a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= Number.MAX_SAFE_INTEGER && r >= -Number.MAX_SAFE_INTEGER) return r;
  }
  return BigInt(a) - BigInt(b);
}

export function sameAmount(a: Amount, b: Amount): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a === b : BigInt(a) === BigInt(b);
}

/** Formats an Amount as formatCents does. */
export function formatAmount(a: Amount): string {
  return formatCents(typeof a === 'number' ? BigInt(a) : a);
}

/** Formats cents as a decimal string with two places: 123450n -> "1234.50", -5n -> "-0.05". */
export function formatCents(c: Cents): string {
  const neg = c < 0n;
  const abs = neg ? -c : c;
  const whole = abs / 100n;
  const frac = abs % 100n;
  return `${neg ? '-' : ''}${whole}.${frac < 10n ? '0' : ''}${frac}`;
}

/** Formats cents the way X12 writes amounts: no trailing zero decimals ("1234.5", "20", "-0.05"). */
export function formatX12Amount(c: Cents): string {
  const s = formatCents(c);
  return s.endsWith('.00') ? s.slice(0, -3) : s.endsWith('0') ? s.slice(0, -1) : s;
}
