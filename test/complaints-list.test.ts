import { describe, expect, it } from "vitest";
import { DAY, HOUR } from "../src/clock.js";
import { BROWSE_COMBINATIONS, browseSql } from "../src/db/complaints.js";
import { complaints as complaintService } from "../src/features/complaints/complaints.js";
import { usersDb } from "../src/db/users.js";
import { makeTestApp, type TestApp } from "./support/app.js";
import { textOf } from "./support/browser.js";
import { complaintTitles as titles, errorSummary, headings, link, links } from "./support/page.js";

/** Dana files one complaint a day about each named business, oldest first. */
async function site(t: TestApp, plan: { business: string; title: string; categoryId?: number }[]) {
  const dana = await t.user({ display_name: "Dana Filer" });
  const ids: number[] = [];
  for (const c of plan) {
    ids.push(t.complaint(dana.id, { businessName: c.business, title: c.title, categoryId: c.categoryId ?? 1 }));
    t.clock.advance(DAY);
  }
  return { dana, ids };
}

const plain = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("GET /complaints", () => {
  it("lists every public complaint, newest first, and the home page links to it", async () => {
    const t = makeTestApp();
    await site(t, [
      { business: "Zenith Bank", title: "Fees nobody told me about" },
      { business: "Bluebird Airlines", title: "My suitcase went to Oslo" },
      { business: "Zenith Bank", title: "Card blocked while abroad" },
    ]);
    const home = await t.browser().get("/");
    expect(link(home, "See all complaints")?.href).toBe("/complaints");
    const res = await t.browser().get("/complaints");
    expect(res.status).toBe(200);
    expect(headings(res, 1)).toEqual(["All complaints"]);
    expect(titles(res)).toEqual(["Card blocked while abroad", "My suitcase went to Oslo", "Fees nobody told me about"]);
  });

  it("shows each item with its title first, business, status, category, date, “me too”s and first reply time", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const service = complaintService({ db: t.db, clock: t.clock });
    const owner = usersDb(t.db).byId(b.owner.id)!;
    t.clock.advance(3 * HOUR);
    service.reply(b.complaintId, owner, "We are looking into it now.");
    const res = await t.browser().get("/complaints");
    const item = /<li class="complaint-item">[\s\S]*?<\/li>/.exec(res.text)![0];
    expect(item.indexOf("complaint-item-title")).toBeLessThan(item.indexOf("complaint-item-meta"));
    expect(plain(item)).toMatch(
      /Charged twice for one order, no refund Acme Widgets Answered Billing and payments \w+ \d+, \d{4} Answered in 3 hours/,
    );
    expect(item).toContain('<span class="badge badge-answered">Answered</span>');
  });

  it("filters by business, category, status and dates, each in the URL with a link that drops it", async () => {
    const t = makeTestApp();
    await site(t, [
      { business: "Zenith Bank", title: "Old fees from the first day", categoryId: 1 },
      { business: "Zenith Bank", title: "A delivery that never came", categoryId: 2 },
      { business: "Zenith Bank", title: "Fees again on the third day", categoryId: 1 },
      { business: "Bluebird Airlines", title: "Fees for a seat I never chose", categoryId: 1 },
    ]);
    const from = new Date(t.clock.now() - 3 * DAY).toISOString().slice(0, 10);
    const url = `/complaints?business=zenith-bank&category=billing-and-payments&status=open&from=${from}`;
    const res = await t.browser().get(url);
    expect(res.status).toBe(200);
    expect(headings(res, 1)).toEqual(["Complaints about Zenith Bank"]);
    expect(titles(res)).toEqual(["Fees again on the third day"]);
    const removals = links(res).filter((l) => l.name.startsWith("Remove"));
    expect(removals.map((l) => l.name)).toEqual([
      "Remove the filter “Business: Zenith Bank”",
      "Remove the filter “Category: Billing and payments”",
      "Remove the filter “Status: Open”",
      expect.stringMatching(/^Remove the filter “From \w+ \d+, \d{4}”$/),
    ]);
    const withoutBusiness = await t.browser().get(removals[0]!.href);
    expect(removals[0]!.href).toBe(`/complaints?category=billing-and-payments&status=open&from=${from}`);
    expect(titles(withoutBusiness)).toEqual(["Fees for a seat I never chose", "Fees again on the third day"]);
    expect(link(res, "Clear all filters")?.href).toBe("/complaints");
  });

  it("finds the business by the name typed in the form, and keeps it in the field", async () => {
    const t = makeTestApp();
    await site(t, [
      { business: "Zenith Bank", title: "Fees nobody told me about" },
      { business: "Bluebird Airlines", title: "My suitcase went to Oslo" },
    ]);
    const res = await t.browser().get("/complaints?business=zenith+bank&category=&status=&from=&to=");
    expect(titles(res)).toEqual(["Fees nobody told me about"]);
    expect(res.text).toMatch(/<input id="business" name="business" type="text"\s+value="Zenith Bank"/);
  });

  it("shows “No response” complaints: open, unanswered 15 days after they became public", async () => {
    const t = makeTestApp();
    await site(t, [{ business: "Zenith Bank", title: "Waiting since the first day" }]);
    t.clock.advance(13 * DAY);
    await site(t, [{ business: "Zenith Bank", title: "Only two days old so far" }]);
    const res = await t.browser().get("/complaints?status=no-response");
    expect(titles(res)).toEqual(["Waiting since the first day"]);
    expect(res.text).toContain('<span class="badge badge-no-response">No response</span>');
    const open = await t.browser().get("/complaints?status=open");
    expect(titles(open)).toEqual(["Only two days old so far", "Waiting since the first day"]);
  });

  it("pages by keyset: older complaints after the last one shown, and back to the newest", async () => {
    const t = makeTestApp();
    await site(
      t,
      Array.from({ length: 23 }, (_, i) => ({ business: "Zenith Bank", title: `Complaint number ${i + 1}` })),
    );
    const first = await t.browser().get("/complaints?status=open");
    expect(titles(first)).toHaveLength(20);
    expect(titles(first)[0]).toBe("Complaint number 23");
    const older = link(first, "Older complaints →")!;
    expect(older.href).toMatch(/^\/complaints\?status=open&before=\d+\.\d+$/);
    const second = await t.browser().get(older.href);
    expect(titles(second)).toEqual(["Complaint number 3", "Complaint number 2", "Complaint number 1"]);
    expect(link(second, "Older complaints →")).toBeUndefined();
    expect(link(second, "← Newest complaints")?.href).toBe("/complaints?status=open");
  });

  it("answers a bad filter with 400, the problem at its field, and lists nothing", async () => {
    const t = makeTestApp();
    await site(t, [{ business: "Zenith Bank", title: "Fees nobody told me about" }]);
    for (const [query, field, message] of [
      ["status=lost", "Status", "Choose a status from the list"],
      ["from=2026-02-30", "From", "Write the first date as YYYY-MM-DD, for example 2026-03-01"],
      ["from=2026-03-10&to=2026-03-01", "Until", "The last date must be on or after the first date"],
      ["before=abc", undefined, "This page link is broken: start again from the newest complaints"],
      ["business=no-such-business", "Business", "There is no business at that address on Redress"],
      ["category=nope", "Category", "Choose a category from the list"],
      ["status=open&status=answered", "Status", "Choose a status from the list"],
    ] as const) {
      const res = await t.browser().get(`/complaints?${query}`);
      expect(res.status, query).toBe(400);
      expect(errorSummary(res), query).toEqual([{ message, field }]);
      expect(titles(res)).toEqual([]);
    }
  });

  it("serves every combination of filters from an index, in order, with no sort and no OFFSET", () => {
    const t = makeTestApp();
    const params = {
      business_id: 1,
      category_id: 1,
      status: "open",
      from: 0,
      until: 1e15,
      before_at: 1e15,
      before_id: 1e15,
      limit: 21,
    };
    for (let mask = 0; mask < BROWSE_COMBINATIONS; mask++) {
      const sql = browseSql(mask);
      expect(sql).not.toMatch(/OFFSET/i);
      const plan = (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
        .map((r) => r.detail)
        .join("\n");
      // The date range and the keyset are one seek on (published_at, id), inside the index.
      expect(plan, `combination ${mask}`).toMatch(
        /SEARCH c USING INDEX complaints_\w+ \([^)]*published_at>\? AND published_at<\?\)/,
      );
      expect(plan, `combination ${mask}`).not.toMatch(/TEMP B-TREE|SCAN c/);
    }
  });
});

