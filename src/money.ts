/**
 * Money as integer cents in a bigint: never a binary float. X12 amounts are decimal strings ("1234.5",
 * "-20", ".75"); they are parsed exactly and formatted back as "1234.50".
 */
export type Cents = bigint;

const AMOUNT = /^(-)?(\d*)(?:\.(\d*))?$/;

/** Parses an X12 decimal amount to cents; null when it is not an amount or has more than 2 decimals. */
export function parseCents(text: string): Cents | null {
  const m = AMOUNT.exec(text);
  if (m === null) return null;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  if (whole === '' && frac === '') return null;
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) return null;
  const cents = BigInt(whole || '0') * 100n + BigInt((frac.slice(0, 2) + '00').slice(0, 2));
  return m[1] === '-' ? -cents : cents;
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
