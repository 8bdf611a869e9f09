import { defineConfig } from 'vitest/config';

// Unit and integration tests only; Playwright specs (test/e2e) have their own runner.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
