import { businessesDb } from "../../db/businesses.js";
import { complaintEventsDb } from "../../db/complaint-events.js";
import { complaintsDb, type Complaint } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";
import { syndicationDb } from "../../db/syndication.js";
import { complaintAccess, entryVisible } from "../complaints/visibility.js";

export interface FeedEntry {
  complaint: Complaint;
  kind: "complaint" | "reply" | "resolved";
  at: number;
  text: string;
}

/** The read model of feeds and sitemaps: public complaints and the public answers to them. */
export function syndication(deps: { db: Db }) {
  const rows = syndicationDb(deps.db);
  const complaints = complaintsDb(deps.db);
  const events = complaintEventsDb(deps.db);
  const businesses = businessesDb(deps.db);

  const filed = (c: Complaint): FeedEntry => ({
    complaint: c,
    kind: "complaint",
    at: c.publishedAt ?? c.createdAt,
    text: c.publicBody,
  });

  return {
    recentComplaints: (limit: number): FeedEntry[] =>
      complaints
        .recentPublic(limit)
        .map((s) => complaints.byId(s.id)!)
        .filter((c) => complaintAccess(c, undefined) === "full")
        .map(filed),

    business: (slug: string) => businesses.bySlug(slug),

    /** A business's newest complaints and its public answers to them, newest first. */
    businessEntries(businessId: number, limit: number): FeedEntry[] {
      const entries = rows.recentIdsForBusiness(businessId, limit).flatMap((id) => {
        const c = complaints.byId(id)!;
        if (complaintAccess(c, undefined) !== "full") return [];
        const answers = events
          .byComplaint(id)
          .filter((e) => entryVisible(e, c, undefined) && (e.type === "business_reply" || e.type === "resolved"))
          .map((e): FeedEntry => ({
            complaint: c,
            kind: e.type === "resolved" ? "resolved" : "reply",
            at: e.createdAt,
            text: e.publicBody ?? "",
          }));
        return [filed(c), ...answers];
      });
      return entries.sort((a, b) => b.at - a.at).slice(0, limit);
    },

    businessCount: () => rows.businessCount(),
    complaintCount: () => rows.complaintCount(),
    businessPage: (count: number, offset: number) => rows.businessPage(count, offset),
    complaintPage: (count: number, offset: number) => rows.complaintPage(count, offset),
  };
}