describe("a search", () => {
  it("with filters and no words lists the filtered complaints, newest first", async () => {
    const t = makeTestApp();
    await site(t, [
      { business: "Zenith Bank", title: "Fees nobody told me about" },
      { business: "Bluebird Airlines", title: "My suitcase went to Oslo" },
      { business: "Zenith Bank", title: "Card blocked while abroad" },
    ]);
    const res = await t.browser().get("/search?q=&business=zenith-bank&status=open");
    expect(res.status).toBe(200);
    expect(titles(res)).toEqual(["Card blocked while abroad", "Fees nobody told me about"]);
    expect(textOf(res)).toContain("Every complaint that fits these filters, newest first.");
    const remove = links(res).find((l) => l.name === "Remove the filter “Status: Open”");
    expect(remove?.href).toBe("/search?business=zenith-bank");
    // The chosen business's card stands above the list.
    expect(res.text).toMatch(/<div class="business-card">[\s\S]*?Zenith Bank/);
  });

  it("with words keeps each filter removable, and the words with it", async () => {
    const t = makeTestApp();
    await site(t, [
      { business: "Zenith Bank", title: "Fees nobody told me about" },
      { business: "Bluebird Airlines", title: "Fees for a seat I never chose" },
    ]);
    const res = await t.browser().get("/search?q=fees&business=zenith-bank");
    expect(titles(res)).toEqual(["Fees nobody told me about"]);
    expect(links(res).find((l) => l.name === "Remove the filter “Business: Zenith Bank”")?.href).toBe("/search?q=fees");
  });

  it("with nothing at all says how to search", async () => {
    const t = makeTestApp();
    const res = await t.browser().get("/search");
    expect(res.status).toBe(200);
    expect(headings(res, 2)).toContain("How to search");
    expect(link(res, "See all complaints")?.href).toBe("/complaints");
  });

  it("answers a bad filter with 400 and says why", async () => {
    const t = makeTestApp();
    const res = await t.browser().get("/search?q=fees&status=lost");
    expect(res.status).toBe(400);
    expect(errorSummary(res)).toEqual([{ message: "Choose a status from the list", field: "Status" }]);
  });
});
