import type { Category } from "../../db/categories.js";
import type { ComplaintSummary } from "../../db/complaints.js";
import { describeDuration } from "../../lib/dates.js";
import { markWords, snippetOf } from "../../lib/search-query.js";
import { businessUrl } from "../businesses/present.js";
import { badge, complaintUrl, excerptOf, when } from "./present.js";

/** What a list shows of a complaint: a summary row, or a search hit (which has the whole text). */
type Listed = Omit<ComplaintSummary, "excerpt" | "createdAt" | "waitingSince"> & {
  excerpt?: string;
  publicBody?: string;
  createdAt?: number;
  waitingSince?: number | null;
};

/**
 * One complaint in any list (home, business and category pages, my complaints, the dashboard,
 * search results), rendered by views/partials/complaint-list.ejs. Title and excerpt are segments
 * so search can mark the words it matched; elsewhere they are one plain segment.
 */
export function listItem(
  c: Listed,
  categories: { byId(id: number): Category | undefined },
  now: number,
  options: { terms?: readonly string[]; showWait?: boolean } = {},
) {
  const terms = options.terms ?? [];
  const plain = (text: string) => [{ text, hit: false }];
  return {
    url: complaintUrl(c),
    title: terms.length ? markWords(c.publicTitle, terms) : plain(c.publicTitle),
    excerpt: terms.length ? snippetOf(c.publicBody ?? c.excerpt ?? "", terms) : plain(excerptOf(c.excerpt ?? "")),
    businessName: c.businessName,
    businessUrl: businessUrl(c.businessSlug),
    category: categories.byId(c.categoryId)?.name ?? "",
    status: badge(c, now),
    date: when(c.publishedAt ?? c.createdAt ?? now),
    meTooCount: c.meTooCount,
    // "Answered in 3 hours": from publication to the business's first reply, once there is one.
    firstReply:
      c.firstReplyAt != null && c.publishedAt != null
        ? describeDuration(Math.max(0, c.firstReplyAt - c.publishedAt))
        : "",
    // How long the complaint has waited for the business (the dashboard's "Needs a reply" tab).
    waited: options.showWait && c.waitingSince ? describeDuration(now - c.waitingSince) : "",
  };
}
