import type { RequestHandler } from "express";
import { HttpError } from "./errors.js";
import { textField } from "./forms.js";

/** A field people never see or fill (views/partials/honeypot.ejs); form-filling bots do. */
const HONEYPOT_FIELD = "fax_number";

/** Refuses any POST whose honeypot is filled, without saying why, before anything is read. */
export const refuseHoneypot: RequestHandler = (req, _res, next) => {
  const value = textField(req.body, HONEYPOT_FIELD);
  if (req.method === "POST" && value !== undefined && value !== "") {
    return next(
      new HttpError(
        400,
        "We couldn't accept this form",
        "Something about this form looked automated, so nothing was saved. Please go back, reload the page and try again.",
      ),
    );
  }
  next();
};
