import { Router, type Request, type Response } from "express";
import type { Clock } from "../../clock.js";
import type { Business } from "../../db/businesses.js";
import type { CategoriesDb } from "../../db/categories.js";
import { formatDate, latestPossibleToday } from "../../lib/dates.js";
import { CURRENCIES } from "../../lib/money.js";
import { paginate, PAGE_SIZE, parsePage } from "../../lib/pagination.js";
import { describeMasking } from "../../lib/personal-data.js";
import { requireLogin } from "../../web/current-user.js";
import { Forbidden, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import { NEW_BUSINESS, type BusinessDirectory } from "../businesses/businesses.js";
import type { ComplaintEvent, Complaints } from "./complaints.js";
import {
  complaintForm,
  confirmForm,
  DESIRED_OUTCOMES,
  disputeForm,
  OUTCOME_LABELS,
  replyForm,
  RESOLUTION_LABELS,
  resolveForm,
  updateForm,
} from "./forms.js";
import type { ComplaintAction } from "./permissions.js";
import type { RateLimits } from "../../web/rate-limits.js";
import { complaintJsonLd, complaintPage, complaintUrl, listItem } from "./present.js";

interface Deps {
  complaints: Complaints;
  businesses: BusinessDirectory;
  categories: CategoriesDb;
  clock: Clock;
  baseUrl: string;
  /** Tells the other side of the conversation, after the commit. */
  notify: (events: readonly ComplaintEvent[]) => Promise<void>;
  limits: RateLimits;
}

/** "/complaints/123-some-title" or "/complaints/123" -> 123. */
function complaintId(ref: unknown): number {
  const match = /^(\d{1,15})(?:-[^/]*)?$/.exec(typeof ref === "string" ? ref : "");
  if (!match) throw new NotFound();
  return Number(match[1]);
}

export function complaintsRoutes(deps: Deps): Router {
  const { complaints, businesses, categories, clock, notify } = deps;
  const router = Router();

  function renderForm(
    res: Response,
    status: number,
    page: {
      values?: Record<string, string>;
      errors?: FieldErrors;
      candidates?: Business[];
      preselected?: Business | undefined;
      duplicate?: { url: string; title: string };
    },
  ) {
    res.status(status).render("complaints/new", {
      title: "File a complaint",
      description: "Tell your story about a business, in public, in a few minutes.",
      values: { currency: "USD", ...page.values },
      errors: page.errors ?? {},
      candidates: page.candidates ?? [],
      preselected: page.preselected,
      duplicate: page.duplicate,
      newBusinessChoice: NEW_BUSINESS,
      categories: categories.all(),
      outcomes: DESIRED_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] })),
      currencies: CURRENCIES,
      scripts: ["suggest.js"],
      maxDate: latestPossibleToday(clock.now()),
    });
  }

  router.get("/complaints/new", requireLogin, (req, res) => {
    const slug = typeof req.query.business === "string" ? req.query.business : undefined;
    const preselected = slug ? businesses.bySlug(slug) : undefined;
    renderForm(res, 200, {
      preselected,
      values: preselected ? { business_name: preselected.name, business_choice: preselected.slug } : {},
    });
  });

  router.post("/complaints", requireLogin, async (req, res) => {
    const values = formValues(req.body);
    const chosenSlug =
      values.business_choice && values.business_choice !== NEW_BUSINESS ? values.business_choice : undefined;
    const preselected = chosenSlug ? businesses.bySlug(chosenSlug) : undefined;
    const form = complaintForm(
      clock.now(),
      categories.all().map((c) => c.slug),
    ).safeParse(req.body ?? {});
    if (!form.success) return renderForm(res, 400, { values, errors: fieldErrors(form.error), preselected });
    const data = form.data;
    await deps.limits.check("filingByUser", String(req.user!.id));
    const result = complaints.fileComplaint(req.user!.id, {
      businessName: data.business_name,
      businessWebsite: data.business_website,
      businessChoice: data.business_choice,
      title: data.title,
      body: data.body,
      categoryId: categories.bySlug(data.category)!.id,
      incidentDate: data.incident_date,
      desiredOutcome: data.desired_outcome,
      amountCents: data.amount,
      currency: data.currency,
    });
    if (result.kind === "choose-business") {
      // The first time this is not an error, just one more question before anything is saved.
      const unanswered = values.confirming_business === "1";
      return renderForm(res, unanswered ? 400 : 200, {
        values: { ...values, business_choice: "" },
        candidates: result.candidates,
        errors: unanswered ? { business_choice: "Choose one of these businesses, or add yours as a new one" } : {},
      });
    }
    if (result.kind === "duplicate") {
      return renderForm(res, 409, {
        values,
        errors: { title: "You filed a complaint like this about the same business in the last 24 hours." },
        duplicate: { url: complaintUrl(result.existing), title: result.existing.publicTitle },
      });
    }
    await deps.limits.penalize("filingByUser", String(req.user!.id));
    const masked = describeMasking(result.masked);
    const maskNote = masked ? ` To protect you, we hid ${masked} from the public version.` : "";
    if (result.complaint.visibility === "pending") {
      flash(
        res,
        `Your complaint is saved. It will be published as soon as you verify your email address: check your inbox for our link.${maskNote}`,
        "info",
      );
    } else {
      flash(res, `Your complaint about ${result.complaint.businessName} is now public.${maskNote}`);
    }
    await notify(result.events);
    res.redirect(303, complaintUrl(result.complaint));
  });

  router.get("/complaints/mine", requireLogin, (req, res) => {
    const page = parsePage(req.query.page);
    const { complaints: rows, total } = complaints.byAuthor(req.user!.id, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    res.render("complaints/mine", {
      title: "My complaints",
      complaints: rows.map((c) => listItem(c, categories, clock.now())),
      pagination: paginate("/complaints/mine", {}, page, total),
    });
  });

  function renderComplaint(
    req: Request,
    res: Response,
    status: number,
    form: { name?: string; values?: Record<string, string>; errors?: FieldErrors } = {},
  ) {
    const complaint = complaints.visibleTo(complaintId(req.params.ref), req.user);
    const canonical = complaintUrl(complaint);
    if (req.method === "GET" && req.path !== canonical) return res.redirect(301, canonical);
    const moderator = req.user?.role === "moderator" || req.user?.role === "admin";
    if (complaint.visibility === "hidden" && !moderator) {
      // The address keeps working: a tombstone says it was removed, why and when (410: gone on purpose).
      return res.status(410).render("complaints/tombstone", {
        title: "Complaint removed by moderators",
        businessName: complaint.businessName,
        businessUrl: `/businesses/${complaint.businessSlug}`,
        reason: complaint.hiddenReason ?? "",
        date: complaint.hiddenAt === null ? "" : formatDate(complaint.hiddenAt),
      });
    }
    const events = complaints.events(complaint.id);
    const model = complaintPage({
      complaint,
      events,
      categories,
      viewerId: req.user?.id,
      part: complaints.partOf(complaint, req.user),
      moderator,
      hasMeToo: req.user ? complaints.hasMeToo(complaint.id, req.user.id) : false,
      now: clock.now(),
    });
    res.status(status).render("complaints/show", {
      title: complaint.publicTitle,
      description: `A complaint about ${complaint.businessName}: ${complaint.publicBody.slice(0, 150)}`,
      ...model,
      isModerator: moderator,
      ogType: "article",
      // Structured data for public complaints only; our own JSON, with "<" escaped (see present.ts).
      jsonLd: complaint.visibility === "public" ? complaintJsonLd(complaint, events, deps.baseUrl) : undefined,
      resolutions: Object.entries(RESOLUTION_LABELS).map(([value, label]) => ({ value, label })),
      activeForm: form.name,
      values: form.values ?? {},
      errors: form.errors ?? {},
    });
  }

  router.get("/complaints/:ref", (req, res) => renderComplaint(req, res, 200));

  router.post("/complaints/:ref/me-too", requireLogin, (req, res) => {
    const id = complaintId(req.params.ref);
    const on = complaints.toggleMeToo(id, req.user!);
    const complaint = complaints.visibleTo(id, req.user);
    flash(res, on ? "Added: you had this problem too." : "Removed your “me too”.", on ? "success" : "info");
    res.redirect(303, complaintUrl(complaint));
  });

  /**
   * The conversation's forms share one shape: parse; on bad input, check permission first (403 beats
   * a list of errors) and re-render the page with the form's errors; else act, notify, redirect.
   */
  function conversationRoute<T>(
    path: string,
    name: string,
    schema: {
      safeParse(body: unknown): { success: true; data: T } | { success: false; error: import("zod").ZodError };
    },
    action: ComplaintAction,
    act: (
      id: number,
      user: NonNullable<Request["user"]>,
      data: T,
    ) => { events?: readonly ComplaintEvent[]; message: string },
  ) {
    router.post(`/complaints/:ref/${path}`, requireLogin, async (req, res) => {
      const id = complaintId(req.params.ref);
      const form = schema.safeParse(req.body ?? {});
      if (!form.success) {
        const complaint = complaints.visibleTo(id, req.user);
        if (!complaints.can(req.user, action, complaint)) throw new Forbidden("You can't do that on this complaint.");
        return renderComplaint(req, res, 400, { name, values: formValues(req.body), errors: fieldErrors(form.error) });
      }
      await deps.limits.consume("repliesByUser", String(req.user!.id));
      const result = act(id, req.user!, form.data);
      if (result.events) await notify(result.events);
      flash(res, result.message);
      res.redirect(303, `${complaintUrl(complaints.visibleTo(id, req.user))}#timeline`);
    });
  }

  const maskNote = (masked: Parameters<typeof describeMasking>[0]) => {
    const said = describeMasking(masked);
    return said ? ` To protect you, we hid ${said} from the public version.` : "";
  };

  conversationRoute("updates", "update", updateForm, "post-update", (id, user, data) => ({
    message: `Your update is posted.${maskNote(complaints.addUpdate(id, user, data.body).masked)}`,
  }));
  conversationRoute("replies", "reply", replyForm, "reply", (id, user, data) => {
    const result = complaints.reply(id, user, data.body);
    return {
      events: result.events,
      message: `${result.asBusiness ? "Your public response is posted." : "Your reply is posted."}${maskNote(result.masked)}`,
    };
  });
  conversationRoute("resolve", "resolve", resolveForm, "resolve", (id, user, data) => ({
    events: complaints.resolve(id, user, data.resolution, data.note).events,
    message: "Marked resolved. The consumer has 14 days to confirm or dispute it.",
  }));
  conversationRoute("confirm", "confirm", confirmForm, "confirm", (id, user, data) => ({
    events: complaints.confirm(id, user, { rating: data.rating, wouldReturn: data.would_return, comment: data.comment })
      .events,
    message: "Thank you: you confirmed the resolution.",
  }));
  conversationRoute("dispute", "dispute", disputeForm, "dispute", (id, user, data) => ({
    events: complaints.dispute(id, user, data.reason).events,
    message: "You disputed the resolution. The complaint is open for the business's answer again.",
  }));

  return router;
}
