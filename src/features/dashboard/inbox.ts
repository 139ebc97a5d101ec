import type { Business, BusinessesDb } from "../../db/businesses.js";
import { complaintsDb } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";

export const INBOX_TABS = [
  { key: "needs-reply", label: "Needs a reply" },
  { key: "waiting", label: "Waiting on the consumer" },
  { key: "resolved", label: "Resolved" },
  { key: "all", label: "All" },
] as const;
export type InboxTab = (typeof INBOX_TABS)[number]["key"];

export const isInboxTab = (value: unknown): value is InboxTab => INBOX_TABS.some((t) => t.key === value);

/** The read model of a business's dashboard inbox: one tab's page of complaints and its total. */
export function inbox(deps: { db: Db; businesses: BusinessesDb }) {
  const complaints = complaintsDb(deps.db);
  return {
    page(business: Business, tab: InboxTab, limit: number, offset: number) {
      switch (tab) {
        case "needs-reply":
          return {
            rows: complaints.inbox(business.id, "business", limit, offset),
            total: complaints.inboxCount(business.id, "business"),
          };
        case "waiting":
          return {
            rows: complaints.inbox(business.id, "consumer", limit, offset),
            total: complaints.inboxCount(business.id, "consumer"),
          };
        case "resolved": {
          const counts = deps.businesses.statusCounts(business.id);
          return {
            rows: complaints.resolvedByBusiness(business.id, limit, offset),
            total: (counts.resolved ?? 0) + (counts.confirmed ?? 0),
          };
        }
        case "all":
          return {
            rows: complaints.publicByBusiness(business.id, undefined, limit, offset),
            total: business.complaintCount,
          };
      }
    },
  };
}
