// The fault suite runs on its own (npm run test:faults): each file starts and kills real servers.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		root: `${import.meta.dirname}/../..`,
		include: ['tests/faults/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 60_000,
		fileParallelism: false
	}
});
