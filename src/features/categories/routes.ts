import { categoryTag, TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import type { Services } from "../../services.js";
import { NotFound } from "../../web/errors.js";
import { businessCard } from "../businesses/present.js";
import { listItem } from "../complaints/list-item.js";

export function categoriesPages(deps: Pick<Services, "categories" | "browse" | "clock" | "figures">) {
  const { categories, clock, figures } = deps;

  const categoryList = (_req: Request, res: Response) => {
    pageShows(res, [TAGS.categories]);
    res.render("categories/index", {
      title: "Categories",
      description: "Complaints on Redress by category.",
      categories: categories.all(),
    });
  };

  const categoryPage = (req: Request, res: Response) => {
    const category = categories.bySlug(String(req.params.slug));
    if (!category) throw new NotFound("There is no such category on Redress.", "Category not found");
    // Its best businesses move with every complaint anywhere in it, as its list does.
    pageShows(res, [categoryTag(category.id), TAGS.categories]);
    const now = clock.now();
    const list = deps.browse.listOf(`/categories/${category.slug}`, { categoryId: category.id }, req.query);
    res.render("categories/show", {
      title: `${category.name}: complaints and the businesses that answer best`,
      description: `Recent complaints about ${category.name.toLowerCase()}, and the businesses that answer them best.`,
      category,
      ranked: categories
        .bestBusinessesIn(category.id, 10)
        .map((b) => ({ ...businessCard(b), responseRate: figures.rankedResponseRate(b.id) })),
      complaints: list.complaints.map((c) => listItem(c, categories, now)),
      pagination: list,
    });
  };

  return { categoryList, categoryPage };
}
