import { describe, expect, it } from "vitest";
import { rebuildFigures } from "../src/features/figures/rebuild.js";
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
    expect(figure(text, "Resolution rate")).toBeUndefined();
    file();
    t.clock.advance(MINUTE);
    text = await page();
    expect(figure(text, "Resolution rate")).toBe("0%");
    expect(figure(text, "Response rate")).toBe("Not enough complaints yet"); // none older than 15 days yet
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
    expect(figure(await page(), "Response rate")).toBe("Not enough complaints yet"); // not older than 15 days yet
    t.clock.set(start + 15 * DAY + 1);
    service.reply(all[2]!, owner, "One millisecond late.");
    service.rollFigures();
    const text = await page();
    expect(figure(text, "Response rate")).toBe("40%");
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
    expect(figure(await page(), "Time to first response")).toBe("within 3 hours");
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
    expect(figure(text, "Confirmed resolutions")).toBe("40%");
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
    expect(text).toMatch(/<svg viewBox="0 0 720 200" role="img"/);
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
    const names = [...res.text.matchAll(/<li>\s*<a href="\/businesses\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(names).toEqual(["Acme Widgets", "Slow Co"]);
    expect(res.text).toContain("<strong>100%</strong> answered within 15 days");
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
