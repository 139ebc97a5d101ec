import { SEARCH_SQL } from "../src/db/search.js";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { textOf } from "./support/browser.js";
import { makeTestApp } from "./support/app.js";
import { complaintTitles as resultTitles, links, section } from "./support/page.js";

async function seeded() {
  const t = makeTestApp();
  const dana = await t.user();
  t.complaint(dana.id, {
    businessName: "Bluebird Airlines",
    title: "Lost luggage on a flight to Denver",
    body: "My suitcase never arrived. The airline says it is still searching for it after two weeks of waiting.",
    categoryId: 2,
  });
  t.complaint(dana.id, {
    businessName: "Zenith Bank",
    title: "Charged twice for one transfer",
    body: "The bank charged me twice and refuses a refund. They mentioned luggage insurance I never bought, oddly.",
    categoryId: 1,
  });
  t.complaint(dana.id, {
    businessName: "Café Müller",
    title: "Cold coffee and rude staff",
    body: "I asked for hot coffee three times and was told to leave. The café refunded nothing at all, sadly.",
    categoryId: 4,
  });
  return { t, dana };
}

describe("search", () => {
  it("finds complaints by their words, newest first, with marked snippets", async () => {
    const { t } = await seeded();
    const res = await t.browser().get("/search?q=luggage");
    expect(res.status).toBe(200);
    // The story that mentions luggage was filed after the one with it in its title: it comes first.
    expect(resultTitles(res.text)).toEqual(["Charged twice for one transfer", "Lost luggage on a flight to Denver"]);
    expect(res.text).toContain("<mark>luggage</mark>");
    expect(textOf(res)).toContain("2 complaints found");
  });

  it("stems English words and folds accents", async () => {
    const { t } = await seeded();
    expect(resultTitles((await t.browser().get("/search?q=refunding")).text)).toHaveLength(2); // refund, refunded
    expect(resultTitles((await t.browser().get("/search?q=cafe")).text)).toEqual(["Cold coffee and rude staff"]);
    expect(resultTitles((await t.browser().get("/search?q=muller")).text)).toEqual(["Cold coffee and rude staff"]); // the business's name
  });

  it("filters by status, category and business", async () => {
    const { t } = await seeded();
    expect(resultTitles((await t.browser().get("/search?q=refund&category=customer-service")).text)).toEqual([
      "Cold coffee and rude staff",
    ]);
    expect(resultTitles((await t.browser().get("/search?q=refund&business=zenith-bank")).text)).toEqual([
      "Charged twice for one transfer",
    ]);
    expect(resultTitles((await t.browser().get("/search?q=refund&status=resolved")).text)).toEqual([]);
    expect(resultTitles((await t.browser().get("/search?q=refund&status=open")).text)).toHaveLength(2);
  });

  it("escapes what it highlights", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    t.complaint(dana.id, {
      businessName: "Evil Corp",
      title: "Script <script>alert(1)</script> in the form",
      body: "They put <b>bold</b> markup and <img src=x onerror=alert(1)> in the refund email, really.",
    });
    const res = await t.browser().get("/search?q=refund+script");
    expect(res.text).toContain("&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;");
    expect(res.text).not.toContain("<script>alert");
    expect(res.text).not.toContain("<img src=x");
    expect(res.text).toContain("<mark>refund</mark>");
  });

  it.each([
    '"',
    "'",
    '"unbalanced',
    "(",
    ")",
    "((a)",
    "*",
    "-",
    "+",
    "a*",
    "*a",
    "NEAR(a b)",
    "a AND OR NOT b",
    "title:x",
    "{x}",
    "^x",
    "\\",
    "%",
    "_",
    "x".repeat(10_000),
    "🙂",
    "\u0000",
    "'; DROP TABLE complaints; --",
    "a".repeat(3) + " " + "b ".repeat(200),
  ])("answers the hostile query %j without a 500", async (q) => {
    const { t } = await seeded();
    const res = await t.browser().get(`/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(t.count("complaints")).toBe(3);
  });

  it("treats the user's words as words, not operators", async () => {
    const { t } = await seeded();
    expect(resultTitles((await t.browser().get(`/search?q=${encodeURIComponent("coffee OR luggage")}`)).text)).toEqual(
      [],
    ); // "or" is a word too
    expect(resultTitles((await t.browser().get(`/search?q=${encodeURIComponent('"hot coffee"')}`)).text)).toEqual([
      "Cold coffee and rude staff",
    ]);
  });

  it("lists matching businesses by name", async () => {
    const { t } = await seeded();
    const res = await t.browser().get("/search?q=zenith");
    expect(links(section(res, "Businesses")).map((l) => l.name)).toContain("Zenith Bank");
  });

  it("keeps pending complaints out until they are published", async () => {
    const t = makeTestApp();
    const pat = await t.user({ email: "pat@example.com", verified: false });
    t.complaint(pat.id, { title: "A hidden gem of a complaint", businessName: "Secret Co" });
    expect(resultTitles((await t.browser().get("/search?q=gem")).text)).toEqual([]);
    await t.browser().get(await t.verificationLink("pat@example.com"));
    expect(resultTitles((await t.browser().get("/search?q=gem")).text)).toEqual(["A hidden gem of a complaint"]);
  });

  it("never holds the personal data of a story: its email address, or the address's parts, find nothing", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    t.complaint(dana.id, {
      businessName: "Hooli",
      title: "They sold my address to spammers",
      body: "Write to jane.doe@example.org for the receipts; the shop never answered my letters about it.",
    });
    for (const q of ["jane.doe@example.org", '"jane.doe@example.org"', "jane.doe", "jane", "doe", "example.org"]) {
      const res = await t.browser().get(`/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(resultTitles(res)).toEqual([]);
    }
    // The rest of the story is found, masked.
    const found = await t.browser().get("/search?q=receipts");
    expect(resultTitles(found)).toEqual(["They sold my address to spammers"]);
    expect(found.text).not.toContain("jane");
    expect(t.db.prepare("SELECT title, body FROM complaint_search").all()).toEqual([
      {
        title: "They sold my address to spammers",
        body: "Write to [email removed] for the receipts; the shop never answered my letters about it.",
      },
    ]);
  });

  it("pages its results", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    for (let i = 0; i < 23; i++)
      t.complaint(dana.id, { businessName: "Many Co", title: `Broken kettle number ${i} here` });
    const first = await t.browser().get("/search?q=kettle");
    expect(resultTitles(first.text)).toHaveLength(20);
    expect(first.text).toContain('rel="next" href="/search?q=kettle&amp;page=2"');
    expect(resultTitles((await t.browser().get("/search?q=kettle&page=2")).text)).toHaveLength(3);
  });
});

