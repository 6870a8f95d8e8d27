import { type Cents, formatCents, parseCents } from '../money.js';
import type { SegmentView } from '../x12/segment.js';
import type { EditSink, TransactionEdit } from './types.js';

function amount(seg: SegmentView, n: number): Cents {
  return parseCents(seg.element(n)) ?? 0n;
}

/** Sum of a CAS segment's adjustment amounts (CAS03, 06, 09, 12, 15, 18). */
export function casTotal(seg: SegmentView): Cents {
  let t = 0n;
  for (let n = 3; n <= 18; n += 3) t += amount(seg, n);
  return t;
}

interface Place {
  position: number;
  offset: number;
}
const at = (seg: SegmentView): Place => ({ position: seg.setPosition, offset: seg.offset });

/** 837P: the claim total (CLM02) equals the sum of its service line charges (SV102). */
export const claimChargeBalance: TransactionEdit = {
  name: 'CLAIM_CHARGE_BALANCE',
  level: 3,
  guides: ['005010X222A1'],
  start(sink: EditSink) {
    let claim: { total: Cents; lines: Cents; place: Place; count: number } | null = null;
    const close = () => {
      if (claim !== null && claim.count > 0 && claim.total !== claim.lines) {
        sink.report({
          level: 3,
          rule: 'CLAIM_CHARGE_BALANCE',
          segmentId: 'CLM',
          position: claim.place.position,
          offset: claim.place.offset,
          loop: '2300',
          element: 2,
          message: `The claim's total charge (CLM02) is ${formatCents(claim.total)} but its service lines (SV102) add up to ${formatCents(claim.lines)}.`,
        });
      }
      claim = null;
    };
    return {
      segment(use, seg) {
        if (use.def.id === 'CLM') {
          close();
          claim = { total: amount(seg, 2), lines: 0n, place: at(seg), count: 0 };
        } else if (use.def.id === 'SV1' && claim !== null) {
          claim.lines += amount(seg, 2);
          claim.count++;
        }
      },
      exitLoop(loop) {
        if (loop.def.id === '2300') close();
      },
      end: close,
    };
  },
};

/**
 * 835 balancing, as the TR3 requires: per service line SVC02 - sum(line CAS) = SVC03; per claim
 * CLP03 - sum(claim and line CAS) = CLP04; per payment BPR02 = sum(CLP04) - sum(PLB amounts).
 */
export const remittanceBalance: TransactionEdit = {
  name: 'REMITTANCE_BALANCE',
  level: 3,
  guides: ['005010X221A1'],
  start(sink: EditSink) {
    let bpr: { amount: Cents; place: Place } | null = null;
    let paidTotal = 0n;
    let plbTotal = 0n;
    let claim: { charge: Cents; paid: Cents; adjustments: Cents; place: Place } | null = null;
    let line: { charge: Cents; paid: Cents; adjustments: Cents; place: Place } | null = null;
    const closeLine = () => {
      if (line !== null && line.charge - line.adjustments !== line.paid) {
        sink.report({
          level: 3,
          rule: 'SERVICE_LINE_OUT_OF_BALANCE',
          segmentId: 'SVC',
          position: line.place.position,
          offset: line.place.offset,
          loop: '2110',
          element: 3,
          message: `Service line does not balance: charge ${formatCents(line.charge)} (SVC02) minus adjustments ${formatCents(line.adjustments)} (CAS) is ${formatCents(line.charge - line.adjustments)}, but the paid amount (SVC03) is ${formatCents(line.paid)}.`,
        });
      }
      line = null;
    };
    const closeClaim = () => {
      closeLine();
      if (claim !== null && claim.charge - claim.adjustments !== claim.paid) {
        sink.report({
          level: 3,
          rule: 'CLAIM_PAYMENT_OUT_OF_BALANCE',
          segmentId: 'CLP',
          position: claim.place.position,
          offset: claim.place.offset,
          loop: '2100',
          element: 4,
          message: `Claim payment does not balance: charge ${formatCents(claim.charge)} (CLP03) minus claim and line adjustments ${formatCents(claim.adjustments)} is ${formatCents(claim.charge - claim.adjustments)}, but the paid amount (CLP04) is ${formatCents(claim.paid)}.`,
        });
      }
      claim = null;
    };
    return {
      segment(use, seg, loop) {
        switch (use.def.id) {
          case 'BPR':
            bpr = { amount: amount(seg, 2), place: at(seg) };
            break;
          case 'CLP':
            closeClaim();
            claim = { charge: amount(seg, 3), paid: amount(seg, 4), adjustments: 0n, place: at(seg) };
            paidTotal += claim.paid;
            break;
          case 'SVC':
            closeLine();
            line = { charge: amount(seg, 2), paid: amount(seg, 3), adjustments: 0n, place: at(seg) };
            break;
          case 'CAS': {
            const t = casTotal(seg);
            if (loop.def.id === '2110' && line !== null) line.adjustments += t;
            if (claim !== null) claim.adjustments += t;
            break;
          }
          case 'PLB':
            closeClaim();
            for (let n = 4; n <= 14; n += 2) plbTotal += amount(seg, n);
            break;
        }
      },
      exitLoop(loop) {
        if (loop.def.id === '2110') closeLine();
        else if (loop.def.id === '2100') closeClaim();
      },
      end() {
        closeClaim();
        if (bpr !== null && bpr.amount !== paidTotal - plbTotal) {
          sink.report({
            level: 3,
            rule: 'PAYMENT_OUT_OF_BALANCE',
            segmentId: 'BPR',
            position: bpr.place.position,
            offset: bpr.place.offset,
            loop: 'ST',
            element: 2,
            message: `The payment amount (BPR02) is ${formatCents(bpr.amount)}, but the claims paid (CLP04) total ${formatCents(paidTotal)} less provider adjustments (PLB) of ${formatCents(plbTotal)} is ${formatCents(paidTotal - plbTotal)}.`,
          });
        }
      },
    };
  },
};
