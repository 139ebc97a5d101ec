import { businessCountsDb } from "../../db/business-counts.js";
import type { Business, BusinessesDb } from "../../db/businesses.js";
import { complaintEventsDb } from "../../db/complaint-events.js";
import { complaintsDb } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";
import { describeDuration } from "../../lib/dates.js";

export const INBOX_TABS = [
  { key: "needs-reply", label: "Needs a reply" },
  { key: "waiting", label: "Waiting on the consumer" },
  { key: "resolved", label: "Resolved" },
  { key: "all", label: "All" },
] as const;
export type InboxTab = (typeof INBOX_TABS)[number]["key"];

export const isInboxTab = (value: unknown): value is InboxTab => INBOX_TABS.some((t) => t.key === value);

/** Entries a business writes: its members' names are shown to the team with the business's. */
const BUSINESS_VOICE = new Set(["business_reply", "resolved"]);

/**
 * The read model of a business's dashboard inbox: each tab's count (kept counts, never a count of
 * rows per view), one tab's page of complaints, and who wrote last on each.
 */
export function inbox(deps: { db: Db; businesses: BusinessesDb }) {
  const complaints = complaintsDb(deps.db);
  const kept = businessCountsDb(deps.db);
  const events = complaintEventsDb(deps.db);

  function counts(business: Business): Record<InboxTab, number> {
    const waiting = kept.waitingCounts(business.id);
    const statuses = deps.businesses.statusCounts(business.id);
    return {
      "needs-reply": waiting.business ?? 0,
      waiting: waiting.consumer ?? 0,
      resolved: (statuses.resolved ?? 0) + (statuses.confirmed ?? 0),
      all: business.complaintCount,
    };
  }

  function rowsOf(business: Business, tab: InboxTab, limit: number, offset: number) {
    switch (tab) {
      case "needs-reply":
        return complaints.inbox(business.id, "business", limit, offset);
      case "waiting":
        return complaints.inbox(business.id, "consumer", limit, offset);
      case "resolved":
        return complaints.resolvedByBusiness(business.id, limit, offset);
      case "all":
        return complaints.publicByBusiness(business.id, undefined, limit, offset);
    }
  }

  return {
    counts,
    page(business: Business, tab: InboxTab, limit: number, offset: number, now: number) {
      const rows = rowsOf(business, tab, limit, offset);
      const last = events.lastEntries(rows.map((r) => r.id));
      return {
        rows: rows.map((row) => {
          const entry = last.get(row.id);
          const who = entry?.actorName ?? "a former member";
          const lastWord = !entry
            ? ""
            : entry.type === "filed"
              ? `Filed by ${who}`
              : BUSINESS_VOICE.has(entry.type)
                ? `Last: ${who} for ${business.name}, ${describeDuration(now - entry.at)} ago`
                : `Last: ${who}, ${describeDuration(now - entry.at)} ago`;
          return { row, lastWord };
        }),
        total: counts(business)[tab],
      };
    },
  };
}
