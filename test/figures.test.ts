import { describe, expect, it } from "vitest";
import { rebuildFigures } from "../src/features/complaints/rebuild.js";
import { makeTestApp } from "./support/app.js";
import { randomHistory, snapshot } from "./support/scenario.js";

describe("figures:rebuild", () => {
  it.each([1, 3, 4, 5])("gives exactly the live figures after a random history (seed %i)", async (seed) => {
    const t = makeTestApp();
    await randomHistory(t, seed);
    const live = snapshot(t);
    expect(live.complaints.length).toBeGreaterThan(50);
    expect((live.figures as { ratings_count: number }[]).some((f) => f.ratings_count > 0)).toBe(true);
    rebuildFigures(t.db, t.clock);
    expect(snapshot(t)).toEqual(live);
  });
});