describe("business suggestions", () => {
  it("returns matching businesses as JSON, best known first", async () => {
    const { t, dana } = await seeded();
    t.complaint(dana.id, { businessName: "Blue Sky Travel", title: "Trip cancelled without notice" });
    t.complaint(dana.id, {
      businessName: "Bluebird Airlines",
      businessChoice: "bluebird-airlines",
      title: "Another lost bag at the airport",
    });
    const res = await t.browser().get("/businesses/suggest?q=blue");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(res.body).toEqual([
      { name: "Bluebird Airlines", slug: "bluebird-airlines", complaints: 2 },
      { name: "Blue Sky Travel", slug: "blue-sky-travel", complaints: 1 },
    ]);
    expect((await t.browser().get("/businesses/suggest?q=b")).body).toEqual([]);
    expect((await t.browser().get(`/businesses/suggest?q=${encodeURIComponent('"(*')}`)).status).toBe(200);
  });

  it("is offered on the filing form by a script the CSP allows, and the form works without it", async () => {
    const { t, dana } = await seeded();
    const form = await (await t.logIn(dana)).get("/complaints/new");
    expect(form.text).toMatch(/<script src="\/static\/suggest\.js\?v=[0-9a-f]+" defer><\/script>/);
    expect(form.text).toContain('data-suggest="/businesses/suggest"');
    expect((await t.browser().get("/static/suggest.js")).status).toBe(200);
  });
});

