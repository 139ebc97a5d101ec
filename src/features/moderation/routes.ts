import type { Request, Response } from "express";
import { formatDate } from "../../lib/dates.js";
import { localPath } from "../../lib/local-path.js";
import type { Services } from "../../services.js";
import { HttpError, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { textField, fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import { named } from "../../web/route-table.js";
import { describeAudit } from "./audit.js";
import { hideForm, messageHideForm, redactForm, removalForm, reportForm } from "./forms.js";
import { MODERATION_REASONS, reasonOf } from "./reasons.js";

const reasonChoices = (label: "report" | "rule") =>
  MODERATION_REASONS.map((r) => ({ value: r.value, label: r[label] }));

const id = (value: unknown) => (typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : 0);

/** Anyone logged in can report a complaint or a reply to the moderators. */
export function reportsPages(deps: Pick<Services, "moderation" | "limits">) {
  const { moderation } = deps;

  function renderReport(res: Response, status: number, values: Record<string, string>, errors: FieldErrors = {}) {
    const about = moderation.reportTarget(values.target_type ?? "", id(values.target_id), res.req.user!);
    if (!about || about.hidden) throw new NotFound();
    res.status(status).render("moderation/report", {
      title: "Report",
      about,
      reasons: reasonChoices("report"),
      values,
      errors,
    });
  }

  const reportPage = (req: Request, res: Response) => renderReport(res, 200, formValues(req.query));

  const fileReport = async (req: Request, res: Response) => {
    const form = reportForm.safeParse(req.body ?? {});
    if (!form.success) return renderReport(res, 400, formValues(req.body), fieldErrors(form.error));
    await deps.limits.consume("reportsByUser", String(req.user!.id));
    moderation.report(req.user!, {
      targetType: form.data.target_type,
      targetId: form.data.target_id,
      reason: form.data.reason,
      details: form.data.details,
    });
    flash(res, "Thank you. A moderator will look at your report.");
    res.redirect(303, moderation.reportTarget(form.data.target_type, form.data.target_id, req.user!)?.url ?? "/");
  };

  return { reportPage, fileReport };
}

/** The reason most of a group's reports named (the first such, on a tie). */
function mostNamed(reports: readonly { reason: string }[]): string {
  const tally = new Map<string, number>();
  for (const r of reports) tally.set(r.reason, (tally.get(r.reason) ?? 0) + 1);
  return [...tally].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "other";
}

/** The moderators' room (admins pass too): the queue, hiding, restoring, redacting, the audit log. */
export function moderationPages(deps: Pick<Services, "moderation">) {
  const { moderation } = deps;
  const back = (req: Request, fallback = "/admin/reports") => localPath(textField(req.body, "next")) ?? fallback;

  function renderQueue(
    req: Request,
    res: Response,
    status: number,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
  ) {
    const reports = moderation.queue();
    type Target = NonNullable<ReturnType<typeof moderation.reportTarget>>;
    const groups = new Map<string, { about: Target; reports: typeof reports }>();
    for (const r of reports) {
      const key = `${r.targetType}:${r.targetId}`;
      const about = moderation.reportTarget(r.targetType, r.targetId, req.user!);
      if (!about) continue;
      const group = groups.get(key) ?? { about, reports: [] };
      group.reports.push(r);
      groups.set(key, group);
    }
    res.status(status).render("moderation/queue", {
      title: "Reports",
      groups: [...groups.values()].map((g) => ({
        ...g,
        // The hide page opens with the rule most reports named.
        // A private message is hidden from its thread, where the moderator reads it (audited).
        hideUrl:
          g.about.type === "message"
            ? g.about.url
            : `/admin/${g.about.type === "reply" ? "replies" : "complaints"}/${g.about.id}/hide?reason_code=${mostNamed(g.reports)}`,
        reports: g.reports.map((r) => ({
          ...r,
          reasonLabel: reasonOf(r.reason)?.report ?? r.reason,
          date: formatDate(r.createdAt),
        })),
      })),
      errors,
      values,
      reasons: reasonChoices("rule"),
      isAdmin: req.user!.role === "admin",
    });
  }

  const adminHome = (req: Request, res: Response) =>
    res.render("moderation/index", {
      title: "Moderation and administration",
      isAdmin: req.user!.role === "admin",
      openReports: moderation.queue().length,
    });

  const reportQueue = (req: Request, res: Response) => renderQueue(req, res, 200);

  /** The confirmation step before hiding: what goes, what the public will read instead, and why. */
  function renderHide(
    req: Request,
    res: Response,
    type: "complaint" | "reply",
    status: number,
    values: Record<string, string>,
    errors: FieldErrors = {},
  ) {
    const about = moderation.reportTarget(type, id(req.params.id), req.user!);
    if (!about) throw new NotFound();
    res.status(status).render("moderation/hide", {
      title: type === "reply" ? "Hide this reply" : "Hide this complaint",
      about,
      action: `/admin/${type === "reply" ? "replies" : "complaints"}/${about.id}/hide`,
      next: localPath(values.next) ?? "/admin/reports",
      reasons: reasonChoices("rule"),
      values,
      errors,
    });
  }

  const hidePage = (type: "complaint" | "reply", name: string) =>
    named(name, (req: Request, res: Response) => renderHide(req, res, type, 200, formValues(req.query)));

  /** Hide with a rule and a public note: complaints and replies share the form and its checks. */
  const hide = (type: "complaint" | "reply", name: string, done: string) =>
    named(name, (req: Request, res: Response) => {
      const form = hideForm.safeParse(req.body ?? {});
      if (!form.success) return renderHide(req, res, type, 400, formValues(req.body), fieldErrors(form.error));
      const reason = { code: form.data.reason_code, note: form.data.reason };
      if (type === "reply") moderation.hideReply(req.user!, id(req.params.id), reason);
      else moderation.hideComplaint(req.user!, id(req.params.id), reason);
      flash(res, done);
      res.redirect(303, back(req));
    });

  const hideComplaintPage = hidePage("complaint", "hideComplaintPage");
  const hideReplyPage = hidePage("reply", "hideReplyPage");
  const hideComplaint = hide("complaint", "hideComplaint", "The complaint is hidden; its page shows your reason.");
  const hideReply = hide("reply", "hideReply", "The reply is hidden; the timeline shows your reason.");

  /** From the private section of the complaint's page: a rule (chosen from the list) and an optional note. */
  const hideMessage = (req: Request, res: Response) => {
    const form = messageHideForm.safeParse(req.body ?? {});
    if (!form.success)
      throw new HttpError(400, "Choose the rule it breaks", "Choose a rule from the list to hide the message.");
    moderation.hideMessage(req.user!, id(req.params.id), { code: form.data.reason_code, note: form.data.reason ?? "" });
    flash(res, "The private message is hidden; the two parties see the rule in its place.");
    res.redirect(303, back(req, moderation.messageUrl(id(req.params.id))));
  };

  const restoreMessage = (req: Request, res: Response) => {
    moderation.restoreMessage(req.user!, id(req.params.id));
    flash(res, "The private message is shown again.");
    res.redirect(303, back(req, moderation.messageUrl(id(req.params.id))));
  };

  /** Redaction of one attached file, from the complaint's private section: the reason is picked from the list. */
  const removeAttachment = (req: Request, res: Response) => {
    const form = removalForm.safeParse(req.body ?? {});
    if (!form.success)
      throw new HttpError(400, "Choose a reason", "Choose a reason from the list for removing the file.");
    const url = moderation.removeAttachment(req.user!, id(req.params.id), form.data.reason);
    flash(res, "The file is removed; the parties see your reason in its place.");
    res.redirect(303, `${url}#private-details`);
  };

  const restoreComplaint = (req: Request, res: Response) => {
    moderation.restoreComplaint(req.user!, id(req.params.id));
    flash(res, "The complaint is public again.");
    res.redirect(303, back(req));
  };

  const restoreReply = (req: Request, res: Response) => {
    moderation.restoreReply(req.user!, id(req.params.id));
    flash(res, "The reply is public again.");
    res.redirect(303, back(req));
  };

  const redactComplaint = (req: Request, res: Response) => {
    const form = redactForm.safeParse(req.body ?? {});
    const target = id(req.params.id);
    if (!form.success) {
      // The queue holds a redaction form per complaint: errors name that form's fields.
      const errors = fieldErrors(form.error);
      const fields = { passage: `passage-${target}`, reason: `redact-reason-${target}` } as Record<string, string>;
      return renderQueue(
        req,
        res,
        400,
        Object.fromEntries(Object.entries(errors).map(([field, message]) => [fields[field] ?? "form", message])),
        { ...formValues(req.body), target: String(target) },
      );
    }
    moderation.redact(req.user!, target, form.data.passage, { code: form.data.reason_code, note: form.data.reason });
    flash(res, "The passage is removed from the public text.");
    res.redirect(303, back(req));
  };

  const dismissReport = (req: Request, res: Response) => {
    moderation.dismissReport(req.user!, id(req.params.id));
    flash(res, "Report dismissed.", "info");
    res.redirect(303, back(req));
  };

  const auditLog = (req: Request, res: Response) => {
    const actor = typeof req.query.actor === "string" ? req.query.actor.trim().slice(0, 254) : "";
    const filter = {
      actor: actor || null,
      targetType: typeof req.query.target_type === "string" && req.query.target_type ? req.query.target_type : null,
      targetId: id(req.query.target_id) || null,
    };
    res.render("moderation/audit", {
      title: "Audit log",
      filter,
      entries: moderation.auditLog(filter, 200, 0).map((e) => ({
        ...e,
        ...describeAudit(e),
        date: new Date(e.createdAt).toISOString().replace("T", " ").slice(0, 16),
      })),
    });
  };

  return {
    adminHome,
    reportQueue,
    hideComplaintPage,
    hideReplyPage,
    hideComplaint,
    hideReply,
    restoreComplaint,
    restoreReply,
    hideMessage,
    restoreMessage,
    removeAttachment,
    redactComplaint,
    dismissReport,
    auditLog,
  };
}

/** Admins only: finding an account and suspending or reinstating it. */
export function accountsAdminPages(deps: Pick<Services, "moderation">) {
  const { moderation } = deps;
  const back = (req: Request) => localPath(textField(req.body, "next")) ?? "/admin/users";

  const accountSearch = (req: Request, res: Response) => {
    const email = typeof req.query.email === "string" ? req.query.email.trim().toLowerCase() : "";
    res.render("moderation/users", {
      title: "Accounts",
      email,
      found: email ? moderation.accountByEmail(email) : undefined,
    });
  };

  const suspendAccount = (req: Request, res: Response) => {
    moderation.setSuspended(req.user!, id(req.params.id), true, textField(req.body, "reason")?.slice(0, 500) ?? null);
    flash(res, "The account is suspended and logged out everywhere.");
    res.redirect(303, back(req));
  };

  const unsuspendAccount = (req: Request, res: Response) => {
    moderation.setSuspended(req.user!, id(req.params.id), false, null);
    flash(res, "The suspension is lifted.");
    res.redirect(303, back(req));
  };

  return { accountSearch, suspendAccount, unsuspendAccount };
}
