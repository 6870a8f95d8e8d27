import type { ClaimPayment } from '../../src/documents/remittance.js';

/** An amount with its sign turned ("0.00" stays). */
export function negate(m: string): string {
  return m.startsWith('-') ? m.slice(1) : m === '0.00' ? m : `-${m}`;
}

/**
 * A claim payment with every amount negated and the given CLP02: a reversal (22) of a paid claim, or
 * the paid original (1) of a reversal.
 */
export function negatedClaim(c: ClaimPayment, status: ClaimPayment['status']): ClaimPayment {
  return {
    ...c,
    status,
    charge: negate(c.charge),
    paid: negate(c.paid),
    ...(c.patientResponsibility === undefined ? {} : { patientResponsibility: negate(c.patientResponsibility) }),
    adjustments: c.adjustments.map((a) => ({ ...a, amount: negate(a.amount) })),
    serviceLines: c.serviceLines.map((l) => ({
      ...l,
      charge: negate(l.charge),
      paid: negate(l.paid),
      ...(l.allowed === undefined ? {} : { allowed: negate(l.allowed) }),
      adjustments: l.adjustments.map((a) => ({ ...a, amount: negate(a.amount) })),
    })),
  };
}
