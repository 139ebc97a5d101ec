import { Router } from "express";
import type { Clock } from "../../clock.js";
import { businessesDb, type DirectorySort } from "../../db/businesses.js";
import type { CategoriesDb } from "../../db/categories.js";
import type { Db } from "../../db/open.js";
import { normalizeName } from "../../lib/names.js";
import { paginate, PAGE_SIZE, parsePage } from "../../lib/pagination.js";
import { NotFound } from "../../web/errors.js";
import type { Complaints } from "../complaints/complaints.js";
import { listItem } from "../complaints/present.js";
import { figuresDb } from "../../db/figures.js";
import { businessFigures } from "./figures.js";
import { businessCard, businessUrl } from "./present.js";
import { isStatus, STATUSES, STATUS_LABELS } from "../complaints/status.js";

const SORTS: Record<DirectorySort, string> = {
  name: "Name, A to Z",
  complaints: "Most complaints",
  responsive: "Most responsive",
};

export function businessesRoutes(deps: {
  db: Db;
  complaints: Complaints;
  categories: CategoriesDb;
  clock: Clock;
}): Router {
  const { complaints, categories, clock } = deps;
  const businesses = businessesDb(deps.db);
  const figures = figuresDb(deps.db);
  const router = Router();

  router.get("/businesses", (req, res) => {
    const q = typeof req.query.q === "string" ? req.query.q.trim().slice(0, 100) : "";
    const sort: DirectorySort =
      req.query.sort === "complaints" || req.query.sort === "responsive" ? req.query.sort : "name";
    const page = parsePage(req.query.page);
    const { businesses: rows, total } = businesses.directory(normalizeName(q), sort, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    res.render("businesses/index", {
      title: q ? `Businesses matching “${q}”` : "Businesses",
      description: "Every business on Redress, with how many complaints it has received.",
      q,
      sort,
      sorts: Object.entries(SORTS).map(([value, label]) => ({ value, label })),
      businesses: rows.map((b) => ({
        ...businessCard(b),
        responseRate: sort === "responsive" ? figures.get(b.id)?.responseRate : undefined,
      })),
      pagination: paginate("/businesses", { q, sort: sort === "name" ? undefined : sort }, page, total),
    });
  });

  /** Names as you type on the filing form: JSON, cacheable, the best-known businesses first. */
  router.get("/businesses/suggest", (req, res) => {
    const q = normalizeName(typeof req.query.q === "string" ? req.query.q.slice(0, 100) : "");
    const found = q.length >= 2 ? businesses.directory(q, "complaints", 8, 0).businesses : [];
    res.setHeader("Cache-Control", "public, max-age=60");
    res.json(found.map((b) => ({ name: b.name, slug: b.slug, complaints: b.complaintCount })));
  });

  router.get("/businesses/:slug", (req, res) => {
    const business = businesses.bySlug(req.params.slug);
    if (!business)
      throw new NotFound(
        "There is no business at this address on Redress. Check the spelling, or search the directory.",
        "Business not found",
      );
    const status = isStatus(req.query.status) ? req.query.status : undefined;
    const page = parsePage(req.query.page);
    const counts = businesses.statusCounts(business.id);
    const total = status ? (counts[status] ?? 0) : business.complaintCount;
    const url = businessUrl(business.slug);
    const now = clock.now();
    res.render("businesses/show", {
      title: `${business.name}: complaints`,
      description: `${business.complaintCount} public complaint${business.complaintCount === 1 ? "" : "s"} about ${business.name} on Redress, and how it answers.`,
      business: {
        ...businessCard(business),
        website: business.website,
        websiteLabel: business.website?.replace(/^https?:\/\//, ""),
      },
      tabs: [
        { key: "all", label: "All", count: business.complaintCount, url, current: !status },
        ...STATUSES.map((s) => ({
          key: s,
          label: STATUS_LABELS[s],
          count: counts[s] ?? 0,
          url: `${url}?status=${s}`,
          current: status === s,
        })),
      ],
      status,
      complaints: complaints
        .publicByBusiness(business.id, status, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .map((c) => listItem(c, categories, now)),
      pagination: paginate(url, { status }, page, total),
      figures: businessFigures({ business, figures, statusCounts: counts, now }),
      fileUrl: `/complaints/new?business=${encodeURIComponent(business.slug)}`,
    });
  });

  return router;
}
