import { describe, expect, it } from "vitest";
import { DAY } from "../src/clock.js";
import { textOf } from "./support/browser.js";
import { makeTestApp } from "./support/app.js";
import { complaintTitles as titles, headings, link, links, listItems, section } from "./support/page.js";

describe("a business's page", () => {
  it("shows the business, its counts by status and its complaints newest first", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    for (const n of [1, 2, 3]) {
      t.complaint(dana.id, { businessName: "Initech", title: `Complaint number ${n} about Initech` });
      t.clock.advance(DAY);
    }
    t.complaint(dana.id, { businessName: "Other Co", title: "A complaint about another company" });
    const res = await t.browser().get("/businesses/initech");
    expect(res.status).toBe(200);
    expect(headings(res, 1)).toEqual(["Initech"]);
    expect(textOf(res)).toContain("Not claimed");
    expect(links(section(res, "Complaints")).map((l) => l.name)).toEqual(
      expect.arrayContaining(["All 3", "Open 3", "Resolved 0"]),
    );
    expect(titles(res)).toEqual([
      "Complaint number 3 about Initech",
      "Complaint number 2 about Initech",
      "Complaint number 1 about Initech",
    ]);
    expect(link(res, "File a complaint about Initech")?.href).toBe("/complaints/new?business=initech");
  });

  it("filters by status", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    t.complaint(dana.id, { businessName: "Initech", title: "An open complaint about Initech" });
    const open = await t.browser().get("/businesses/initech?status=open");
    expect(titles(open.text)).toEqual(["An open complaint about Initech"]);
    expect(open.text).toMatch(/<a href="\/businesses\/initech\?status=open" aria-current=page>/);
    const resolved = await t.browser().get("/businesses/initech?status=resolved");
    expect(titles(resolved.text)).toEqual([]);
    expect(resolved.text).toContain("No complaints with this status");
    // An unknown status shows everything rather than failing.
    expect(titles((await t.browser().get("/businesses/initech?status=bogus")).text)).toHaveLength(1);
  });

  it("pages 20 at a time, newest first, by a cursor (keyset), with links to older and newest; a broken link is a 400", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    for (let n = 1; n <= 25; n++) {
      t.complaint(dana.id, { businessName: "Initech", title: `Complaint number ${String(n).padStart(2, "0")} here` });
      t.clock.advance(60_000);
    }
    const visitor = t.browser();
    const first = await visitor.get("/businesses/initech");
    expect(titles(first.text)).toHaveLength(20);
    expect(titles(first.text)[0]).toBe("Complaint number 25 here");
    const older = link(first, "Older complaints →")!;
    expect(older.href).toMatch(/^\/businesses\/initech\?before=\d+\.\d+$/);
    expect(link(first, "← Newest complaints")).toBeUndefined();

    const second = await visitor.get(older.href);
    expect(titles(second.text)).toEqual([
      "Complaint number 05 here",
      "Complaint number 04 here",
      "Complaint number 03 here",
      "Complaint number 02 here",
      "Complaint number 01 here",
    ]);
    expect(link(second, "← Newest complaints")!.href).toBe("/businesses/initech");
    expect(link(second, "Older complaints →")).toBeUndefined();

    for (const bad of ["abc", "-2", "1.5.6", "99999999999999999.1"]) {
      const res = await visitor.get(`/businesses/initech?before=${bad}`);
      expect(res.status).toBe(400);
      expect(textOf(res)).toContain("This page link is broken");
    }
    const filtered = await visitor.get("/businesses/initech?status=open");
    expect(link(filtered, "Older complaints →")!.href).toMatch(/^\/businesses\/initech\?status=open&before=\d+\.\d+$/);
  });

  it("answers an unknown business with 404", async () => {
    const t = makeTestApp();
    const res = await t.browser().get("/businesses/no-such-business");
    expect(res.status).toBe(404);
    expect(textOf(res)).toContain("Business not found");
  });
});

