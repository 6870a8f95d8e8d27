import { DocumentRegistry } from './convert.js';
import type { DocumentType } from './types.js';
import { AUTHORIZATION_REQUEST_DOCUMENT, AUTHORIZATION_RESPONSE_DOCUMENT } from './authorization.js';
import { CLAIM_ACKNOWLEDGMENT_DOCUMENT } from './claim-acknowledgment.js';
import { ELIGIBILITY_INQUIRY_DOCUMENT, ELIGIBILITY_RESPONSE_DOCUMENT } from './eligibility.js';
import { IMPLEMENTATION_ACKNOWLEDGMENT_DOCUMENT } from './implementation-acknowledgment.js';
import { PROFESSIONAL_CLAIM_DOCUMENT } from './professional-claim.js';
import { REMITTANCE_DOCUMENT } from './remittance.js';

/** Every typed document x12d maps to records and back. */
export const DOCUMENT_TYPES: readonly DocumentType<unknown>[] = Object.freeze([
  ELIGIBILITY_INQUIRY_DOCUMENT,
  ELIGIBILITY_RESPONSE_DOCUMENT,
  AUTHORIZATION_REQUEST_DOCUMENT,
  AUTHORIZATION_RESPONSE_DOCUMENT,
  PROFESSIONAL_CLAIM_DOCUMENT,
  REMITTANCE_DOCUMENT,
  CLAIM_ACKNOWLEDGMENT_DOCUMENT,
  IMPLEMENTATION_ACKNOWLEDGMENT_DOCUMENT,
] as DocumentType<unknown>[]);

let registry: DocumentRegistry | null = null;
export function documentRegistry(): DocumentRegistry {
  registry ??= new DocumentRegistry(DOCUMENT_TYPES);
  return registry;
}
