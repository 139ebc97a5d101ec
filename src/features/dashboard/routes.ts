import { Router, type Request } from "express";
import { DAY, type Clock } from "../../clock.js";
import { businessesDb, type Business } from "../../db/businesses.js";
import type { CategoriesDb } from "../../db/categories.js";
import { complaintsDb } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";
import { usersDb } from "../../db/users.js";
import { describeDuration } from "../../lib/dates.js";
import { paginate, PAGE_SIZE, parsePage } from "../../lib/pagination.js";
import type { Mailer } from "../../mail/mailer.js";
import { invitationMessage } from "../../mail/messages.js";
import { requireLogin } from "../../web/current-user.js";
import { NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import { businessCard } from "../businesses/present.js";
import { listItem } from "../complaints/present.js";
import { figuresDb } from "../../db/figures.js";
import { businessFigures } from "../businesses/figures.js";
import { inviteForm } from "./forms.js";
import type { Team } from "./team.js";

const TABS = [
  { key: "needs-reply", label: "Needs a reply" },
  { key: "waiting", label: "Waiting on the consumer" },
  { key: "resolved", label: "Resolved" },
  { key: "all", label: "All" },
] as const;
type Tab = (typeof TABS)[number]["key"];

const median = (values: number[]) => {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const share = (part: number, total: number) => (total ? `${Math.round((100 * part) / total)}%` : "–");

export function dashboardRoutes(deps: {
  db: Db;
  team: Team;
  mailer: Mailer;
  categories: CategoriesDb;
  clock: Clock;
}): Router {
  const { team, clock, categories } = deps;
  const businesses = businessesDb(deps.db);
  const complaints = complaintsDb(deps.db);
  const users = usersDb(deps.db);
  const figures = figuresDb(deps.db);
  const router = Router();

  /** The business in the URL, if the user answers for it (else 404 for unknown, 403 for others'). */
  function memberBusiness(req: Request): { business: Business; role: "owner" | "agent" } {
    const business = typeof req.params.slug === "string" ? businesses.bySlug(req.params.slug) : undefined;
    if (!business) throw new NotFound();
    return { business, role: team.roleAt(business, req.user!) };
  }

  router.get("/dashboard", requireLogin, (req, res) => {
    const mine = team.businessesOf(req.user!).map(({ businessId, role }) => ({
      ...businessCard(businesses.byId(businessId)!),
      role,
      dashboard: `/dashboard/${businesses.byId(businessId)!.slug}`,
    }));
    res.render("dashboard/index", { title: "Dashboard", businesses: mine });
  });

  router.get("/dashboard/:slug", requireLogin, (req, res) => {
    const { business, role } = memberBusiness(req);
    const tab: Tab = TABS.some((t) => t.key === req.query.tab) ? (req.query.tab as Tab) : "needs-reply";
    const page = parsePage(req.query.page);
    const offset = (page - 1) * PAGE_SIZE;
    const now = clock.now();
    const counts = businesses.statusCounts(business.id);
    const total = business.complaintCount;
    const resolvedCount = (counts.resolved ?? 0) + (counts.confirmed ?? 0);
    const inbox = {
      "needs-reply": () => ({
        rows: complaints.inbox(business.id, "business", PAGE_SIZE, offset),
        total: complaints.inboxCount(business.id, "business"),
      }),
      waiting: () => ({
        rows: complaints.inbox(business.id, "consumer", PAGE_SIZE, offset),
        total: complaints.inboxCount(business.id, "consumer"),
      }),
      resolved: () => ({ rows: complaints.resolvedByBusiness(business.id, PAGE_SIZE, offset), total: resolvedCount }),
      all: () => ({ rows: complaints.publicByBusiness(business.id, undefined, PAGE_SIZE, offset), total }),
    }[tab]();
    const waits = complaints.replyTimes(business.id, now - 90 * DAY).filter((w): w is number => w !== null);
    const typical = median(waits);
    res.render("dashboard/business", {
      title: `${business.name}: dashboard`,
      business: businessCard(business),
      slug: business.slug,
      role,
      tabs: TABS.map((t) => ({ ...t, url: `/dashboard/${business.slug}?tab=${t.key}`, current: t.key === tab })),
      tab,
      figures: {
        open: (counts.open ?? 0) + (counts.answered ?? 0),
        medianFirstReply: typical === undefined ? "no replies yet" : describeDuration(typical),
        answered: share(total - (counts.open ?? 0), total),
        resolved: share(resolvedCount, total),
      },
      reputation: businessFigures({ business, figures, statusCounts: counts, now }),
      complaints: inbox.rows.map((c) => ({
        ...listItem(c, categories, now),
        waited: c.waitingSince ? describeDuration(now - c.waitingSince) : "",
      })),
      pagination: paginate(`/dashboard/${business.slug}`, { tab }, page, inbox.total),
    });
  });

  function renderMembers(
    req: Request,
    res: import("express").Response,
    status: number,
    form: { values?: Record<string, string>; errors?: FieldErrors } = {},
  ) {
    const { business, role } = memberBusiness(req);
    res.status(status).render("dashboard/members", {
      title: `${business.name}: members`,
      business: businessCard(business),
      slug: business.slug,
      role,
      me: req.user!.id,
      members: team.members(business),
      invitations: role === "owner" ? team.pendingInvitations(business) : [],
      values: form.values ?? {},
      errors: form.errors ?? {},
    });
  }

  router.get("/dashboard/:slug/members", requireLogin, (req, res) => renderMembers(req, res, 200));

  router.post("/dashboard/:slug/members", requireLogin, async (req, res) => {
    const { business } = memberBusiness(req);
    const form = inviteForm.safeParse(req.body ?? {});
    if (!form.success) {
      team.requireOwner(business, req.user!); // an agent gets 403, not a list of errors
      return renderMembers(req, res, 400, { values: formValues(req.body), errors: fieldErrors(form.error) });
    }
    const link = team.invite(business, req.user!, form.data.email);
    await deps.mailer.send(invitationMessage(form.data.email, business.name, req.user!.displayName, link));
    flash(res, `We sent an invitation to ${form.data.email}.`);
    res.redirect(303, `/dashboard/${business.slug}/members`);
  });

  router.post("/dashboard/:slug/members/:userId/remove", requireLogin, (req, res) => {
    const { business } = memberBusiness(req);
    const userId = Number(req.params.userId) || 0;
    team.remove(business, req.user!, userId);
    flash(
      res,
      `${users.byId(userId)?.displayName ?? "They"} no longer answer${users.byId(userId) ? "s" : ""} for ${business.name}.`,
      "info",
    );
    res.redirect(303, `/dashboard/${business.slug}/members`);
  });

  router.get("/invitations/accept", requireLogin, (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const { businessId } = team.accept(token, req.user!);
    const business = businesses.byId(businessId)!;
    flash(res, `Welcome: you now answer for ${business.name}.`);
    res.redirect(303, `/dashboard/${business.slug}`);
  });

  return router;
}
