import type { BusinessesDb } from "../../db/businesses.js";
import type { Db } from "../../db/open.js";
import { siteCountsDb } from "../../db/site-counts.js";
import type { Complaints } from "../complaints/complaints.js";

/** The read model of the home page: the site's kept totals, the newest complaints, the busiest businesses. */
export function homePage(deps: { db: Db; complaints: Complaints; businesses: BusinessesDb }) {
  const siteCounts = siteCountsDb(deps.db);
  return {
    totals: () => siteCounts.all(),
    recentComplaints: (limit: number) => deps.complaints.recentPublic(limit),
    busiestBusinesses: (limit: number) => deps.businesses.mostComplainedRecently(limit),
  };
}
