import { businessTag, complaintTag } from "../cache/tags.js";
import { pageShows } from "../../web/page-cache.js";
import type { Request, Response } from "express";
import type { ZodError } from "zod";
import type { Complaint } from "../../db/complaints.js";
import type { User } from "../../db/users.js";
import { formatDate } from "../../lib/dates.js";
import { maskNote } from "../../lib/personal-data.js";
import type { Services } from "../../services.js";
import { Forbidden, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import { named } from "../../web/route-table.js";
import {
  confirmForm,
  detailRequestForm,
  disputeForm,
  PRIVATE_DETAIL_LABELS,
  privateDetailsForm,
  privateMessageForm,
  replyForm,
  RESOLUTION_LABELS,
  resolveForm,
  updateForm,
} from "./forms.js";
import type { ComplaintAction } from "./permissions.js";
import { complaintJsonLd, complaintPage as complaintPageModel, complaintUrl } from "./present.js";
import { movedToPrivate, privatePanel } from "./private-panel.js";
import { CONSUMER_WORD_DAYS } from "./status.js";
import { MODERATION_REASONS } from "../moderation/reasons.js";
import type { StagedFile } from "../attachments/attachments.js";
import { UploadRefused } from "../attachments/files.js";
import { uploadedFiles } from "../../web/uploads.js";
import { compactCard } from "../businesses/present.js";
import { complaintAccess, isModerator } from "./visibility.js";

/** "/complaints/123-some-title" or "/complaints/123" -> 123. */
function complaintId(ref: unknown): number {
  const match = /^(\d{1,15})(?:-[^/]*)?$/.exec(typeof ref === "string" ? ref : "");
  if (!match) throw new NotFound();
  return Number(match[1]);
}

interface Schema<T> {
  safeParse(body: unknown): { success: true; data: T } | { success: false; error: ZodError };
}

/** The complaint page and everything said on it: me too, updates, replies, resolve, confirm, dispute, and its private side. */
export function conversationPages(
  deps: Pick<
    Services,
    | "complaints"
    | "privateDetails"
    | "privateSide"
    | "privateMessages"
    | "attachments"
    | "categories"
    | "clock"
    | "baseUrl"
    | "limits"
    | "businesses"
    | "figures"
  >,
) {
  const { complaints, categories, clock } = deps;

  /** The compact card of the complaint's business, for the page's aside (complaints/business-aside.ejs). */
  function businessCardOf(complaint: Complaint, viewerIsMember: boolean) {
    const business = deps.businesses.byId(complaint.businessId);
    return business && compactCard(business, deps.figures.card(business, clock.now()), viewerIsMember);
  }

  /** The private section for the parties (and an auditing moderator), with its form's values. */
  function privateSectionOf(
    req: Request,
    complaint: Complaint,
    form: { name?: string; values?: Record<string, string> },
  ) {
    const section = deps.privateDetails.section(complaint, req.user);
    if (!section) return undefined;
    // The party opened the page: the other side's messages are seen now (never on a re-rendered form).
    if (req.method === "GET") deps.privateMessages.markSeen(complaint, section.part);
    const retyped = form.name === "private-details" ? form.values : undefined;
    const prefill = section.part === "author" && req.query.private === "prefill";
    const values = retyped ?? (prefill ? movedToPrivate(complaint, section.details) : section.details);
    return { ...privatePanel(section, complaint.businessName, values), prefilled: prefill && !retyped };
  }

  function renderComplaint(
    req: Request,
    res: Response,
    status: number,
    form: { name?: string; values?: Record<string, string>; errors?: FieldErrors } = {},
  ) {
    const complaint = complaints.visibleTo(complaintId(req.params.ref), req.user);
    const moderator = isModerator(req.user);
    if (complaintAccess(complaint, req.user) === "tombstone") {
      // The address keeps working: a tombstone says it was removed, why and when (410: gone on purpose).
      // It answers at whatever address was asked: a redirect would carry the hidden title in its URL.
      return res.status(410).render("complaints/tombstone", {
        title: "Complaint removed by moderators",
        businessName: complaint.businessName,
        businessUrl: `/businesses/${complaint.businessSlug}`,
        reason: complaint.hiddenReason ?? "",
        date: complaint.hiddenAt === null ? "" : formatDate(complaint.hiddenAt),
      });
    }
    const canonical = complaintUrl(complaint);
    if (req.method === "GET" && req.baseUrl + req.path !== canonical) return res.redirect(301, canonical);
    pageShows(res, [complaintTag(complaint.id), businessTag(complaint.businessId)]);
    const events = complaints.events(complaint.id);
    const model = complaintPageModel({
      complaint,
      events,
      categories,
      viewerId: req.user?.id,
      part: complaints.partOf(complaint, req.user),
      moderator,
      hasMeToo: req.user ? complaints.hasMeToo(complaint.id, req.user.id) : false,
      privateExchanges: deps.privateMessages.exchangeDays(complaint.id),
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
      privateSection: privateSectionOf(req, complaint, form),
      removalReasons: MODERATION_REASONS.map((r) => ({ value: r.value, label: r.rule })),
      businessCard: businessCardOf(complaint, model.viewer.isMember),
      activeForm: form.name,
      values: form.values ?? {},
      errors: form.errors ?? {},
    });
  }

  const complaintPage = (req: Request, res: Response) => renderComplaint(req, res, 200);

  const toggleMeToo = (req: Request, res: Response) => {
    const id = complaintId(req.params.ref);
    const on = complaints.toggleMeToo(id, req.user!);
    const complaint = complaints.visibleTo(id, req.user);
    flash(res, on ? "Added: you had this problem too." : "Removed your “me too”.", on ? "success" : "info");
    res.redirect(303, complaintUrl(complaint));
  };

  /**
   * The conversation's forms share one shape: parse; on bad input, check permission first (403 beats
   * a list of errors) and re-render the page with the form's errors; else act and redirect (the
   * domain queues the notifications in the act's transaction).
   */
  function conversationForm<T>(
    handlerName: string,
    name: string,
    schema: Schema<T>,
    action: ComplaintAction,
    act: (id: number, user: User, data: T) => { message: string },
  ) {
    return named(handlerName, async (req: Request, res: Response) => {
      const id = complaintId(req.params.ref);
      const form = schema.safeParse(req.body ?? {});
      if (!form.success) {
        const complaint = complaints.visibleTo(id, req.user);
        if (!complaints.can(req.user, action, complaint)) throw new Forbidden("You can't do that on this complaint.");
        return renderComplaint(req, res, 400, { name, values: formValues(req.body), errors: fieldErrors(form.error) });
      }
      // Only what may happen counts against the limit; the domain refuses the rest with its reason.
      if (complaints.can(req.user, action, complaints.visibleTo(id, req.user)))
        await deps.limits.consume("repliesByUser", String(req.user!.id));
      const result = act(id, req.user!, form.data);
      flash(res, result.message);
      res.redirect(303, `${complaintUrl(complaints.visibleTo(id, req.user))}#timeline`);
    });
  }

  const postUpdate = conversationForm("postUpdate", "update", updateForm, "post-update", (id, user, data) => ({
    message: `Your update is posted.${maskNote(complaints.addUpdate(id, user, data.body).masked)}`,
  }));

  const postReply = conversationForm("postReply", "reply", replyForm, "reply", (id, user, data) => {
    const result = complaints.reply(id, user, data.body);
    const posted = result.asBusiness ? "Your public response is posted." : "Your reply is posted.";
    return { message: `${posted}${maskNote(result.masked)}` };
  });

  const markResolved = conversationForm("markResolved", "resolve", resolveForm, "resolve", (id, user, data) => {
    complaints.resolve(id, user, data.resolution, data.note);
    return {
      message: `Marked resolved. The consumer has ${CONSUMER_WORD_DAYS} days to confirm or dispute it.`,
    };
  });

  const confirmResolution = conversationForm(
    "confirmResolution",
    "confirm",
    confirmForm,
    "confirm",
    (id, user, data) => {
      complaints.confirm(id, user, { rating: data.rating, wouldReturn: data.would_return, comment: data.comment });
      return { message: "Thank you: you confirmed the resolution." };
    },
  );

  const disputeResolution = conversationForm(
    "disputeResolution",
    "dispute",
    disputeForm,
    "dispute",
    (id, user, data) => {
      complaints.dispute(id, user, data.reason);
      return { message: "You disputed the resolution. The complaint is open for the business's answer again." };
    },
  );

  /**
   * A form with "Attach files": a refused upload (too large, too many, not a type we take, damaged)
   * re-renders the form with the files' message and its status (413 or 400), and nothing is kept.
   * Returns undefined when it answered.
   */
  async function withUpload(
    req: Request,
    res: Response,
    name: string,
    write: (files: StagedFile[]) => Complaint,
  ): Promise<Complaint | undefined> {
    const values = formValues(req.body);
    if (req.uploadRefusal) {
      renderComplaint(req, res, 413, { name, values, errors: { files: req.uploadRefusal } });
      return undefined;
    }
    try {
      return await deps.attachments.withFiles(uploadedFiles(req), write);
    } catch (err) {
      if (!(err instanceof UploadRefused)) throw err;
      renderComplaint(req, res, err.status, { name, values, errors: { files: err.message } });
      return undefined;
    }
  }

  const savePrivateDetails = async (req: Request, res: Response) => {
    const id = complaintId(req.params.ref);
    // Only the author has this form: anyone else learns nothing, not even the form's errors.
    deps.privateSide.writerOn(id, req.user!, "author");
    const form = privateDetailsForm.safeParse(req.body ?? {});
    if (!form.success) {
      const values = formValues(req.body);
      return renderComplaint(req, res, 400, { name: "private-details", values, errors: fieldErrors(form.error) });
    }
    const complaint = await withUpload(req, res, "private-details", (files) =>
      deps.privateDetails.save(id, req.user!, form.data, files),
    );
    if (!complaint) return;
    flash(res, `Saved. Only you and ${complaint.businessName} can see these details.`);
    res.redirect(303, `${complaintUrl(complaint)}#private-details`);
  };

  const sendPrivateMessage = async (req: Request, res: Response) => {
    const id = complaintId(req.params.ref);
    // Not a party: 404, before a byte of the files is looked at. A party on a hidden complaint: 409.
    const { complaint: about, side } = deps.privateSide.writerOn(id, req.user!);
    const form = privateMessageForm.safeParse(req.body ?? {});
    if (!form.success && !req.uploadRefusal) {
      const values = formValues(req.body);
      return renderComplaint(req, res, 400, { name: "message", values, errors: fieldErrors(form.error) });
    }
    await deps.limits.consume("privateMessagesByUser", String(req.user!.id));
    const complaint = await withUpload(req, res, "message", (files) =>
      deps.privateMessages.send(id, req.user!, form.data!.body, files),
    );
    if (!complaint) return;
    const other = side === "consumer" ? about.businessName : "the consumer";
    flash(res, `Your private message is sent. Only you and ${other} can read it.`);
    res.redirect(303, `${complaintUrl(complaint)}#private-messages`);
  };

  const requestDetails = async (req: Request, res: Response) => {
    const id = complaintId(req.params.ref);
    const form = detailRequestForm.safeParse(req.body ?? {});
    if (!form.success) {
      if (deps.privateDetails.partOf(id, req.user) !== "member") throw new NotFound();
      const values = formValues(req.body);
      return renderComplaint(req, res, 400, { name: "detail-request", values, errors: fieldErrors(form.error) });
    }
    // Each request emails the author: only a request that may happen counts against the limit.
    if (deps.privateDetails.partOf(id, req.user) === "member")
      await deps.limits.consume("repliesByUser", String(req.user!.id));
    const complaint = deps.privateDetails.request(id, req.user!, form.data.fields);
    const asked = form.data.fields.map((field) => PRIVATE_DETAIL_LABELS[field]).join(", ");
    flash(res, `We asked the consumer, privately, for: ${asked}.`);
    res.redirect(303, `${complaintUrl(complaint)}#private-details`);
  };

  return {
    complaintPage,
    savePrivateDetails,
    requestDetails,
    sendPrivateMessage,
    toggleMeToo,
    postUpdate,
    postReply,
    markResolved,
    confirmResolution,
    disputeResolution,
  };
}
