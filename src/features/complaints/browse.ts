import { z } from "zod";
import { DAY, type Clock } from "../../clock.js";
import type { BusinessesDb } from "../../db/businesses.js";
import type { CategoriesDb } from "../../db/categories.js";
import type { BrowseCursor, BrowseFilters, ComplaintsDb, ComplaintSummary } from "../../db/complaints.js";
import { dateToMs, formatDate, isCalendarDate } from "../../lib/dates.js";
import { normalizeName } from "../../lib/names.js";
import { PAGE_SIZE } from "../../lib/pagination.js";
import { HttpError } from "../../web/errors.js";
import { fieldErrors, type FieldErrors } from "../../web/forms.js";
import { NO_RESPONSE_AFTER, STATUS_LABELS, STATUSES, type DisplayStatus } from "./status.js";

/**
 * The filters of GET /complaints (and of a search with no words): which public complaints, newest
 * first, in keyset pages. One schema, one read model, and the links that drop one filter each.
 */

/** The statuses a list can be filtered by: the life cycle's, and "no response" (open, unanswered in time). */
const FILTER_STATUSES = ["open", "no-response", ...STATUSES.filter((s) => s !== "open")] as const;
type FilterStatus = (typeof FILTER_STATUSES)[number];

/** A page link's cursor: the published time and id of the last complaint of the page before. */
const CURSOR = /^\d{1,15}\.\d{1,15}$/;

const blank = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const date = (message: string) => optional(z.string({ error: message }).refine(isCalendarDate, message));

