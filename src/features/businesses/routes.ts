import { businessTag, TAGS } from "../cache/tags.js";
import { MAX_AGE_SECONDS, pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import type { DirectorySort } from "../../db/businesses.js";
import type { Services } from "../../services.js";
import { normalizeName } from "../../lib/names.js";
import { paginate, PAGE_SIZE, parsePage } from "../../lib/pagination.js";
import { NotFound } from "../../web/errors.js";
import { listItem } from "../complaints/list-item.js";
import { businessCard, businessUrl, compactCard, fileComplaintUrl } from "./present.js";
import { badgeSvg } from "./badge.js";
import { NO_RESPONSE_DAYS } from "../complaints/status.js";
import { isStatus, STATUSES, STATUS_LABELS, type Status } from "../complaints/status.js";

const SORTS: Record<DirectorySort, string> = {
  name: "Name, A to Z",
  complaints: "Most complaints",
  responsive: "Most responsive",
};

const NO_SUCH_BUSINESS =
  "There is no business at this address on Redress. Check the spelling, or search the directory.";

/** A business page's tabs: all its complaints, then one per status, each with its kept count. */
function statusTabs(url: string, all: number, counts: Record<string, number>, current: Status | undefined) {
  return [
    { key: "all", label: "All", count: all, url, current: !current },
    ...STATUSES.map((s) => ({
      key: s,
      label: STATUS_LABELS[s],
      count: counts[s] ?? 0,
      url: `${url}?status=${s}`,
      current: current === s,
    })),
  ];
}

/** The directory, the suggestions as you type, and a business's public page. */
export function businessesPages(
  deps: Pick<Services, "businesses" | "browse" | "categories" | "clock" | "figures" | "team">,
) {
  const { businesses, categories, clock, figures, team } = deps;

  const directory = (req: Request, res: Response) => {
    const q = typeof req.query.q === "string" ? req.query.q.trim().slice(0, 100) : "";
    const sort: DirectorySort =
      req.query.sort === "complaints" || req.query.sort === "responsive" ? req.query.sort : "name";
    const page = parsePage(req.query.page);
    pageShows(res, [TAGS.businesses]);
    const { businesses: rows, total } = businesses.directory(normalizeName(q), sort, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    const mine = team.answersFor(req.user);
    const now = clock.now();
    res.render("businesses/index", {
      title: q ? `Businesses matching “${q}”` : "Businesses",
      description: "Every business on Redress, with how many complaints it has received.",
      q,
      sort,
      sorts: Object.entries(SORTS).map(([value, label]) => ({ value, label })),
      businesses: rows.map((b) => compactCard(b, figures.card(b, now), mine.has(b.id))),
      pagination: paginate("/businesses", { q, sort: sort === "name" ? undefined : sort }, page, total),
    });
  };

  /** Names as you type on the filing form: JSON, cacheable, the best-known businesses first. */
  const suggest = (req: Request, res: Response) => {
    const q = normalizeName(typeof req.query.q === "string" ? req.query.q.slice(0, 100) : "");
    const found = q.length >= 2 ? businesses.directory(q, "complaints", 8, 0).businesses : [];
    pageShows(res, [TAGS.businesses]);
    res.setHeader("Cache-Control", `public, max-age=60, s-maxage=${MAX_AGE_SECONDS}`);
    res.json(found.map((b) => ({ name: b.name, slug: b.slug, complaints: b.complaintCount })));
  };

  const profile = (req: Request, res: Response) => {
    const business = businesses.bySlug(String(req.params.slug));
    if (!business) throw new NotFound(NO_SUCH_BUSINESS, "Business not found");
    pageShows(res, [businessTag(business.id)]);
    const status = isStatus(req.query.status) ? req.query.status : undefined;
    const counts = businesses.statusCounts(business.id);
    const url = businessUrl(business.slug);
    // Keyset pages: the thousandth page of the busiest business costs what its first does.
    const list = deps.browse.listOf(url, { businessId: business.id, status }, req.query);
    const now = clock.now();
    const member = team.answersFor(req.user).has(business.id);
    res.render("businesses/show", {
      title: `${business.name}: complaints`,
      description: `${business.complaintCount} public complaint${business.complaintCount === 1 ? "" : "s"} about ${business.name} on Redress, and how it answers.`,
      business: {
        ...businessCard(business),
        website: business.website,
        websiteLabel: business.website?.replace(/^https?:\/\//, ""),
      },
      tabs: statusTabs(url, business.complaintCount, counts, status),
      status,
      complaints: list.complaints.map((c) => listItem(c, categories, now)),
      pagination: list,
      figures: figures.forBusiness(business, now),
      // A business's own members are not asked to file a complaint about it.
      fileUrl: member ? undefined : fileComplaintUrl(business.slug),
    });
  };

  /**
   * The badge other sites embed: an hour's cache (its figures move slowly), and readable from any
   * origin (helmet's default would keep an <img> on another site from loading it).
   */
  const badge = (req: Request, res: Response) => {
    const business = businesses.bySlug(String(req.params.slug));
    if (!business) throw new NotFound(NO_SUCH_BUSINESS, "Business not found");
    pageShows(res, [businessTag(business.id)]);
    res.setHeader("Content-Type", "image/svg+xml; charset=utf-8");
    res.setHeader("Cache-Control", `public, max-age=3600, s-maxage=${MAX_AGE_SECONDS}`);
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.send(badgeSvg(business.name, figures.card(business, clock.now()), NO_RESPONSE_DAYS));
  };

  return { directory, suggest, profile, badge };
}
