import { businessTag, TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import { Feed } from "feed";
import type { Services } from "../../services.js";
import { xmlEscape, xmlSafe } from "../../lib/xml.js";
import { NotFound } from "../../web/errors.js";
import { businessUrl } from "../businesses/present.js";
import { complaintUrl, excerptOf } from "../complaints/present.js";
import type { FeedEntry } from "./syndication.js";

/** The sitemap protocol's limit of URLs per file; past it, /sitemap.xml becomes an index. */
const SITEMAP_LIMIT = 50_000;
const FEED_SIZE = 50;

/** Atom feeds, the sitemap and robots.txt: what carries complaints beyond the site. */
export function syndicationPages(deps: Pick<Services, "syndication" | "baseUrl" | "clock">, sitemapLimit?: number) {
  const { baseUrl } = deps;
  const feeds = deps.syndication;
  const limit = sitemapLimit ?? SITEMAP_LIMIT;

  const send = (res: Response, type: string, body: string) => {
    res.type(type).send(body); // its Cache-Control is pageShows' (public for anonymous readers)
  };

  function feed(options: { id: string; title: string; description: string; link: string; entries: FeedEntry[] }) {
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
    // Every string that went in is ours or stored text: strip what XML forbids from the whole document.
    return xmlSafe(f.atom1());
  }

  const siteFeed = (_req: Request, res: Response) => {
    pageShows(res, [TAGS.complaints]);
    send(
      res,
      "application/atom+xml",
      feed({
        id: `${baseUrl}/feed.xml`,
        title: "Redress: recent complaints",
        description: "The newest public complaints on Redress.",
        link: `${baseUrl}/`,
        entries: feeds.recentComplaints(FEED_SIZE),
      }),
    );
  };

  const businessFeed = (req: Request, res: Response) => {
    const business = feeds.business(String(req.params.slug));
    if (!business) throw new NotFound();
    pageShows(res, [businessTag(business.id)]);
    const url = `${baseUrl}${businessUrl(business.slug)}`;
    send(
      res,
      "application/atom+xml",
      feed({
        id: `${url}/feed.xml`,
        title: `${business.name} on Redress`,
        description: `Complaints about ${business.name}, and its answers.`,
        link: url,
        entries: feeds.businessEntries(business.id, FEED_SIZE),
      }),
    );
  };

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
    feeds
      .businessPage(count, offset)
      .map((b) => ({ loc: `${baseUrl}${businessUrl(b.slug)}`, lastmod: b.last_complaint_at }));
  const complaintUrls = (count: number, offset: number) =>
    feeds.complaintPage(count, offset).map((c) => ({
      loc: `${baseUrl}${complaintUrl({ id: c.id, publicTitle: c.public_title })}`,
      lastmod: c.updated_at,
    }));

  const sitemap = (_req: Request, res: Response) => {
    pageShows(res, [TAGS.complaints, TAGS.businesses]);
    const businessTotal = feeds.businessCount();
    const complaintTotal = feeds.complaintCount();
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
  };

  const sitemapFile = (req: Request, res: Response) => {
    pageShows(res, [TAGS.complaints, TAGS.businesses]);
    const match = /^(businesses|complaints)-(\d{1,6})\.xml$/.exec(String(req.params.file));
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
  };

  const robotsTxt = (_req: Request, res: Response) => {
    pageShows(res, [TAGS.fixed]);
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
  };

  return { siteFeed, businessFeed, sitemap, sitemapFile, robotsTxt };
}
