import { Router, type Request, type Response } from "express";
import { complaintsDb } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";
import { usersDb } from "../../db/users.js";
import { formatDate } from "../../lib/dates.js";
import { localPath } from "../../lib/local-path.js";
import { requireLogin, requireRole } from "../../web/current-user.js";
import { NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { textField, fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import { complaintUrl, excerptOf } from "../complaints/present.js";
import { reasonForm, redactForm, reportForm } from "./forms.js";
import { REPORT_REASONS, type Moderation } from "./moderation.js";
import type { RateLimits } from "../../web/rate-limits.js";

const id = (value: unknown) => (typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : 0);

export function moderationRoutes(deps: { db: Db; moderation: Moderation; limits: RateLimits }): Router {
  const { moderation } = deps;
  const complaints = complaintsDb(deps.db);
  const users = usersDb(deps.db);
  const router = Router();

  /** What a report is about, as the report form and the queue show it. */
  function target(type: string, targetId: number) {
    const complaintId = type === "reply" ? moderation.eventComplaintId(targetId) : targetId;
    const complaint = complaintId ? complaints.byId(complaintId) : undefined;
    if (!complaint) return undefined;
    const event = type === "reply" ? complaints.events(complaint.id).find((e) => e.id === targetId) : undefined;
    return {
      type,
      id: targetId,
      complaintId: complaint.id,
      url: complaintUrl(complaint) + (event ? `#event-${event.id}` : ""),
      title: complaint.publicTitle,
      text: excerptOf(event ? (event.publicBody ?? "") : complaint.publicBody, 400),
      hidden: event ? event.hiddenAt !== null : complaint.visibility === "hidden",
    };
  }

  function renderReport(res: Response, status: number, values: Record<string, string>, errors: FieldErrors = {}) {
    const about = target(values.target_type ?? "", id(values.target_id));
    if (!about || about.hidden) throw new NotFound();
    res.status(status).render("moderation/report", {
      title: "Report",
      about,
      reasons: Object.entries(REPORT_REASONS).map(([value, label]) => ({ value, label })),
      values,
      errors,
    });
  }

  router.get("/reports/new", requireLogin, (req, res) => renderReport(res, 200, formValues(req.query)));

  router.post("/reports", requireLogin, async (req, res) => {
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
    res.redirect(303, target(form.data.target_type, form.data.target_id)?.url ?? "/");
  });

  // The moderators' room; admins pass too. Claims (admins only) have their own guard.
  const admin = Router();
  admin.use(requireRole("moderator"));
  const back = (req: Request, fallback = "/admin/reports") => localPath(textField(req.body, "next")) ?? fallback;

  function renderQueue(req: Request, res: Response, status: number, errors: FieldErrors = {}) {
    const reports = moderation.queue();
    const groups = new Map<string, { about: NonNullable<ReturnType<typeof target>>; reports: typeof reports }>();
    for (const r of reports) {
      const key = `${r.targetType}:${r.targetId}`;
      const about = target(r.targetType, r.targetId);
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

  admin.get("/", (req, res) =>
    res.render("moderation/index", {
      title: "Moderation and administration",
      isAdmin: req.user!.role === "admin",
      openReports: moderation.queue().length,
    }),
  );
  admin.get("/reports", (req, res) => renderQueue(req, res, 200));

  /** Hide with a public reason: complaints and replies share the form and its checks. */
  const withReason = (path: string, act: (req: Request, reason: string) => void, done: string) =>
    admin.post(path, (req, res) => {
      const form = reasonForm.safeParse(req.body ?? {});
      if (!form.success)
        return renderQueue(req, res, 400, {
          [`reason-${req.path}`]: fieldErrors(form.error).reason ?? "Give a reason",
        });
      act(req, form.data.reason);
      flash(res, done);
      res.redirect(303, back(req));
    });
  withReason(
    "/complaints/:id/hide",
    (req, reason) => moderation.hideComplaint(req.user!, id(req.params.id), reason),
    "The complaint is hidden; its page shows your reason.",
  );
  withReason(
    "/replies/:id/hide",
    (req, reason) => moderation.hideReply(req.user!, id(req.params.id), reason),
    "The reply is hidden; the timeline shows your reason.",
  );

  admin.post("/complaints/:id/restore", (req, res) => {
    moderation.restoreComplaint(req.user!, id(req.params.id));
    flash(res, "The complaint is public again.");
    res.redirect(303, back(req));
  });
  admin.post("/replies/:id/restore", (req, res) => {
    moderation.restoreReply(req.user!, id(req.params.id));
    flash(res, "The reply is public again.");
    res.redirect(303, back(req));
  });
  admin.post("/complaints/:id/redact", (req, res) => {
    const form = redactForm.safeParse(req.body ?? {});
    if (!form.success)
      return renderQueue(req, res, 400, { [`redact-${req.params.id}`]: Object.values(fieldErrors(form.error))[0]! });
    moderation.redact(req.user!, id(req.params.id), form.data.passage, form.data.reason);
    flash(res, "The passage is removed from the public text.");
    res.redirect(303, back(req));
  });
  admin.post("/reports/:id/dismiss", (req, res) => {
    moderation.dismissReport(req.user!, id(req.params.id));
    flash(res, "Report dismissed.", "info");
    res.redirect(303, back(req));
  });

  admin.get("/audit", (req, res) => {
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
  });

  // Suspensions are for admins.
  const adminsOnly = requireRole("admin");
  admin.get("/users", adminsOnly, (req, res) => {
    const email = typeof req.query.email === "string" ? req.query.email.trim().toLowerCase() : "";
    res.render("moderation/users", { title: "Accounts", email, found: email ? users.byEmail(email) : undefined });
  });
  admin.post("/users/:id/suspend", adminsOnly, (req, res) => {
    moderation.setSuspended(req.user!, id(req.params.id), true, textField(req.body, "reason")?.slice(0, 500) ?? null);
    flash(res, "The account is suspended and logged out everywhere.");
    res.redirect(303, back(req, "/admin/users"));
  });
  admin.post("/users/:id/unsuspend", adminsOnly, (req, res) => {
    moderation.setSuspended(req.user!, id(req.params.id), false, null);
    flash(res, "The suspension is lifted.");
    res.redirect(303, back(req, "/admin/users"));
  });

  router.use("/admin", admin);
  return router;
}
