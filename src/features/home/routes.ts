import { Router } from "express";
import type { Clock } from "../../clock.js";
import { businessesDb } from "../../db/businesses.js";
import type { CategoriesDb } from "../../db/categories.js";
import type { Db } from "../../db/open.js";
import { siteCountsDb } from "../../db/site-counts.js";
import { businessCard } from "../businesses/present.js";
import type { Complaints } from "../complaints/complaints.js";
import { listItem } from "../complaints/present.js";

export function homeRoutes(deps: { db: Db; complaints: Complaints; categories: CategoriesDb; clock: Clock }): Router {
  const businesses = businessesDb(deps.db);
  const siteCounts = siteCountsDb(deps.db);
  const router = Router();
  router.get("/", (_req, res) => {
    const now = deps.clock.now();
    res.render("home/index", {
      title: "Complaints, answered in public",
      description:
        "File a complaint against a business by name, follow it to an outcome, and see how each business answers its customers.",
      totals: siteCounts.all(),
      categories: deps.categories.all(),
      recent: deps.complaints.recentPublic(8).map((c) => listItem(c, deps.categories, now)),
      topBusinesses: businesses
        .mostComplainedRecently(5)
        .map(({ business, recent }) => ({ ...businessCard(business), recent })),
    });
  });
  return router;
}
