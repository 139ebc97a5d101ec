import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test file builds its own apps on its own temp databases, so files can run in parallel.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
