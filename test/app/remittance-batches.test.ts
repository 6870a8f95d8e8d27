import { onEmbedded } from '../db/suites.js';
import { remittanceBatchScenarios } from './remittance-batches.js';

onEmbedded('835 files loaded in batches', remittanceBatchScenarios);
