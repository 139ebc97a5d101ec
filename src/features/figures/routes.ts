import { TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";

/** /about/figures: how every figure is defined. The text there and read.ts must tell the same story. */
export function figuresPages() {
  const aboutFigures = (_req: Request, res: Response) => {
    pageShows(res, [TAGS.fixed]);
    res.render("about/figures", {
      title: "How the figures are worked out",
      description:
        "Exactly how Redress computes each business's response rate, time to first response, resolution rates, rating and would-return rate.",
    });
  };
  return { aboutFigures };
}
