import type { Business, BusinessesDb, DirectorySort } from "../../db/businesses.js";
import { ftsPhrase } from "../../db/businesses.js";
import { namesLookAlike, nameSimilarity, normalizeName, slugify } from "../../lib/names.js";
import { parseWebsite } from "../../lib/websites.js";
import { DAY } from "../../clock.js";
import { Conflict, TooMany } from "../../web/errors.js";

/** One account adds at most this many businesses a day (no one has that many grievances). */
const MAX_NEW_BUSINESSES_PER_DAY = 10;

/** The value of `business_choice` that confirms "none of these: create a new business". */
export const NEW_BUSINESS = "new";

export type BusinessForFiling =
  { kind: "found"; business: Business; created: boolean } | { kind: "choose"; candidates: Business[] };

/**
 * Finding or creating the business a complaint names. Call inside the filing transaction: the
 * unique normalized name makes a second business with the same name impossible, even across processes.
 */
export function businessDirectory(businesses: BusinessesDb) {
  /** Up to `limit` existing businesses whose names look like this one, most alike first. */
  function similarTo(normalized: string, limit = 5): Business[] {
    if (normalized.length < 3) return [];
    const grams = new Set<string>();
    for (let i = 0; i + 3 <= normalized.length && grams.size < 40; i++) grams.add(normalized.slice(i, i + 3));
    const query = [...grams].map(ftsPhrase).join(" OR ");
    return businesses
      .similar(query, 40)
      .filter((b) => namesLookAlike(normalized, b.normalizedName))
      .sort((a, b) => nameSimilarity(normalized, b.normalizedName) - nameSimilarity(normalized, a.normalizedName))
      .slice(0, limit);
  }

  function uniqueSlug(name: string): string {
    const base = slugify(name, 60) || "business";
    if (!businesses.slugTaken(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (!businesses.slugTaken(candidate)) return candidate;
    }
  }

  function create(
    name: string,
    website: string | undefined,
    createdBy: number,
    at: number,
  ): { business: Business; created: boolean } {
    const madeToday = businesses.createdBySince(createdBy, at - DAY);
    if (madeToday.count >= MAX_NEW_BUSINESSES_PER_DAY) {
      throw new TooMany(
        Math.ceil((madeToday.oldest! + DAY - at) / 1000),
        "new businesses added from your account today",
      );
    }
    const normalizedName = normalizeName(name);
    const site = website ? parseWebsite(website) : undefined;
    const id = businesses.insert({
      name: name.trim().replace(/\s+/g, " "),
      slug: uniqueSlug(name),
      normalizedName,
      website: site?.url ?? null,
      domain: site?.domain ?? null,
      createdBy,
      at,
    });
    // undefined: another writer created it a moment ago; the complaint goes to that one.
    return id === undefined
      ? { business: businesses.byNormalizedName(normalizedName)!, created: false }
      : { business: businesses.byId(id)!, created: true };
  }

  return {
    similarTo,
    bySlug: (slug: string) => businesses.bySlug(slug),
    byId: (id: number) => businesses.byId(id),
    /** Listed businesses, optionally filtered by (normalized) name: the directory and the suggestions. */
    directory: (normalized: string, sort: DirectorySort, limit: number, offset: number) =>
      businesses.directory(normalized, sort, limit, offset),
    /** The kept count of public complaints in each status. */
    statusCounts: (businessId: number) => businesses.statusCounts(businessId),

    /**
     * `choice` is what the user confirmed on the form: an existing business's slug, NEW_BUSINESS, or
     * nothing yet. A website typed on the form is used only when the business is created here.
     */
    forFiling(input: {
      name: string;
      website?: string | undefined;
      choice?: string | undefined;
      createdBy: number;
      at: number;
    }): BusinessForFiling {
      if (input.choice && input.choice !== NEW_BUSINESS) {
        const chosen = businesses.bySlug(input.choice);
        if (chosen) return { kind: "found", business: chosen, created: false };
      }
      const normalized = normalizeName(input.name);
      // The form says this first; here it keeps every caller from merging "???" and "<>" into one.
      if (normalized === "") throw new Conflict("A business name needs at least one letter or digit.");
      const exact = businesses.byNormalizedName(normalized);
      if (exact) return { kind: "found", business: exact, created: false };
      if (input.choice !== NEW_BUSINESS) {
        const candidates = similarTo(normalized);
        if (candidates.length > 0) return { kind: "choose", candidates };
      }
      return { kind: "found", ...create(input.name, input.website, input.createdBy, input.at) };
    },
  };
}
