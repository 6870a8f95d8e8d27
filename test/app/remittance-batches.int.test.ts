import { onPostgres } from '../db/suites.js';
import { remittanceBatchScenarios } from './remittance-batches.js';

onPostgres('835 files loaded in batches', remittanceBatchScenarios);
