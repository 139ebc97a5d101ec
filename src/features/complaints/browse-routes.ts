import { TAGS } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import type { Services } from "../../services.js";
import { formValues } from "../../web/forms.js";
import { filterChoices } from "./browse.js";
import { listItem } from "./list-item.js";

const TITLE = "All complaints";
const DESCRIPTION = "Every public complaint on Redress, newest first, by business, category, status and date.";

/** GET /complaints: every public complaint, newest first, filtered, in keyset pages. */
export function browsePages(deps: Pick<Services, "browse" | "categories" | "clock">) {
  const { browse, categories, clock } = deps;

  const complaintList = (req: Request, res: Response) => {
    const parsed = browse.parse(req.query);
    const form = { ...filterChoices(categories), values: formValues(req.query) };
    if ("errors" in parsed) {
      // A broken or hand-made link: the page says what is wrong, at the field, and lists nothing.
      return res.status(400).render("complaints/index", {
        title: TITLE,
        description: DESCRIPTION,
        ...form,
        errors: parsed.errors,
        list: undefined,
      });
    }
    pageShows(res, [TAGS.complaints]);
    const list = browse.page("/complaints", parsed);
    const now = clock.now();
    res.render("complaints/index", {
      title: parsed.business ? `Complaints about ${parsed.business.name}` : TITLE,
      description: DESCRIPTION,
      ...form,
      // The business as the form shows it: its name, whatever the link carried.
      values: { ...form.values, business: parsed.business?.name ?? "" },
      errors: {},
      anyFilter: parsed.any,
      list: { ...list, complaints: list.complaints.map((c) => listItem(c, categories, now)) },
    });
  };

  return { complaintList };
}
