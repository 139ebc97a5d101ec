import { describe, expect, it } from "vitest";
import { rebuildFigures } from "../src/features/figures/rebuild.js";
import { verdict } from "../src/features/figures/verdict.js";
import { axisScale, chartGeometry } from "../src/features/figures/chart.js";
import { makeTestApp } from "./support/app.js";
import { randomHistory, snapshot } from "./support/scenario.js";
import { DAY, HOUR, MINUTE } from "../src/clock.js";
import { complaints as complaintService } from "../src/features/complaints/complaints.js";
import { usersDb } from "../src/db/users.js";
import { textOf } from "./support/browser.js";
import { definition, listItems, section } from "./support/page.js";
import type { TestApp } from "./support/app.js";

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

/** A claimed business and fast domain-level actions on it, for figure scenarios. */
async function scenario() {
  const t = makeTestApp();
  const b = await t.claimedBusiness();
  const service = complaintService({ db: t.db, clock: t.clock, changes: t.changes });
  const users = usersDb(t.db);
  const owner = users.byId(b.owner.id)!;
  const author = users.byId(b.author.id)!;
  let n = 0;
  const file = (title?: string) =>
    t.complaint(author.id, {
      businessName: "Acme Widgets",
      businessChoice: "acme-widgets",
      title: title ?? `Another complaint about them, number ${++n}`,
    });
  const page = async () => textOf(await t.browser().get("/businesses/acme-widgets"));
  return { t, b, service, owner, author, file, page };
}

const figure = (page: string, name: string) => definition(page, name);

describe("reputation figures", () => {
  it("shows “not enough complaints yet” under 5 complaints, and rates from 5", async () => {
    const { file, page, t } = await scenario();
    for (let i = 0; i < 3; i++) file();
    let text = await page();
    expect(text).toContain("Not enough complaints yet");
    expect(figure(text, "Complaints received")).toBe("4");
    expect(figure(text, "Resolution rate")).toBe("–");
    expect(text).toContain("Shown once there are 5 public complaints");
    file();
    t.clock.advance(MINUTE);
    text = await page();
    expect(figure(text, "Resolution rate")).toBe("0%");
    expect(figure(text, "Answered in time")).toBe("–"); // none older than 15 days yet
    expect(text).toContain("Shown once 5 complaints are older than 15 days");
  });

  it("counts the response rate over complaints older than 15 days, replies within 15 days, to the millisecond", async () => {
    const { t, service, owner, file, page } = await scenario();
    const start = t.clock.now();
    const ids = [1, 2, 3, 4].map(() => file());
    const first = (t.db.prepare("SELECT id FROM complaints ORDER BY id LIMIT 1").get() as { id: number }).id;
    const all = [first, ...ids];
    t.clock.set(start + HOUR);
    service.reply(all[0]!, owner, "Quick answer.");
    t.clock.set(start + 15 * DAY); // exactly 15 days: still within
    service.reply(all[1]!, owner, "Just in time.");
    service.rollFigures();
    expect(figure(await page(), "Answered in time")).toBe("–"); // not older than 15 days yet
    t.clock.set(start + 15 * DAY + 1);
    service.reply(all[2]!, owner, "One millisecond late.");
    service.rollFigures();
    const text = await page();
    expect(figure(text, "Answered in time")).toBe("40%");
    expect(text).toContain("of 5 complaints older than 15 days");
  });

  it("says how fast the business typically answers: the bucket holding the median", async () => {
    const { t, service, owner, file, page } = await scenario();
    const start = t.clock.now();
    const ids = [
      (t.db.prepare("SELECT id FROM complaints").get() as { id: number }).id,
      file(),
      file(),
      file(),
      file(),
    ];
    for (const [id, after] of [
      [ids[0]!, 30 * MINUTE],
      [ids[1]!, 2 * HOUR],
      [ids[2]!, 5 * HOUR],
      [ids[3]!, 2 * DAY],
    ] as const) {
      t.clock.set(start + after);
      service.reply(id, owner, "Answer.");
    }
    expect(figure(await page(), "Typical time to first reply")).toBe("within 3 hours");
  });

  it("shows resolution, confirmation, rating and would-return rates", async () => {
    const { t, service, owner, author, file, page } = await scenario();
    const ids = [
      (t.db.prepare("SELECT id FROM complaints").get() as { id: number }).id,
      file(),
      file(),
      file(),
      file(),
    ];
    for (const id of ids.slice(0, 3)) service.resolve(id, owner, "refunded", "Refunded.");
    service.confirm(ids[0]!, author, { rating: 4, wouldReturn: true });
    service.confirm(ids[1]!, author, { rating: 5, wouldReturn: false });
    const text = await page();
    expect(figure(text, "Resolution rate")).toBe("60%");
    expect(figure(text, "Resolution confirmed by consumers")).toBe("40%");
    expect(figure(text, "Consumer rating")).toBe("4.5 / 5");
    expect(text).toContain("From 2 confirmations");
    expect(figure(text, "Would buy again")).toBe("50%");
  });

  it("counts the last 12 months apart from all time, and draws them as SVG with a table", async () => {
    const { t, file, page } = await scenario();
    t.clock.advance(400 * DAY);
    file("A complaint from this year");
    file("Another complaint from this year");
    const text = await page();
    expect(figure(text, "Complaints received")).toBe("3");
    expect(text).toContain("2 in the last 12 months");
    expect(text).toMatch(/<svg class="chart-wide" viewBox="0 0 720 240" role="img"/);
    expect(text).toMatch(/<svg class="chart-narrow" viewBox="0 0 360 240" role="img"/);
    expect(text).toMatch(/<tr><th scope="row">Apr 2027<\/th><td>2<\/td><td>0<\/td><td>0<\/td><\/tr>/);
    expect(text).toContain('<a href="/about/figures">');
  });

  it("explains every figure at /about/figures", async () => {
    const t = makeTestApp();
    const text = textOf(await t.browser().get("/about/figures"));
    for (const heading of [
      "Response rate",
      "Time to first response",
      "Resolution rate and confirmed resolutions",
      "Consumer rating and would buy again",
      "Too few complaints",
    ]) {
      expect(text).toContain(heading);
    }
  });
});

