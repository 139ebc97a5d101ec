import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's folder for the migrated template databases (test/support/app.ts). */
    testRunDir: string;
  }
}

/**
 * Test databases live on tmpfs when the machine has one: they are real SQLite files (WAL and all),
 * but opening and closing one costs no fsync, which on a disk is most of a short test's time.
 */
export const TEMP_ROOT = (() => {
  try {
    fs.accessSync("/dev/shm", fs.constants.W_OK);
    return "/dev/shm";
  } catch {
    return os.tmpdir();
  }
})();

/** A folder for this run, removed when the run ends (workers may end without an "exit" event). */
export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(TEMP_ROOT, "redress-run-"));
  project.provide("testRunDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
