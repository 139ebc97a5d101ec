/**
 * What pages show and what writes change, as tags: the page cache (web/page-cache.ts) and any CDN in
 * front (the Surrogate-Key header) drop every page that shows a tag a write changed. A page lists
 * its tags when it renders (web/page-cache.ts: pageShows); a write names what it changed, in its
 * transaction, through PageChanges: the builders below are the one list of who shows what.
 */

/** Told of every write that changes what anonymous pages show, inside the write's transaction. */
export interface PageChanges {
  touched(tags: readonly string[]): void;
  /** For the rare change that shows on pages nobody could list (an author's new name). */
  everything(): void;
}

export const nothingChanges: PageChanges = { touched: () => undefined, everything: () => undefined };

export const TAGS = {
  /** The home page: recent complaints, the most complained about, site totals. */
  home: "home",
  /** Every list of complaints: /complaints, search, feeds, the sitemap. */
  complaints: "complaints",
  /** Every list of businesses: the directory, rankings, suggestions. */
  businesses: "businesses",
  /** The category pages' list and counts. */
  categories: "categories",
  /** Public moderation figures and log. */
  moderation: "moderation",
  /** Pages that change only with a new release (the rules, how figures work). */
  fixed: "fixed",
} as const;

export const businessTag = (id: number) => `business:${id}`;
export const complaintTag = (id: number) => `complaint:${id}`;
export const categoryTag = (id: number) => `category:${id}`;

/** A complaint changed (filed, published, answered, resolved, hidden, redacted, "me too"): where it shows. */
export function complaintTags(c: { id: number; businessId: number; categoryId: number }): string[] {
  return [
    complaintTag(c.id),
    businessTag(c.businessId),
    categoryTag(c.categoryId),
    TAGS.home,
    TAGS.complaints,
    TAGS.businesses,
    TAGS.categories,
  ];
}

/** A business changed (claimed, its website): its page, its complaints' pages, and the lists it is in. */
export function businessTags(b: { id: number }): string[] {
  return [businessTag(b.id), TAGS.businesses, TAGS.home];
}