describe("rankings", () => {
  async function twoBusinesses(t: TestApp) {
    const service = complaintService({ db: t.db, clock: t.clock, changes: t.changes });
    const users = usersDb(t.db);
    const b = await t.claimedBusiness();
    const owner = users.byId(b.owner.id)!;
    const author = users.byId(b.author.id)!;
    for (let i = 0; i < 5; i++)
      t.complaint(author.id, { businessName: "Slow Co", title: `Slow complaint ${i}`, categoryId: 1 });
    const acme = [
      b.complaintId,
      ...[1, 2, 3, 4].map((i) =>
        t.complaint(author.id, {
          businessName: "Acme Widgets",
          businessChoice: "acme-widgets",
          title: `Acme complaint ${i}`,
          categoryId: 1,
        }),
      ),
    ];
    for (const id of acme) service.reply(id, owner, "Answered fast.");
    t.complaint(author.id, { businessName: "Tiny Co", title: "Only one complaint here", categoryId: 1 });
    t.clock.advance(16 * DAY);
    service.rollFigures();
  }

  it("ranks the most responsive businesses, leaving out those with too few complaints", async () => {
    const t = makeTestApp();
    await twoBusinesses(t);
    const res = await t.browser().get("/businesses?sort=responsive");
    const names = [
      ...res.text.matchAll(/<h2 class="business-card-name"[^>]*><a href="\/businesses\/[^"]+">([^<]+)<\/a>/g),
    ].map((m) => m[1]);
    expect(names).toEqual(["Acme Widgets", "Slow Co"]);
    expect(res.text).toMatch(/Acme Widgets<\/a>[\s\S]*?<dt>Answered in time<\/dt><dd>100%<\/dd>/);
  });

  it("shows a category's best answering businesses and its recent complaints", async () => {
    const t = makeTestApp();
    await twoBusinesses(t);
    const res = await t.browser().get("/categories/billing-and-payments");
    expect(res.status).toBe(200);
    expect(listItems(section(res, "Answering best"))).toEqual(["Acme Widgets 100% answered", "Slow Co 0% answered"]);
    expect(res.text).toContain("Only one complaint here");
    expect((await t.browser().get("/categories/no-such-category")).status).toBe(404);
  });
});

describe("the verdict", () => {
  const at = (answeredInTime: number, confirmed: number, matured = 100, complaints = 100) =>
    verdict({ matured, answeredInTime, complaints, confirmed });

  it("waits for 5 complaints older than 15 days", () => {
    expect(at(4, 4, 4, 10)).toEqual({ key: "too-few", label: "Not enough complaints yet", score: undefined });
    expect(at(5, 5, 5, 10).key).toBe("excellent");
    expect(at(0, 0, 5, 5).key).toBe("poor");
  });

  // score = 60 × answered in time + 40 × confirmed; with 100 complaints of each, 0.6·a + 0.4·c.
  it.each([
    ["Excellent", 80, [100, 49], [100, 50], [100, 51], "good", "excellent"],
    ["Good", 65, [75, 49], [75, 50], [75, 51], "fair", "good"],
    ["Fair", 45, [74, 1], [75, 0], [75, 1], "poor", "fair"],
  ] as const)(
    "is %s from a score of %i: just below, at and above",
    (_label, from, below, exactly, above, under, key) => {
      expect(at(below[0], below[1])).toMatchObject({ key: under, score: from - 1 });
      expect(at(exactly[0], exactly[1])).toMatchObject({ key, score: from });
      expect(at(above[0], above[1])).toMatchObject({ key, score: from });
    },
  );

  it("is Poor from 0, and never shows a score that reaches a threshold it did not", () => {
    expect(at(0, 0)).toMatchObject({ key: "poor", label: "Poor", score: 0 });
    expect(at(100, 100)).toMatchObject({ key: "excellent", score: 100 });
    // 79.6 is shown as 79: the verdict is Good, and the score must not say 80.
    expect(at(100, 49).score).toBe(79);
  });

  it("weighs the response rate over its complaints and confirmations over all of them", () => {
    // 8 of 10 old complaints answered in time (48 points), 5 of 20 confirmed (10 points): 58, Fair.
    expect(at(8, 5, 10, 20)).toMatchObject({ key: "fair", score: 58 });
  });
});

