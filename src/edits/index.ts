import { claimChargeBalance, remittanceBalance } from './balancing.js';
import { externalCodeSets } from './code-sets.js';
import { hierarchyRules, professionalClaimRules, remittanceRules } from './situational.js';
import type { TransactionEdit } from './types.js';

/** Every edit x12d runs for SNIP levels 3 to 5. */
export const DEFAULT_EDITS: readonly TransactionEdit[] = Object.freeze([claimChargeBalance, remittanceBalance, professionalClaimRules, remittanceRules, hierarchyRules, externalCodeSets]);
