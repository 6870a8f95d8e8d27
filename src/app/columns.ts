/** A text column's value: null for absent or empty, else cut to the column's length. */
export function textOrNull(v: string | undefined | null, max: number): string | null {
  return v === undefined || v === null || v === '' ? null : v.slice(0, max);
}
