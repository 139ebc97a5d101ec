import os from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // The browser tests need Chromium and have their own config (vitest.browser.config.ts).
    exclude: [...configDefaults.exclude, "test/browser/**"],
    // Each test builds its own app on its own temp database, so files run in parallel: one worker
    // per core (Vitest's default leaves a core out, which on a 2-core machine means one worker).
    pool: "forks",
    maxWorkers: os.availableParallelism(),
    // A worker keeps its modules from one file to the next, instead of importing src/ and the
    // libraries again for every file (about 0.7 s each). Tests share no state but the migrated
    // template database of test/support/app.ts.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
