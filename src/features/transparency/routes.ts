import { TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import { z } from "zod";
import type { Services } from "../../services.js";
import { parseMonth } from "./transparency.js";

/** Anything else in the query is ignored: a bad month shows all time, a bad cursor the newest page. */
const transparencyQuery = z.object({
  month: z.string().optional().transform(parseMonth).catch(undefined),
  before: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});

/** /transparency: the live figures of moderation and the public moderation log. */
export function transparencyPages(deps: Pick<Services, "transparency">) {
  const transparencyPage = (req: Request, res: Response) => {
    const query = transparencyQuery.parse(req.query);
    pageShows(res, [TAGS.moderation]);
    res.render("transparency/index", {
      title: "Transparency",
      description:
        "Live figures of moderation on Redress: reports received and acted on, removals and restorations by rule, redactions, claims and suspensions, and the public moderation log.",
      figures: deps.transparency.figures(query.month),
      log: deps.transparency.log(query.before),
    });
  };
  return { transparencyPage };
}
