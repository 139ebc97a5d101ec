import type { Clock } from "../../src/clock.js";

export interface TestClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

/** 2026-03-02 12:00 UTC unless told otherwise; moves only when a test moves it. */
export function fixedClock(start = Date.UTC(2026, 2, 2, 12, 0, 0)): TestClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    set: (ms) => {
      now = ms;
    },
  };
}