/** The query string, as links and the filter form send it. A repeated field arrives as an array: refused. */
const browseQuery = z
  .object({
    business: optional(z.string({ error: "Choose one business" }).max(200, "Choose one business")),
    category: optional(z.string({ error: "Choose one category" }).max(100, "Choose one category")),
    status: optional(z.enum(FILTER_STATUSES, { error: "Choose a status from the list" })),
    from: date("Write the first date as YYYY-MM-DD, for example 2026-03-01"),
    to: date("Write the last date as YYYY-MM-DD, for example 2026-03-31"),
    before: optional(
      z
        .string({ error: "This page link is broken: start again from the newest complaints" })
        .regex(CURSOR, "This page link is broken: start again from the newest complaints"),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    message: "The last date must be on or after the first date",
  });

export type BrowseQuery = z.infer<typeof browseQuery>;

const cursorOf = (text: string | undefined): BrowseCursor | undefined => {
  if (!text) return undefined;
  const [at, id] = text.split(".").map(Number);
  return { publishedAt: at!, id: id! };
};

/** A filter in force, as the page lists it: its words, and the address without it. */
export interface ActiveFilter {
  label: string;
  removeUrl: string;
}

/** The address of `path` with these query parameters (empty ones left out), in a fixed order. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The choices of the filter form (views/partials/complaint-filters.ejs). */
export function filterChoices(categories: Pick<CategoriesDb, "all">) {
  return {
    statuses: FILTER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    categories: categories.all().map((c) => ({ value: c.slug, label: c.name })),
  };
}

export function browse(deps: {
  complaints: ComplaintsDb;
  businesses: BusinessesDb;
  categories: CategoriesDb;
  clock: Clock;
}) {
  const { complaints, businesses, categories, clock } = deps;

  /**
   * Reads the query: the filters as the database takes them and the page shows them, or the errors
   * to show (400). `extra` are the other parameters the page keeps in its links (a search's words).
   */
  function parse(query: unknown) {
    const parsed = browseQuery.safeParse(query);
    if (!parsed.success) {
      // The page link's cursor has no field of its own: its message stands alone in the summary.
      const { before, ...errors } = fieldErrors(parsed.error);
      const all: FieldErrors = before ? { form: before, ...errors } : errors;
      return { errors: all };
    }
    const q = parsed.data;
    // A link carries the slug; someone typing in the form writes the name.
    const business = q.business
      ? (businesses.bySlug(q.business) ?? businesses.byNormalizedName(normalizeName(q.business)))
      : undefined;
    const category = q.category ? categories.bySlug(q.category) : undefined;
    const errors: FieldErrors = {};
    if (q.business && !business) errors.business = "There is no business at that address on Redress";
    if (q.category && !category) errors.category = "Choose a category from the list";
    if (Object.keys(errors).length) return { errors };
    return {
      query: q,
      business,
      category,
      filters: filtersOf(q, business?.id, category?.id),
      any: Boolean(q.business || q.category || q.status || q.from || q.to),
    };
  }

  type Parsed = Extract<ReturnType<typeof parse>, { query: BrowseQuery }>;

  function filtersOf(q: BrowseQuery, businessId: number | undefined, categoryId: number | undefined): BrowseFilters {
    const status: FilterStatus | undefined = q.status;
    const from = q.from ? dateToMs(q.from) : 0;
    let to = q.to ? dateToMs(q.to) + DAY : Number.MAX_SAFE_INTEGER;
    // "No response": open, and public for NO_RESPONSE_AFTER or more (status.ts: displayStatus).
    if (status === "no-response") to = Math.min(to, clock.now() - NO_RESPONSE_AFTER + 1);
    return {
      businessId,
      categoryId,
      status: status === "no-response" ? "open" : status,
      from,
      to,
    };
  }

  /** The filters in force, each with the address that drops it (keeping the others and `extra`). */
  function active(path: string, p: Parsed, extra: Record<string, string | undefined> = {}): ActiveFilter[] {
    const q = p.query;
    const kept = { ...extra, business: q.business, category: q.category, status: q.status, from: q.from, to: q.to };
    const without = (key: keyof typeof kept) => withQuery(path, { ...kept, [key]: undefined });
    const list: ActiveFilter[] = [];
    if (p.business) list.push({ label: `Business: ${p.business.name}`, removeUrl: without("business") });
    if (p.category) list.push({ label: `Category: ${p.category.name}`, removeUrl: without("category") });
    if (q.status)
      list.push({ label: `Status: ${STATUS_LABELS[q.status as DisplayStatus]}`, removeUrl: without("status") });
    if (q.from) list.push({ label: `From ${formatDate(dateToMs(q.from))}`, removeUrl: without("from") });
    if (q.to) list.push({ label: `Until ${formatDate(dateToMs(q.to))}`, removeUrl: without("to") });
    return list;
  }

  /**
   * One keyset page of the complaints these filters match: PAGE_SIZE of them, the address of the
   * next (older) page if there is one, and of the newest. `keep` are the parameters its links carry.
   */
  function keysetPage(
    path: string,
    filters: BrowseFilters,
    before: string | undefined,
    keep: Record<string, string | undefined>,
  ) {
    const rows: ComplaintSummary[] = complaints.browse(filters, cursorOf(before), PAGE_SIZE + 1);
    const shown = rows.slice(0, PAGE_SIZE);
    const last = shown.at(-1);
    return {
      complaints: shown,
      next:
        rows.length > PAGE_SIZE && last
          ? withQuery(path, { ...keep, before: `${last.publishedAt}.${last.id}` })
          : undefined,
      first: before ? withQuery(path, keep) : undefined,
    };
  }

  /** One keyset page of /complaints (or a search with no words), with the filters in force. */
  function page(path: string, p: Parsed, extra: Record<string, string | undefined> = {}) {
    const q = p.query;
    const kept = { ...extra, business: q.business, category: q.category, status: q.status, from: q.from, to: q.to };
    return { ...keysetPage(path, p.filters, q.before, kept), active: active(path, p, extra) };
  }

  /**
   * A business's or a category's own list, in keyset pages like /complaints, so its thousandth
   * page costs what its first does. A page link whose cursor is not one of ours is a 400.
   */
  function listOf(
    path: string,
    of: { businessId?: number; categoryId?: number; status?: string },
    query: { before?: unknown },
  ) {
    const before = query.before;
    if (before !== undefined && (typeof before !== "string" || !CURSOR.test(before)))
      throw new HttpError(
        400,
        "This page link is broken",
        "This page link is broken: start again from the newest complaints.",
      );
    const filters: BrowseFilters = {
      businessId: of.businessId,
      categoryId: of.categoryId,
      status: of.status,
      from: 0,
      to: Number.MAX_SAFE_INTEGER,
    };
    return keysetPage(path, filters, before, { status: of.status });
  }

  return { parse, page, active, listOf };
}
