import type { SegmentView } from '../x12/segment.js';
import type { EditSink, TransactionEdit } from './types.js';

const place = (seg: SegmentView) => ({ position: seg.setPosition, offset: seg.offset });

/**
 * 837P situational rules that cost money when missed:
 * - a replacement or void (CLM05-3 = 7 or 8) carries the payer's original claim number (REF*F8);
 * - the patient loop (2000C) appears exactly when the patient is not the subscriber (SBR02 is not 18);
 * - every diagnosis pointer on a line (SV107) points at a diagnosis the claim lists (HI).
 */
export const professionalClaimRules: TransactionEdit = {
  name: 'PROFESSIONAL_CLAIM_RULES',
  level: 4,
  guides: ['005010X222A1'],
  start(sink: EditSink) {
    let claim: { frequency: string; hasF8: boolean; at: { position: number; offset: number }; diagnoses: number } | null = null;
    let subscriber: { self: boolean; hasPatient: boolean; at: { position: number; offset: number } } | null = null;
    const closeClaim = () => {
      if (claim !== null && (claim.frequency === '7' || claim.frequency === '8') && !claim.hasF8) {
        sink.report({
          level: 4,
          rule: 'ORIGINAL_CLAIM_NUMBER_MISSING',
          segmentId: 'CLM',
          position: claim.at.position,
          offset: claim.at.offset,
          loop: '2300',
          element: 5,
          component: 3,
          message: `A ${claim.frequency === '7' ? 'replacement' : 'void'} claim (CLM05-3 = ${claim.frequency}) must carry the payer's original claim number in REF*F8.`,
        });
      }
      claim = null;
    };
    const closeSubscriber = () => {
      if (subscriber !== null) {
        if (subscriber.self && subscriber.hasPatient) {
          sink.report({ level: 4, rule: 'PATIENT_LOOP_NOT_EXPECTED', segmentId: 'SBR', position: subscriber.at.position, offset: subscriber.at.offset, loop: '2000B', element: 2, message: 'The subscriber is the patient (SBR02 = 18), so there must be no separate patient loop (2000C).' });
        } else if (!subscriber.self && !subscriber.hasPatient) {
          sink.report({ level: 4, rule: 'PATIENT_LOOP_MISSING', segmentId: 'SBR', position: subscriber.at.position, offset: subscriber.at.offset, loop: '2000B', element: 2, message: 'The patient is not the subscriber (SBR02 is not 18), so the patient loop (2000C) with the patient\'s name is required.' });
        }
      }
      subscriber = null;
    };
    return {
      segment(use, seg, loop) {
        switch (use.def.id) {
          case 'SBR':
            if (loop.def.id === '2000B') {
              closeSubscriber();
              subscriber = { self: seg.elementIs(2, '18'), hasPatient: false, at: place(seg) };
            }
            break;
          case 'HL':
            if (subscriber !== null && seg.elementIs(3, '23')) subscriber.hasPatient = true;
            break;
          case 'CLM':
            closeClaim();
            claim = { frequency: seg.component(5, 3), hasF8: false, at: place(seg), diagnoses: 0 };
            break;
          case 'REF':
            if (claim !== null && loop.def.id === '2300' && seg.elementIs(1, 'F8')) claim.hasF8 = true;
            break;
          case 'HI':
            if (claim !== null && loop.def.id === '2300') {
              const q = seg.component(1, 1);
              if (q === 'ABK' || q === 'BK') for (let e = 1; e <= 12; e++) if (seg.has(e)) claim.diagnoses++;
            }
            break;
          case 'SV1':
            if (claim !== null && seg.has(7)) {
              for (let c = 1; c <= 4; c++) {
                const p = seg.component(7, c);
                if (p === '') continue;
                const n = Number(p);
                if (!Number.isInteger(n) || n < 1 || n > claim.diagnoses) {
                  sink.report({ level: 4, rule: 'DIAGNOSIS_POINTER_INVALID', segmentId: 'SV1', position: seg.setPosition, offset: seg.offset, loop: '2400', element: 7, component: c, message: `Diagnosis pointer ${JSON.stringify(p)} (SV107-${c}) does not point at one of the claim's ${claim.diagnoses} diagnosis codes.` });
                }
              }
            }
            break;
        }
      },
      exitLoop(loop) {
        if (loop.def.id === '2300') closeClaim();
        else if (loop.def.id === '2000B') closeSubscriber();
      },
      end() {
        closeClaim();
        closeSubscriber();
      },
    };
  },
};

/** 835: the payer's billing contact (PER*BL) in loop 1000A is required by the TR3. */
export const remittanceRules: TransactionEdit = {
  name: 'REMITTANCE_RULES',
  level: 4,
  guides: ['005010X221A1'],
  start(sink: EditSink) {
    let payer: { at: { position: number; offset: number }; hasBillingContact: boolean } | null = null;
    const closePayer = () => {
      if (payer !== null && !payer.hasBillingContact) {
        sink.report({ level: 4, rule: 'PAYER_BILLING_CONTACT_MISSING', segmentId: 'N1', position: payer.at.position, offset: payer.at.offset, loop: '1000A', message: 'The payer identification loop (1000A) has no billing contact (PER*BL): the TR3 requires the payer\'s web site or billing contact.' });
      }
      payer = null;
    };
    return {
      segment(use, seg, loop) {
        if (loop.def.id !== '1000A') return;
        if (use.def.id === 'N1') payer = { at: place(seg), hasBillingContact: false };
        else if (use.def.id === 'PER' && payer !== null && seg.elementIs(1, 'BL')) payer.hasBillingContact = true;
      },
      exitLoop(loop) {
        if (loop.def.id === '1000A') closePayer();
      },
      end: closePayer,
    };
  },
};

/** Any guide with an HL hierarchy: HL01 counts up from 1 and HL02 names a parent already seen. */
export const hierarchyRules: TransactionEdit = {
  name: 'HIERARCHY_RULES',
  level: 4,
  guides: ['*'],
  start(sink: EditSink) {
    const seen = new Set<string>();
    let expected = 1;
    return {
      segment(use, seg, loop) {
        if (use.def.id !== 'HL') return;
        const id = seg.element(1);
        const parent = seg.element(2);
        const loopId = loop.def.id;
        if (id !== String(expected)) sink.report({ level: 4, rule: 'HL_ID_SEQUENCE', segmentId: 'HL', position: seg.setPosition, offset: seg.offset, loop: loopId, element: 1, message: `HL01 is ${JSON.stringify(id)}; hierarchy ids must count up from 1 (expected ${expected}).` });
        if (parent !== '' && !seen.has(parent)) sink.report({ level: 4, rule: 'HL_PARENT_UNKNOWN', segmentId: 'HL', position: seg.setPosition, offset: seg.offset, loop: loopId, element: 2, message: `HL02 names parent ${JSON.stringify(parent)}, which is not an earlier HL in this transaction set.` });
        seen.add(id);
        expected++;
      },
    };
  },
};
