import type { BusinessesDb } from "../../db/businesses.js";
import type { SiteCountsDb } from "../../db/site-counts.js";
import { dayNumber } from "../../lib/dates.js";

/**
 * Every count a page shows about public complaints, changed here and only here, always inside the
 * transaction of the change being counted (never recounted per request).
 */
export function complaintCounts(businesses: BusinessesDb, site: SiteCountsDb) {
  return {
    /** A complaint became public. */
    published(c: { businessId: number; status: string; publishedAt: number }) {
      const business = businesses.byId(c.businessId)!;
      if (business.complaintCount === 0 && business.claimedAt === null) site.bump("businesses", 1); // now listed
      businesses.addPublishedComplaint(c.businessId, c.publishedAt);
      businesses.bumpStatusCount(c.businessId, c.status, 1);
      businesses.bumpDailyCount(dayNumber(c.publishedAt), c.businessId, 1);
      site.bump("complaints", 1);
    },
    /** A public complaint moved from one status to another. */
    statusChanged(businessId: number, from: string, to: string) {
      if (from === to) return;
      businesses.bumpStatusCount(businessId, from, -1);
      businesses.bumpStatusCount(businessId, to, 1);
    },
  };
}
