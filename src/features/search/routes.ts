import { Router } from "express";
import type { Clock } from "../../clock.js";
import { businessesDb } from "../../db/businesses.js";
import type { CategoriesDb } from "../../db/categories.js";
import type { Db } from "../../db/open.js";
import { COUNT_CAP, searchDb } from "../../db/search.js";
import { formatDate } from "../../lib/dates.js";
import { normalizeName } from "../../lib/names.js";
import { paginate, PAGE_SIZE, parsePage } from "../../lib/pagination.js";
import { ftsQuery, highlightTerms, markWords, snippetOf } from "../../lib/search-query.js";
import { businessCard, businessUrl } from "../businesses/present.js";
import { complaintUrl } from "../complaints/present.js";
import { displayStatus, isStatus, STATUS_LABELS, STATUSES } from "../complaints/status.js";

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** GET /search: complaints by what they say (FTS5, ranked, highlighted) and businesses by name. */
export function searchRoutes(deps: { db: Db; categories: CategoriesDb; clock: Clock }): Router {
  const { categories, clock } = deps;
  const search = searchDb(deps.db);
  const businesses = businessesDb(deps.db);
  const router = Router();

  router.get("/search", (req, res) => {
    const q = text(req.query.q).trim();
    const status = isStatus(req.query.status) ? req.query.status : null;
    const category = categories.bySlug(text(req.query.category)) ?? null;
    const business = text(req.query.business) ? (businesses.bySlug(text(req.query.business)) ?? null) : null;
    const page = parsePage(req.query.page);
    const query = ftsQuery(q);
    const filters = { status, categoryId: category?.id ?? null, businessId: business?.id ?? null };
    const now = clock.now();
    const terms = highlightTerms(q);
    const hits = query ? search.complaints(query, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE) : [];
    const total = query ? search.count(query, filters) : 0;
    const normalized = normalizeName(q).slice(0, 100);
    const matchingBusinesses =
      normalized.length >= 3 && page === 1 && !business
        ? businesses.directory(normalized, "complaints", 5, 0).businesses
        : [];
    res.render("search/index", {
      title: q ? `Search: ${q.slice(0, 60)}` : "Search complaints",
      description: "Search every public complaint on Redress by what it says, and find businesses by name.",
      q: q.slice(0, 500),
      searched: q !== "",
      hasWords: query !== undefined,
      status,
      category: category?.slug ?? "",
      business: business ? { slug: business.slug, name: business.name } : undefined,
      statuses: STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
      categories: categories.all(),
      total,
      totalText:
        total > COUNT_CAP
          ? `More than ${COUNT_CAP.toLocaleString("en")} complaints`
          : `${total.toLocaleString("en")} complaint${total === 1 ? "" : "s"}`,
      businesses: matchingBusinesses.map(businessCard),
      results: hits.map((h) => {
        const badge = displayStatus(h, now);
        return {
          url: complaintUrl(h),
          title: markWords(h.publicTitle, terms),
          snippet: snippetOf(h.publicBody, terms),
          businessName: h.businessName,
          businessUrl: businessUrl(h.businessSlug),
          category: categories.byId(h.categoryId)?.name ?? "",
          status: { key: badge, label: STATUS_LABELS[badge] },
          date: { iso: new Date(h.publishedAt).toISOString(), text: formatDate(h.publishedAt) },
        };
      }),
      pagination: paginate(
        "/search",
        { q: q.slice(0, 500), status: status ?? undefined, category: category?.slug, business: business?.slug },
        page,
        total,
      ),
    });
  });

  return router;
}
