import type { Db } from "./open.js";

/** What feeds and sitemaps read: public complaints and listed businesses, by id ranges. */
export function syndicationDb(db: Db) {
  const complaintCount = db.prepare<[], { n: number }>("SELECT value AS n FROM site_counts WHERE name = 'complaints'");
  const businessCount = db.prepare<[], { n: number }>("SELECT value AS n FROM site_counts WHERE name = 'businesses'");
  const complaintPage = db.prepare<
    { limit: number; offset: number },
    { id: number; public_title: string; updated_at: number }
  >(
    "SELECT id, public_title, updated_at FROM complaints WHERE visibility = 'public' ORDER BY id LIMIT @limit OFFSET @offset",
  );
  const businessPage = db.prepare<
    { limit: number; offset: number },
    { slug: string; last_complaint_at: number | null }
  >(
    "SELECT slug, last_complaint_at FROM businesses WHERE complaint_count > 0 OR claimed_at IS NOT NULL ORDER BY id LIMIT @limit OFFSET @offset",
  );
  const recentForBusiness = db.prepare<{ business_id: number; limit: number }, { id: number }>(
    "SELECT id FROM complaints WHERE business_id = @business_id AND visibility = 'public' ORDER BY published_at DESC, id DESC LIMIT @limit",
  );
  return {
    complaintCount: () => complaintCount.get()!.n,
    businessCount: () => businessCount.get()!.n,
    complaintPage: (limit: number, offset: number) => complaintPage.all({ limit, offset }),
    businessPage: (limit: number, offset: number) => businessPage.all({ limit, offset }),
    recentIdsForBusiness: (businessId: number, limit: number) =>
      recentForBusiness.all({ business_id: businessId, limit }).map((r) => r.id),
  };
}
