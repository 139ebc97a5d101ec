import { Router } from "express";
import type { Clock } from "../../clock.js";
import { businessesDb } from "../../db/businesses.js";
import type { CategoriesDb } from "../../db/categories.js";
import { complaintsDb } from "../../db/complaints.js";
import { figuresDb } from "../../db/figures.js";
import type { Db } from "../../db/open.js";
import { PAGE_SIZE, parsePage } from "../../lib/pagination.js";
import { NotFound } from "../../web/errors.js";
import { businessCard } from "../businesses/present.js";
import { listItem } from "../complaints/present.js";

export function categoriesRoutes(deps: { db: Db; categories: CategoriesDb; clock: Clock }): Router {
  const { categories, clock } = deps;
  const businesses = businessesDb(deps.db);
  const complaints = complaintsDb(deps.db);
  const figures = figuresDb(deps.db);
  const router = Router();

  router.get("/categories", (_req, res) => {
    res.render("categories/index", {
      title: "Categories",
      description: "Complaints on Redress by category.",
      categories: categories.all(),
    });
  });

  router.get("/categories/:slug", (req, res) => {
    const category = categories.bySlug(req.params.slug);
    if (!category) throw new NotFound("There is no such category on Redress.", "Category not found");
    const page = parsePage(req.query.page);
    const now = clock.now();
    const rows = complaints.publicByCategory(category.id, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
    const base = `/categories/${category.slug}`;
    res.render("categories/show", {
      title: `${category.name}: complaints and the businesses that answer best`,
      description: `Recent complaints about ${category.name.toLowerCase()}, and the businesses that answer them best.`,
      category,
      ranked: businesses
        .rankedInCategory(category.id, 10)
        .map((b) => ({ ...businessCard(b), responseRate: figures.get(b.id)?.responseRate })),
      complaints: rows.slice(0, PAGE_SIZE).map((c) => listItem(c, categories, now)),
      // One extra row tells whether there is a next page, without counting the category's complaints.
      pagination: {
        prev: page > 1 ? (page === 2 ? base : `${base}?page=${page - 1}`) : undefined,
        next: rows.length > PAGE_SIZE ? `${base}?page=${page + 1}` : undefined,
      },
    });
  });

  return router;
}
