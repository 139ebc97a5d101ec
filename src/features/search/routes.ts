import { TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import type { Business } from "../../db/businesses.js";
import { COUNT_CAP } from "../../db/search.js";
import { paginate, parsePage } from "../../lib/pagination.js";
import { highlightTerms } from "../../lib/search-query.js";
import type { Services } from "../../services.js";
import { formValues } from "../../web/forms.js";
import { compactCard } from "../businesses/present.js";
import { filterChoices, withQuery } from "../complaints/browse.js";
import { listItem } from "../complaints/list-item.js";

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** "1 complaint", "20 complaints", or "More than 1,000 complaints" where counting stops. */
const howMany = (total: number) =>
  total > COUNT_CAP
    ? `More than ${COUNT_CAP.toLocaleString("en")} complaints`
    : `${total.toLocaleString("en")} complaint${total === 1 ? "" : "s"}`;

const DESCRIPTION = "Search every public complaint on Redress by what it says, and find businesses by name.";

/**
 * GET /search: complaints by what they say (FTS5, newest first, highlighted) and businesses by name. With
 * filters and no words it lists the filtered complaints newest first, as GET /complaints does; with
 * neither it says how to search. The filters are GET /complaints' own (complaints/browse.ts).
 */
export function searchPages(deps: Pick<Services, "search" | "browse" | "categories" | "clock" | "figures" | "team">) {
  const { browse, categories, clock, figures, team } = deps;

  const searchPage = (req: Request, res: Response) => {
    const q = text(req.query.q).trim().slice(0, 500);
    pageShows(res, [TAGS.complaints, TAGS.businesses]);
    const form = { ...filterChoices(categories), values: formValues(req.query), q };
    const base = { title: q ? `Search: ${q.slice(0, 60)}` : "Search complaints", description: DESCRIPTION, ...form };
    const parsed = browse.parse(req.query);
    if ("errors" in parsed)
      return res.status(400).render("search/index", { ...base, errors: parsed.errors, mode: "error" });

    const now = clock.now();
    const mine = team.answersFor(req.user);
    const card = (b: Business) => compactCard(b, figures.card(b, now), mine.has(b.id));
    const shared = {
      ...base,
      values: { ...form.values, business: parsed.business?.name ?? "" },
      errors: {},
      businessCard: parsed.business ? card(parsed.business) : undefined,
    };
    const page = parsePage(req.query.page);
    const found = deps.search.run({ q, filters: parsed.filters, page });

    if (!found.hasWords) {
      if (!parsed.any) return res.render("search/index", { ...shared, mode: q ? "no-words" : "guide" });
      const filtered = browse.page("/search", parsed, { q });
      return res.render("search/index", {
        ...shared,
        title: "Search complaints: filtered",
        mode: "filtered",
        list: { ...filtered, complaints: filtered.complaints.map((c) => listItem(c, categories, now)) },
      });
    }

    const terms = highlightTerms(q);
    const query = parsed.query;
    const filters = {
      business: query.business,
      category: query.category,
      status: query.status,
      from: query.from,
      to: query.to,
    };
    const active = browse.active("/search", parsed, { q });
    res.render("search/index", {
      ...shared,
      mode: "words",
      active,
      clearUrl: withQuery("/search", { q }),
      total: found.total,
      totalText: howMany(found.total),
      businesses: found.businesses.map(card),
      results: found.hits.map((h) => listItem(h, categories, now, { terms })),
      pagination: paginate("/search", { q, ...filters }, page, found.total),
    });
  };

  return { searchPage };
}