describe("beyond the site", () => {
  const parser = new XMLParser({ ignoreAttributes: false, textNodeName: "text" });
  const text = (node: unknown) => (typeof node === "object" && node !== null ? (node as { text: string }).text : node);

  it("publishes recent complaints as a valid Atom feed", async () => {
    const { t } = await seeded();
    const res = await t.browser().get("/feed.xml");
    expect(res.headers["content-type"]).toMatch(/application\/atom\+xml/);
    const feed = parser.parse(res.text).feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("http://redress.test/feed.xml");
    expect(feed.entry).toHaveLength(3);
    expect(text(feed.entry[0].title)).toBe("Café Müller: Cold coffee and rude staff");
    expect(feed.entry[0].link["@_href"]).toMatch(/^http:\/\/redress\.test\/complaints\/3-cold-coffee-and-rude-staff$/);
  });

  it("publishes a business's complaints and its answers as a feed", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    t.clock.advance(60_000);
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "We are sorry, refund sent." },
      { from: b.complaintPath },
    );
    const feed = parser.parse((await t.browser().get("/businesses/acme-widgets/feed.xml")).text).feed;
    const titles = (Array.isArray(feed.entry) ? feed.entry : [feed.entry]).map((e: { title: unknown }) =>
      text(e.title),
    );
    expect(titles).toEqual([
      "Acme Widgets replied to: Charged twice for one order, no refund",
      "Acme Widgets: Charged twice for one order, no refund",
    ]);
    expect((await t.browser().get("/businesses/nope/feed.xml")).status).toBe(404);
  });

  it("keeps the text of feed entries text", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    t.complaint(dana.id, { businessName: "Evil Corp", title: "Sneaky <img src=x onerror=alert(1)> title" });
    const entry = parser.parse((await t.browser().get("/feed.xml")).text).feed.entry;
    expect(text(entry.title)).toBe("Evil Corp: Sneaky &lt;img src=x onerror=alert(1)&gt; title");
  });

  it("lists public pages in the sitemap, and robots.txt points to it", async () => {
    const { t } = await seeded();
    const map = parser.parse((await t.browser().get("/sitemap.xml")).text).urlset;
    const locs = map.url.map((u: { loc: string }) => u.loc);
    expect(locs).toContain("http://redress.test/");
    expect(locs).toContain("http://redress.test/businesses/zenith-bank");
    expect(locs).toContain("http://redress.test/complaints/1-lost-luggage-on-a-flight-to-denver");
    expect(locs).toHaveLength(4 + 3 + 3);
    const robots = (await t.browser().get("/robots.txt")).text;
    expect(robots).toContain("Sitemap: http://redress.test/sitemap.xml");
    expect(robots).toContain("Disallow: /dashboard");
  });

  it("becomes a sitemap index once over the limit of URLs per file", async () => {
    const t = makeTestApp({ sitemapLimit: 4 });
    const dana = await t.user();
    for (let i = 0; i < 6; i++)
      t.complaint(dana.id, { businessName: `Company ${i}`, title: `A complaint number ${i} here` });
    const index = parser.parse((await t.browser().get("/sitemap.xml")).text).sitemapindex;
    const files = index.sitemap.map((s: { loc: string }) => s.loc.replace("http://redress.test", ""));
    expect(files).toEqual([
      "/sitemaps/businesses-1.xml",
      "/sitemaps/businesses-2.xml",
      "/sitemaps/businesses-3.xml",
      "/sitemaps/complaints-1.xml",
      "/sitemaps/complaints-2.xml",
    ]);
    const all: string[] = [];
    for (const file of files) {
      const set = parser.parse((await t.browser().get(file)).text).urlset;
      const urls = Array.isArray(set.url) ? set.url : [set.url];
      expect(urls.length).toBeLessThanOrEqual(4);
      all.push(...urls.map((u: { loc: string }) => u.loc));
    }
    expect(new Set(all).size).toBe(4 + 6 + 6);
    expect((await t.browser().get("/sitemaps/complaints-9.xml")).status).toBe(404);
  });

  it("gives every page a description, a canonical link and Open Graph tags, and complaints structured data", async () => {
    const { t } = await seeded();
    for (const path of [
      "/",
      "/businesses",
      "/businesses/zenith-bank",
      "/search",
      "/about/figures",
      "/categories/other",
    ]) {
      const html = (await t.browser().get(path)).text;
      expect(html).toMatch(/<meta name="description" content="[^"]+">/);
      expect(html).toContain(`<link rel="canonical" href="http://redress.test${path}">`);
      expect(html).toMatch(/<meta property="og:title" content="[^"]+">/);
    }
    const complaint = (await t.browser().get("/complaints/2-charged-twice-for-one-transfer")).text;
    expect(complaint).toContain('<meta property="og:type" content="article">');
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(complaint)![1]!;
    const data = JSON.parse(json);
    expect(data).toMatchObject({
      "@type": "DiscussionForumPosting",
      headline: "Charged twice for one transfer",
      about: { "@type": "Organization", name: "Zenith Bank" },
    });
  });

  it("keeps structured data from closing its script element", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    const path = await t.complaintPath(
      t.complaint(dana.id, {
        businessName: "Evil Corp",
        title: "Closing tags </script><script>alert(1)</script> here",
        body: "A story that tries to break out of the JSON with </script> and more words.",
      }),
    );
    const html = (await t.browser().get(path)).text;
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json).headline).toBe("Closing tags </script><script>alert(1)</script> here");
    expect(html).not.toContain("<script>alert(1)");
  });
});

describe("search at any size", () => {
  it("plans every search query inside the index, newest first: no scan of complaints, no sort", () => {
    const t = makeTestApp();
    const params = {
      query: '"refund"',
      status: null,
      category_id: 1,
      business_id: 2,
      from: 0,
      to: 1e15,
      limit: 20,
      offset: 0,
      cap: 1001,
    };
    for (const [name, sql] of Object.entries(SEARCH_SQL)) {
      const used = Object.fromEntries(Object.entries(params).filter(([key]) => sql.includes(`@${key}`)));
      const plan = (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[])
        .map((r) => r.detail)
        .join("\n");
      expect(plan, name).toContain("SCAN complaint_search VIRTUAL TABLE");
      expect(plan, name).toContain("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)");
      expect(plan, name).not.toMatch(/TEMP B-TREE|SCAN c\b|SCAN complaints/);
    }
  });
});