describe("the directory", () => {
  async function seed() {
    const t = makeTestApp();
    const dana = await t.user();
    const counts: Record<string, number> = {
      "Zenith Bank": 3,
      "Acme Home Insurance": 1,
      "Acme Motors": 2,
      "Bluebird Airlines": 4,
    };
    for (const [name, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++) t.complaint(dana.id, { businessName: name, title: `Complaint ${i} about ${name}` });
    }
    return t;
  }
  const names = (html: string) =>
    [...html.matchAll(/<h2 class="business-card-name"[^>]*><a href="\/businesses\/[^"]+">([^<]+)<\/a>/g)].map(
      (m) => m[1],
    );

  it("lists businesses A to Z with their complaint counts", async () => {
    const t = await seed();
    const res = await t.browser().get("/businesses");
    expect(names(res.text)).toEqual(["Acme Home Insurance", "Acme Motors", "Bluebird Airlines", "Zenith Bank"]);
    expect(res.text).toMatch(/Bluebird Airlines<\/a>[\s\S]*?<dt>Complaints<\/dt><dd>4<\/dd>/);
    expect(textOf(res)).toContain("4 businesses");
  });

  it("sorts by most complaints", async () => {
    const t = await seed();
    const res = await t.browser().get("/businesses?sort=complaints");
    expect(names(res.text)).toEqual(["Bluebird Airlines", "Zenith Bank", "Acme Motors", "Acme Home Insurance"]);
  });

  it("filters by name, ignoring case and punctuation", async () => {
    const t = await seed();
    expect(names((await t.browser().get("/businesses?q=ACME")).text)).toEqual(["Acme Home Insurance", "Acme Motors"]);
    expect(names((await t.browser().get("/businesses?q=motors")).text)).toEqual(["Acme Motors"]);
    expect(names((await t.browser().get("/businesses?q=zE")).text)).toEqual(["Zenith Bank"]);
    const none = await t.browser().get("/businesses?q=nothing+like+it");
    expect(names(none.text)).toEqual([]);
    expect(textOf(none)).toContain("No business matches “nothing like it”.");
  });

  it.each(['"', "*", "-", "(", "a OR b", 'x" OR "y', "%", "_", "\\", "NEAR(a b)", "x".repeat(500)])(
    "survives the filter %j",
    async (q) => {
      const t = await seed();
      const res = await t.browser().get(`/businesses?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
    },
  );

  it("pages the directory", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    for (let i = 0; i < 23; i++) {
      t.complaint(dana.id, { businessName: `Business ${String(i).padStart(2, "0")}`, title: "A complaint title here" });
      t.clock.advance(3 * 60 * 60 * 1000); // one account adds at most 10 businesses a day
    }
    const second = await t.browser().get("/businesses?page=2");
    expect(names(second.text)).toHaveLength(3);
    expect(second.text).toContain('rel="prev"');
  });
});

describe("the home page", () => {
  it("shows recent complaints, the most complained-about businesses of the last 30 days, and totals", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    t.complaint(dana.id, { businessName: "Old News Ltd", title: "An old complaint from long ago" });
    t.clock.advance(40 * DAY);
    for (let i = 0; i < 3; i++)
      t.complaint(dana.id, { businessName: "Bluebird Airlines", title: `Lost bag number ${i} at the airport` });
    t.complaint(dana.id, { businessName: "Zenith Bank", title: "Fees nobody told me about" });
    const res = await t.browser().get("/");
    const text = textOf(res);
    expect(titles(res.text).slice(0, 2)).toEqual(["Fees nobody told me about", "Lost bag number 2 at the airport"]);
    expect(listItems(section(res, "Most complaints, last 30 days"))).toEqual([
      "Bluebird Airlines 3 new",
      "Zenith Bank 1 new",
    ]);
    expect(text).toContain("<strong>5</strong> public complaints about <strong>3</strong> businesses");
    expect(res.text).toContain('href="/complaints/new"');
  });
});

describe("most complaints in the last 30 days", () => {
  it("forgets complaints older than 30 days when the window rolls on a quiet day", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    t.complaint(dana.id, { businessName: "Bluebird Airlines", title: "Lost bag at the airport again" });
    t.clock.advance(29 * DAY);
    const { complaints } = await import("../src/features/complaints/complaints.js");
    const service = complaints({ db: t.db, clock: t.clock, changes: t.changes });
    service.rollFigures();
    expect(listItems(section(await t.browser().get("/"), "Most complaints, last 30 days"))).toEqual([
      "Bluebird Airlines 1 new",
    ]);
    t.clock.advance(DAY);
    service.rollFigures(); // what the server's sweep timer does
    expect((await t.browser().get("/")).text).toContain("No complaints in the last 30 days.");
    expect(t.db.prepare("SELECT count FROM business_recent_counts").all()).toEqual([{ count: 0 }]);
  });
});

describe("queries", () => {
  const plan = (t: ReturnType<typeof makeTestApp>, sql: string, params: Record<string, unknown>) =>
    (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join("\n");

  it("serve every list through an index, never a scan of complaints", () => {
    const t = makeTestApp();
    const lists = [
      "SELECT id FROM complaints c WHERE c.business_id = @b AND c.visibility = 'public' ORDER BY c.published_at DESC, c.id DESC LIMIT 20",
      "SELECT id FROM complaints c WHERE c.business_id = @b AND c.status = 'open' AND c.visibility = 'public' ORDER BY c.published_at DESC, c.id DESC LIMIT 20",
      "SELECT id FROM complaints c WHERE c.visibility = 'public' ORDER BY c.published_at DESC, c.id DESC LIMIT 8",
      "SELECT id FROM complaints c WHERE c.author_id = @b ORDER BY c.created_at DESC, c.id DESC LIMIT 20",
    ];
    for (const sql of lists) {
      const detail = plan(t, sql, sql.includes("@b") ? { b: 1 } : {});
      expect(detail).toMatch(/USING (COVERING )?INDEX complaints_/);
      expect(detail).not.toMatch(/USE TEMP B-TREE/);
    }
    const directory = plan(
      t,
      "SELECT b.id FROM businesses b WHERE (b.complaint_count > 0 OR b.claimed_at IS NOT NULL) ORDER BY b.complaint_count DESC, b.normalized_name LIMIT 20",
      {},
    );
    expect(directory).toMatch(/USING (COVERING )?INDEX businesses_listed_by_count/);
    expect(directory).not.toMatch(/TEMP B-TREE/);
    const ranking = plan(
      t,
      "SELECT b.id FROM businesses b JOIN business_figures f ON f.business_id = b.id WHERE f.response_rate IS NOT NULL ORDER BY f.response_rate DESC, f.confirmed_rate DESC LIMIT 20",
      {},
    );
    expect(ranking).toMatch(/USING COVERING INDEX business_figures_ranking/);
    expect(ranking).not.toMatch(/TEMP B-TREE/);
    const category = plan(
      t,
      "SELECT c.id FROM complaints c WHERE c.category_id = @b AND c.visibility = 'public' ORDER BY c.published_at DESC, c.id DESC LIMIT 21",
      { b: 1 },
    );
    expect(category).toMatch(/INDEX complaints_public_by_category/);
    expect(category).not.toMatch(/TEMP B-TREE/);
  });
});

describe("the compact card of a business", () => {
  it("stands beside a complaint: verdict, answered in time, typical reply and “File a complaint”", async () => {
    const t = makeTestApp();
    const { complaintPath } = await t.claimedBusiness();
    const res = await t.browser().get(complaintPath);
    const aside = /<aside class="complaint-aside" aria-label="About Acme Widgets">[\s\S]*?<\/aside>/.exec(
      res.text,
    )?.[0];
    expect(aside).toBeDefined();
    expect(aside).toContain("Verdict: </span>Not enough complaints yet");
    expect(aside).toMatch(/<dt>Answered in time<\/dt><dd>–<\/dd>/);
    expect(aside).toMatch(/<dt>Typical first reply<\/dt><dd>–<\/dd>/);
    expect(aside).toContain(
      '<a href="/complaints/new?business=acme-widgets" aria-describedby="card-acme-widgets">File a complaint</a>',
    );
  });

  it("shows each business of the directory with its verdict and figures", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    t.complaint(dana.id, { businessName: "Zenith Bank", title: "Fees nobody ever told me about" });
    const res = await t.browser().get("/businesses");
    expect(res.text).toMatch(
      /Zenith Bank<\/a><\/h2>[\s\S]*?Not enough complaints yet[\s\S]*?<dt>Complaints<\/dt><dd>1<\/dd>/,
    );
    expect(res.text).toContain(
      '<a href="/complaints/new?business=zenith-bank" aria-describedby="card-zenith-bank">File a complaint</a>',
    );
  });
});

describe("a business's own members", () => {
  it("are not asked to file a complaint about their own business, on its page, its card or a complaint", async () => {
    const t = makeTestApp();
    const { owner, author, complaintPath } = await t.claimedBusiness();
    for (const path of ["/businesses/acme-widgets", "/businesses", complaintPath]) {
      const own = await owner.browser.get(path);
      expect(own.status).toBe(200);
      expect(links(own).filter((l) => l.href.startsWith("/complaints/new?business=acme-widgets"))).toEqual([]);
      const other = await author.browser.get(path);
      expect(links(other).filter((l) => l.href === "/complaints/new?business=acme-widgets").length).toBeGreaterThan(0);
    }
  });
});

describe("the embeddable badge", () => {
  it("is a small accessible SVG with the verdict and the answered-in-time share, cached for an hour", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    t.complaint(dana.id, { businessName: `Bob's <Tools> & "Sons"`, title: "A drill that never worked" });
    const res = await t.browser().get("/businesses/bobs-tools-and-sons/badge.svg");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=3600, s-maxage=60");
    expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    const svg = res.body instanceof Buffer ? res.body.toString("utf8") : res.text;
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="redress-badge-title">/,
    );
    expect(svg).toContain(
      '<title id="redress-badge-title">Bob&apos;s &lt;Tools&gt; &amp; &quot;Sons&quot; on Redress: Not enough complaints yet. Answered in time: not enough yet.</title>',
    );
    expect(svg).not.toMatch(/<Tools>|<script/);
  });

  it("shows the verdict and share once there are enough complaints", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    for (let i = 0; i < 5; i++)
      t.complaint(dana.id, { businessName: "Zenith Bank", title: `Fees again, month ${i + 1}` });
    t.clock.advance(16 * DAY);
    t.services.complaints.rollFigures();
    const res = await t.browser().get("/businesses/zenith-bank/badge.svg");
    const svg = res.body instanceof Buffer ? res.body.toString("utf8") : res.text;
    expect(svg).toContain("Zenith Bank on Redress: Poor. 0% answered within 15 days.");
    expect(svg).toContain(">Poor</text>");
  });

  it("is a 404 for a business that does not exist", async () => {
    const t = makeTestApp();
    expect((await t.browser().get("/businesses/nobody/badge.svg")).status).toBe(404);
  });

  it("is offered on the business's dashboard as HTML to copy", async () => {
    const t = makeTestApp();
    const { owner } = await t.claimedBusiness();
    const res = await owner.browser.get("/dashboard/acme-widgets");
    expect(res.status).toBe(200);
    expect(res.text).toContain(
      '<img src="/businesses/acme-widgets/badge.svg" alt="Acme Widgets&#39;s reputation on Redress"',
    );
    expect(res.text).toContain(
      '<textarea id="badge-html" rows="3" readonly>&lt;a href=&#34;http://redress.test/businesses/acme-widgets&#34;&gt;&lt;img src=&#34;http://redress.test/businesses/acme-widgets/badge.svg&#34;',
    );
  });
});
