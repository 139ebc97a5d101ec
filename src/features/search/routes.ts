import { TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import { COUNT_CAP } from "../../db/search.js";
import { paginate, parsePage } from "../../lib/pagination.js";
import { highlightTerms } from "../../lib/search-query.js";
import type { Services } from "../../services.js";
import { businessCard } from "../businesses/present.js";
import { listItem } from "../complaints/list-item.js";
import { STATUS_LABELS, STATUSES } from "../complaints/status.js";

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** "1 complaint", "20 complaints", or "More than 1,000 complaints" where counting stops. */
const howMany = (total: number) =>
  total > COUNT_CAP
    ? `More than ${COUNT_CAP.toLocaleString("en")} complaints`
    : `${total.toLocaleString("en")} complaint${total === 1 ? "" : "s"}`;

/** GET /search: complaints by what they say (FTS5, ranked, highlighted) and businesses by name. */
export function searchPages(deps: Pick<Services, "search" | "categories" | "clock">) {
  const { categories, clock } = deps;

  const searchPage = (req: Request, res: Response) => {
    const q = text(req.query.q).trim();
    const page = parsePage(req.query.page);
    pageShows(res, [TAGS.complaints, TAGS.businesses]);
    const found = deps.search.run({
      q,
      status: req.query.status,
      category: text(req.query.category),
      business: text(req.query.business),
      page,
    });
    const { status, category, business, hits, total } = found;
    const filters = { status: status ?? undefined, category: category?.slug, business: business?.slug };
    const now = clock.now();
    const terms = highlightTerms(q);
    res.render("search/index", {
      title: q ? `Search: ${q.slice(0, 60)}` : "Search complaints",
      description: "Search every public complaint on Redress by what it says, and find businesses by name.",
      q: q.slice(0, 500),
      searched: q !== "",
      hasWords: found.hasWords,
      status,
      category: category?.slug ?? "",
      business: business ? { slug: business.slug, name: business.name } : undefined,
      statuses: STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
      categories: categories.all(),
      total,
      totalText: howMany(total),
      businesses: found.businesses.map(businessCard),
      results: hits.map((h) => listItem(h, categories, now, { terms })),
      pagination: paginate("/search", { q: q.slice(0, 500), ...filters }, page, total),
    });
  };

  return { searchPage };
}
