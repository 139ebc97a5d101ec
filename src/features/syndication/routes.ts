import { Router, type Response } from "express";
import { Feed } from "feed";
import type { Clock } from "../../clock.js";
import { businessesDb } from "../../db/businesses.js";
import { complaintsDb, type Complaint } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";
import { syndicationDb } from "../../db/syndication.js";
import { xmlEscape } from "../../lib/xml.js";
import { NotFound } from "../../web/errors.js";
import { businessUrl } from "../businesses/present.js";
import { complaintUrl, excerptOf } from "../complaints/present.js";

/** The sitemap protocol's limit of URLs per file; past it, /sitemap.xml becomes an index. */
const SITEMAP_LIMIT = 50_000;
const FEED_SIZE = 50;

/** Atom feeds, the sitemap and robots.txt: what carries complaints beyond the site. */
export function syndicationRoutes(deps: { db: Db; baseUrl: string; clock: Clock; sitemapLimit?: number }): Router {
  const { baseUrl } = deps;
  const limit = deps.sitemapLimit ?? SITEMAP_LIMIT;
  const rows = syndicationDb(deps.db);
  const complaints = complaintsDb(deps.db);
  const businesses = businessesDb(deps.db);
  const router = Router();

  const send = (res: Response, type: string, body: string) => {
    res.type(type).setHeader("Cache-Control", "public, max-age=300");
    res.send(body);
  };

  function feed(options: {
    id: string;
    title: string;
    description: string;
    link: string;
    entries: { complaint: Complaint; kind: "complaint" | "reply" | "resolved"; at: number; text: string }[];
  }) {
    const updated = options.entries[0]?.at ?? deps.clock.now();
    const f = new Feed({
      id: options.id,
      title: options.title,
      description: options.description,
      link: options.link,
      feedLinks: { atom: options.id },
      updated: new Date(updated),
      generator: "Redress",
      copyright: "Complaints are the opinions of the consumers who filed them.",
    });
    for (const e of options.entries) {
      const url = `${baseUrl}${complaintUrl(e.complaint)}`;
      const title =
        e.kind === "complaint"
          ? `${e.complaint.businessName}: ${e.complaint.publicTitle}`
          : `${e.complaint.businessName} ${e.kind === "reply" ? "replied to" : "resolved"}: ${e.complaint.publicTitle}`;
      // The library marks titles and summaries type="html": plain text must be escaped to stay text.
      f.addItem({
        id: e.kind === "complaint" ? url : `${url}#${e.kind}-${e.at}`,
        title: xmlEscape(title),
        link: url,
        date: new Date(e.at),
        published: new Date(e.at),
        description: xmlEscape(excerptOf(e.text, 400)),
        author: [{ name: e.kind === "complaint" ? e.complaint.authorName : e.complaint.businessName }],
      });
    }
    return f.atom1();
  }

  router.get("/feed.xml", (_req, res) => {
    const entries = complaints.recentPublic(FEED_SIZE).map((s) => {
      const c = complaints.byId(s.id)!;
      return { complaint: c, kind: "complaint" as const, at: c.publishedAt ?? c.createdAt, text: c.publicBody };
    });
    send(
      res,
      "application/atom+xml",
      feed({
        id: `${baseUrl}/feed.xml`,
        title: "Redress: recent complaints",
        description: "The newest public complaints on Redress.",
        link: `${baseUrl}/`,
        entries,
      }),
    );
  });

  router.get("/businesses/:slug/feed.xml", (req, res) => {
    const business = businesses.bySlug(req.params.slug);
    if (!business) throw new NotFound();
    const entries = rows.recentIdsForBusiness(business.id, FEED_SIZE).flatMap((id) => {
      const c = complaints.byId(id)!;
      const own = [{ complaint: c, kind: "complaint" as const, at: c.publishedAt ?? c.createdAt, text: c.publicBody }];
      const answers = complaints
        .events(id)
        .filter((e) => e.hiddenAt === null && (e.type === "business_reply" || e.type === "resolved"))
        .map((e) => ({
          complaint: c,
          kind: e.type === "resolved" ? ("resolved" as const) : ("reply" as const),
          at: e.createdAt,
          text: e.publicBody ?? "",
        }));
      return [...own, ...answers];
    });
    entries.sort((a, b) => b.at - a.at);
    const url = `${baseUrl}${businessUrl(business.slug)}`;
    send(
      res,
      "application/atom+xml",
      feed({
        id: `${url}/feed.xml`,
        title: `${business.name} on Redress`,
        description: `Complaints about ${business.name}, and its answers.`,
        link: url,
        entries: entries.slice(0, FEED_SIZE),
      }),
    );
  });

  const urlset = (urls: { loc: string; lastmod?: number | null }[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map(
        (u) =>
          `  <url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${new Date(u.lastmod).toISOString()}</lastmod>` : ""}</url>`,
      )
      .join("\n")}\n</urlset>\n`;
  const fixed = () => [
    { loc: `${baseUrl}/` },
    { loc: `${baseUrl}/businesses` },
    { loc: `${baseUrl}/categories` },
    { loc: `${baseUrl}/about/figures` },
  ];
  const businessUrls = (count: number, offset: number) =>
    rows
      .businessPage(count, offset)
      .map((b) => ({ loc: `${baseUrl}${businessUrl(b.slug)}`, lastmod: b.last_complaint_at }));
  const complaintUrls = (count: number, offset: number) =>
    rows.complaintPage(count, offset).map((c) => ({
      loc: `${baseUrl}${complaintUrl({ id: c.id, publicTitle: c.public_title })}`,
      lastmod: c.updated_at,
    }));

  router.get("/sitemap.xml", (_req, res) => {
    const businessTotal = rows.businessCount();
    const complaintTotal = rows.complaintCount();
    if (fixed().length + businessTotal + complaintTotal <= limit) {
      return send(
        res,
        "application/xml",
        urlset([...fixed(), ...businessUrls(businessTotal, 0), ...complaintUrls(complaintTotal, 0)]),
      );
    }
    const files = [`${baseUrl}/sitemaps/businesses-1.xml`];
    for (let n = 2; n <= Math.ceil((fixed().length + businessTotal) / limit); n++)
      files.push(`${baseUrl}/sitemaps/businesses-${n}.xml`);
    for (let n = 1; n <= Math.ceil(complaintTotal / limit); n++) files.push(`${baseUrl}/sitemaps/complaints-${n}.xml`);
    send(
      res,
      "application/xml",
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${files.map((f) => `  <sitemap><loc>${xmlEscape(f)}</loc></sitemap>`).join("\n")}\n</sitemapindex>\n`,
    );
  });

  router.get("/sitemaps/:file", (req, res) => {
    const match = /^(businesses|complaints)-(\d{1,6})\.xml$/.exec(req.params.file);
    if (!match) throw new NotFound();
    const page = Number(match[2]);
    if (page < 1) throw new NotFound();
    if (match[1] === "complaints") {
      const urls = complaintUrls(limit, (page - 1) * limit);
      if (!urls.length) throw new NotFound();
      return send(res, "application/xml", urlset(urls));
    }
    // The fixed pages lead the first businesses file.
    const head = page === 1 ? fixed() : [];
    const offset = page === 1 ? 0 : (page - 1) * limit - fixed().length;
    const urls = [...head, ...businessUrls(limit - head.length, offset)];
    if (page > 1 && urls.length === 0) throw new NotFound();
    send(res, "application/xml", urlset(urls));
  });

  router.get("/robots.txt", (_req, res) => {
    send(
      res,
      "text/plain",
      [
        "User-agent: *",
        "Disallow: /dashboard",
        "Disallow: /admin",
        "Disallow: /settings",
        "Disallow: /complaints/new",
        "Disallow: /complaints/mine",
        "Disallow: /login",
        "Disallow: /signup",
        "Disallow: /search",
        "",
        `Sitemap: ${baseUrl}/sitemap.xml`,
        "",
      ].join("\n"),
    );
  });

  return router;
}
