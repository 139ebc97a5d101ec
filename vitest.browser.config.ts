import { defineConfig } from "vitest/config";

/**
 * The browser tests (`npm run test:browser`): Debian's Chromium driven by Playwright against the
 * real server. Each file starts one server and one browser and shares them across its tests, so
 * the files run one after another (two browsers and two servers would fight over two cores), and
 * the tests within a file in order, since a journey's steps build on each other.
 */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
