import type { BusinessesDb } from "../../db/businesses.js";
import type { SiteCountsDb } from "../../db/site-counts.js";
import { dayNumber } from "../../lib/dates.js";

export const RECENT_DAYS = 30;

/**
 * Every count a page shows about public complaints, changed here and only here, always inside the
 * transaction of the change being counted (never recounted per request).
 */
export function complaintCounts(businesses: BusinessesDb, site: SiteCountsDb) {
  /**
   * "Recent" means the last RECENT_DAYS UTC days, today included. Rolling forward subtracts the days
   * that left; it runs with every publication and on the server's sweep timer, never on a page view.
   */
  function rollRecentWindow(now: number) {
    const start = dayNumber(now) - RECENT_DAYS + 1;
    const current = businesses.recentWindowStart();
    if (current === undefined || start > current) businesses.rollRecentWindow(current ?? start, start);
  }

  return {
    rollRecentWindow,

    /** A complaint became public. */
    published(c: { businessId: number; status: string; publishedAt: number }) {
      rollRecentWindow(c.publishedAt);
      const business = businesses.byId(c.businessId)!;
      if (business.complaintCount === 0 && business.claimedAt === null) site.bump("businesses", 1); // now listed
      businesses.addPublishedComplaint(c.businessId, c.publishedAt);
      businesses.bumpStatusCount(c.businessId, c.status, 1);
      businesses.bumpDailyCount(dayNumber(c.publishedAt), c.businessId, 1);
      businesses.bumpRecentCount(c.businessId, 1);
      site.bump("complaints", 1);
    },
    /** A business was claimed for the first time: listed now even without complaints. */
    claimed(business: { complaintCount: number }) {
      if (business.complaintCount === 0) site.bump("businesses", 1);
    },

    /** A public complaint moved from one status to another. */
    statusChanged(businessId: number, from: string, to: string) {
      if (from === to) return;
      businesses.bumpStatusCount(businessId, from, -1);
      businesses.bumpStatusCount(businessId, to, 1);
    },
  };
}
