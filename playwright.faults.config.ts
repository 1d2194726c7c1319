// The browser half of the fault suite (npm run test:faults): page closed after an entry, storage
// quota exhausted, an app update arriving while entries are unsent.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({ ...base, testDir: 'tests/faults/browser', timeout: 180_000 });
