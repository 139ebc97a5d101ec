import { TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import { named } from "../../web/route-table.js";
import { MODERATION_REASONS } from "../moderation/reasons.js";

/**
 * The rules and the promises, in the open: community rules, how moderation works, privacy, terms,
 * contact. /about/figures (how the figures are worked out) lives with the figures.
 */
export function aboutPages(deps: { contactEmail: string | undefined }) {
  const page = (view: string, title: string, description: string, extra: Record<string, unknown> = {}) =>
    named(`${view}Page`, (_req: Request, res: Response) => {
      pageShows(res, [TAGS.fixed]);
      res.render(`about/${view}`, { title, description, ...extra });
    });
  return {
    rulesPage: page("rules", "Community rules", "What may be posted on Redress, what moderators remove and why.", {
      reasons: MODERATION_REASONS,
    }),
    moderationPage: page(
      "moderation",
      "How moderation works",
      "How reports are handled on Redress, who decides, what a removal looks like, and how it can be undone.",
    ),
    privacyPage: page(
      "privacy",
      "Privacy",
      "What Redress shows publicly, what it keeps private and from whom, what it keeps and for how long, and how to export or delete your data.",
    ),
    termsPage: page("terms", "Terms of use", "The terms of using Redress, for consumers and for businesses."),
    contactPage: page("contact", "Contact", "How to reach the people who run Redress.", {
      contactEmail: deps.contactEmail,
    }),
  };
}
