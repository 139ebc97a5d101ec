import type { Request, Response } from "express";
import { formatDate } from "../../lib/dates.js";
import { localPath } from "../../lib/local-path.js";
import type { Services } from "../../services.js";
import { HttpError, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { textField, fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import { named } from "../../web/route-table.js";
import { reasonForm, redactForm, removalForm, reportForm } from "./forms.js";
import { REPORT_REASONS } from "./moderation.js";

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
      reasons: Object.entries(REPORT_REASONS).map(([value, label]) => ({ value, label })),
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

/** The moderators' room (admins pass too): the queue, hiding, restoring, redacting, the audit log. */
export function moderationPages(deps: Pick<Services, "moderation">) {
  const { moderation } = deps;
  const back = (req: Request, fallback = "/admin/reports") => localPath(textField(req.body, "next")) ?? fallback;

  function renderQueue(req: Request, res: Response, status: number, errors: FieldErrors = {}) {
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
        reports: g.reports.map((r) => ({ ...r, reasonLabel: REPORT_REASONS[r.reason], date: formatDate(r.createdAt) })),
      })),
      errors,
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

  /** Hide with a public reason: complaints and replies share the form and its checks. */
  const withReason = (name: string, act: (req: Request, reason: string) => void, done: string) =>
    named(name, (req: Request, res: Response) => {
      const form = reasonForm.safeParse(req.body ?? {});
      if (!form.success)
        return renderQueue(req, res, 400, {
          [`reason-${req.path}`]: fieldErrors(form.error).reason ?? "Give a reason",
        });
      act(req, form.data.reason);
      flash(res, done);
      res.redirect(303, back(req));
    });

  const hideComplaint = withReason(
    "hideComplaint",
    (req, reason) => moderation.hideComplaint(req.user!, id(req.params.id), reason),
    "The complaint is hidden; its page shows your reason.",
  );
  const hideReply = withReason(
    "hideReply",
    (req, reason) => moderation.hideReply(req.user!, id(req.params.id), reason),
    "The reply is hidden; the timeline shows your reason.",
  );

  const hideMessage = withReason(
    "hideMessage",
    (req, reason) => moderation.hideMessage(req.user!, id(req.params.id), reason),
    "The private message is hidden; the two parties see your reason in its place.",
  );

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
    const url = moderation.removeAttachment(req.user!, id(req.params.id), REPORT_REASONS[form.data.reason]);
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
    if (!form.success)
      return renderQueue(req, res, 400, {
        [`redact-${String(req.params.id)}`]: Object.values(fieldErrors(form.error))[0]!,
      });
    moderation.redact(req.user!, id(req.params.id), form.data.passage, form.data.reason);
    flash(res, "The passage is removed from the public text.");
    res.redirect(303, back(req));
  };

  const dismissReport = (req: Request, res: Response) => {
    moderation.dismissReport(req.user!, id(req.params.id));
    flash(res, "Report dismissed.", "info");
    res.redirect(303, back(req));
  };

  const auditLog = (req: Request, res: Response) => {
    const filter = {
      actorId: id(req.query.actor) || null,
      targetType: typeof req.query.target_type === "string" && req.query.target_type ? req.query.target_type : null,
      targetId: id(req.query.target_id) || null,
    };
    res.render("moderation/audit", {
      title: "Audit log",
      filter,
      entries: moderation
        .auditLog(filter, 200, 0)
        .map((e) => ({ ...e, date: new Date(e.createdAt).toISOString().replace("T", " ").slice(0, 16) })),
    });
  };

  return {
    adminHome,
    reportQueue,
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