/** What a page reads as, tags dropped and spaces collapsed. */
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/ ([.,;:])/g, "$1");

describe("the scorecard", () => {
  /** A claimed business with `n` complaints, `answered` of them answered at once, `confirmed` confirmed; then 16 days pass. */
  async function business(n: number, answered: number, confirmed: number) {
    const s = await scenario();
    const ids = [s.b.complaintId, ...Array.from({ length: n - 1 }, () => s.file())];
    for (const id of ids.slice(0, answered)) s.service.reply(id, s.owner, "We are on it.");
    for (const id of ids.slice(0, confirmed)) {
      s.service.resolve(id, s.owner, "refunded", "Refunded in full.");
      s.service.confirm(id, s.author, { rating: 5, wouldReturn: true });
    }
    s.t.clock.advance(16 * DAY);
    s.service.rollFigures();
    return s;
  }

  it("shows Excellent with its score and meters for a business that answers and resolves", async () => {
    const { page } = await business(5, 5, 3);
    const text = await page();
    expect(plain(text)).toContain("Verdict: Excellent");
    expect(plain(text)).toContain("Score 84 out of 100, from 5 public complaints.");
    expect(figure(text, "Answered in time")).toBe("100%");
    expect(figure(text, "Resolution confirmed by consumers")).toBe("60%");
    expect(figure(text, "Would buy again")).toBe("100%");
    expect(figure(text, "Typical time to first reply")).toBe("within an hour");
    expect(text).toContain('<span class="avatar avatar-large" aria-hidden="true">A</span>');
    expect(text).toContain("Claimed by the business");
  });

  it("shows Poor for a business that never answers", async () => {
    const { page } = await business(5, 0, 0);
    const text = await page();
    expect(plain(text)).toContain("Verdict: Poor");
    expect(plain(text)).toContain("Score 0 out of 100");
    expect(figure(text, "Answered in time")).toBe("0%");
  });

  it("shows “Not enough complaints yet” and what a verdict needs, with one complaint", async () => {
    const { page } = await business(1, 1, 0);
    const text = await page();
    expect(plain(text)).toContain("Verdict: Not enough complaints yet");
    expect(plain(text)).toContain("A verdict needs 5 public complaints older than 15 days; there is 1 so far.");
    expect(plain(text)).not.toContain("Score ");
  });

  it("states the verdict's formula, thresholds, minimum and window on /about/figures", async () => {
    const t = makeTestApp();
    const text = textOf(await t.browser().get("/about/figures"));
    const verdictSection = plain(section(text, "The verdict"));
    expect(verdictSection).toContain(
      "60 × the share answered within 15 days + 40 × the share whose resolution the consumer confirmed",
    );
    for (const line of ["Excellent: 80 or more", "Good: 65 to 79", "Fair: 45 to 64", "Poor: under 45"])
      expect(verdictSection).toContain(line);
    expect(verdictSection).toContain("at least 5 public complaints older than 15 days");
    expect(verdictSection).toContain("every public complaint the business has had");
  });
});

describe("the monthly chart", () => {
  it("has a y-axis of round steps that never tops out below 5", () => {
    expect(axisScale(0)).toEqual({ top: 5, step: 1 });
    expect(axisScale(1)).toEqual({ top: 5, step: 1 });
    expect(axisScale(5)).toEqual({ top: 5, step: 1 });
    expect(axisScale(7)).toEqual({ top: 8, step: 2 });
    expect(axisScale(23)).toEqual({ top: 25, step: 5 });
    expect(axisScale(101)).toEqual({ top: 150, step: 50 });
  });

  it("draws one complaint as a fifth of the height, with its value and the axis ticks", () => {
    const chart = chartGeometry([{ month: 100, received: 1, answered: 0, resolved: 0 }], 100);
    const bar = chart.wide.months.at(-1)!.bars[0]!;
    const full = chart.wide.baseline - chart.wide.ticks.at(-1)!.y;
    expect(bar).toMatchObject({ series: "received", value: 1 });
    expect(bar.height / full).toBeCloseTo(0.2);
    expect(chart.wide.ticks.map((t) => t.value)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(chart).toMatchObject({ empty: false, few: true, received: 1 });
    expect(chart.narrow.months.map((m) => m.label)).toEqual(chart.months.slice(6).map((m) => m.label));
  });

  it("says when the bars are single cases, and when there is nothing to draw", async () => {
    const { page, t } = await scenario();
    const text = plain(await page());
    expect(text).toContain("Only 1 complaint in 12 months: each bar is a single case, not a trend.");
    expect(text).toContain("Received Answered Resolved"); // the legend
    t.clock.advance(400 * DAY);
    const html = await page();
    expect(plain(html)).toContain(
      "No complaints about Acme Widgets were received, answered or resolved in the last 12 months.",
    );
    expect(html).not.toContain('class="chart-wide"');
  });
});
