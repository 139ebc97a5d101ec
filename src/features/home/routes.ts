import { TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import type { Services } from "../../services.js";
import { businessCard } from "../businesses/present.js";
import { listItem } from "../complaints/list-item.js";

export function homePages(deps: Pick<Services, "home" | "categories" | "clock">) {
  const { home, categories } = deps;
  const homePage = (_req: Request, res: Response) => {
    const now = deps.clock.now();
    pageShows(res, [TAGS.home]);
    res.render("home/index", {
      title: "Complaints, answered in public",
      description:
        "File a complaint against a business by name, follow it to an outcome, and see how each business answers its customers.",
      totals: home.totals(),
      categories: categories.all(),
      recent: home.recentComplaints(8).map((c) => listItem(c, categories, now)),
      topBusinesses: home.busiestBusinesses(5).map(({ business, recent }) => ({ ...businessCard(business), recent })),
    });
  };
  return { homePage };
}
