import { onPostgres } from '../db/suites.js';
import { sendScenarios } from './send-scenarios.js';

// x12d as the sender, and the answers matched back.
onPostgres('send', sendScenarios);
