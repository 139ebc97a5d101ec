import { TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import { DISPLAY_STATUSES, STATUS_DESCRIPTIONS, STATUS_LABELS } from "../complaints/status.js";
import { TOO_FEW_LABEL, VERDICT_MIN_COMPLAINTS, VERDICT_THRESHOLDS, VERDICT_WEIGHTS } from "./verdict.js";

/** The verdict's levels as the page states them: "Good: 65 to 79". */
const verdictLevels = VERDICT_THRESHOLDS.map((t, i) => {
  const above = VERDICT_THRESHOLDS[i - 1];
  const range =
    i === 0 ? `${t.from} or more` : t.from === 0 ? `under ${above!.from}` : `${t.from} to ${above!.from - 1}`;
  return { key: t.key, label: t.label, range };
});

/** /about/figures: how every figure is defined. The text there and read.ts must tell the same story. */
export function figuresPages() {
  const aboutFigures = (_req: Request, res: Response) => {
    pageShows(res, [TAGS.fixed]);
    res.render("about/figures", {
      title: "How the figures are worked out",
      description:
        "Exactly how Redress computes each business's verdict, response rate, time to first response, resolution rates, rating and would-return rate.",
      verdict: {
        weights: VERDICT_WEIGHTS,
        levels: verdictLevels,
        minComplaints: VERDICT_MIN_COMPLAINTS,
        tooFew: TOO_FEW_LABEL,
      },
      statuses: DISPLAY_STATUSES.map((key) => ({
        key,
        label: STATUS_LABELS[key],
        description: STATUS_DESCRIPTIONS[key],
      })),
    });
  };
  return { aboutFigures };
}
