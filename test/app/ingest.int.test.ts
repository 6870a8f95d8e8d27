import { onPostgres } from '../db/suites.js';
import { ingestScenarios } from './scenarios.js';

// The ingest pipeline and the queue CLI.
onPostgres('ingest', ingestScenarios);
