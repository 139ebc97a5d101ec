import type { NextFunction, Request, Response } from "express";
import type { Business } from "../../db/businesses.js";
import type { MemberRole } from "../../db/members.js";
import { paginate, PAGE_SIZE, parsePage } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import { NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { fieldErrors, formValues, textField, type FieldErrors } from "../../web/forms.js";
import { businessCard } from "../businesses/present.js";
import { badgeEmbed } from "../businesses/badge.js";
import { listItem } from "../complaints/list-item.js";
import { inviteForm } from "./forms.js";
import { INBOX_TABS, isInboxTab } from "./inbox.js";

interface Membership {
  business: Business;
  role: MemberRole;
}

/** What loadMembership found for this request's :slug. */
function membership(res: Response): Membership {
  const found = res.locals.membership as Membership | undefined;
  if (!found) throw new NotFound();
  return found;
}

/** A business's dashboard: its inbox and figures, its members and invitations. */
export function dashboardPages(
  deps: Pick<Services, "businesses" | "team" | "inbox" | "categories" | "clock" | "figures" | "limits" | "baseUrl">,
) {
  const { businesses, team, inbox, clock, categories, figures, limits, baseUrl } = deps;

  /** The business in the URL, if the user answers for it (else 404 for unknown, 403 for others'). */
  const loadMembership = (req: Request, res: Response, next: NextFunction, slug: unknown) => {
    const business = typeof slug === "string" ? businesses.bySlug(slug) : undefined;
    if (!business) throw new NotFound();
    res.locals.membership = { business, role: team.roleAt(business, req.user!) } satisfies Membership;
    next();
  };

  const myBusinesses = (req: Request, res: Response) => {
    const mine = team.businessesOf(req.user!).map(({ business, role }) => ({
      ...businessCard(business),
      role,
      dashboard: `/dashboard/${business.slug}`,
    }));
    res.render("dashboard/index", { title: "Dashboard", businesses: mine });
  };

  const inboxPage = (req: Request, res: Response) => {
    const { business, role } = membership(res);
    const tab = isInboxTab(req.query.tab) ? req.query.tab : "needs-reply";
    const page = parsePage(req.query.page);
    const now = clock.now();
    const found = inbox.page(business, tab, PAGE_SIZE, (page - 1) * PAGE_SIZE, now);
    const counts = inbox.counts(business);
    res.render("dashboard/business", {
      title: `${business.name}: dashboard`,
      business: businessCard(business),
      slug: business.slug,
      role,
      tabs: INBOX_TABS.map((t) => ({
        ...t,
        count: counts[t.key],
        url: `/dashboard/${business.slug}?tab=${t.key}`,
        current: t.key === tab,
      })),
      needsReply: counts["needs-reply"],
      tab,
      figures: figures.forDashboard(business, now),
      reputation: figures.forBusiness(business, now),
      badge: badgeEmbed(baseUrl, business),
      complaints: found.rows.map(({ row, lastWord }) => ({
        ...listItem(row, categories, now, { showWait: tab === "needs-reply" }),
        lastWord,
      })),
      pagination: paginate(`/dashboard/${business.slug}`, { tab }, page, found.total),
    });
  };

  function renderMembers(
    req: Request,
    res: Response,
    status: number,
    form: { values?: Record<string, string>; errors?: FieldErrors } = {},
  ) {
    const { business, role } = membership(res);
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

  const membersPage = (req: Request, res: Response) => renderMembers(req, res, 200);

  const inviteMember = async (req: Request, res: Response) => {
    const { business } = membership(res);
    const form = inviteForm.safeParse(req.body ?? {});
    if (!form.success) {
      team.requireOwner(business, req.user!); // an agent gets 403, not a list of errors
      return renderMembers(req, res, 400, { values: formValues(req.body), errors: fieldErrors(form.error) });
    }
    team.requireOwner(business, req.user!);
    await limits.consume("invitationsByUser", String(req.user!.id));
    await limits.mailBeforeSending(form.data.email);
    team.invite(business, req.user!, form.data.email);
    flash(res, `We sent an invitation to ${form.data.email}.`);
    res.redirect(303, `/dashboard/${business.slug}/members`);
  };

  const removeMember = (req: Request, res: Response) => {
    const { business } = membership(res);
    const userId = Number(req.params.userId) || 0;
    team.remove(business, req.user!, userId);
    const name = team.memberName(userId);
    flash(res, `${name ?? "They"} no longer answer${name ? "s" : ""} for ${business.name}.`, "info");
    res.redirect(303, `/dashboard/${business.slug}/members`);
  };

  // The emailed link only asks; the POST joins (a link opened by mistake, or planted, joins nobody).
  const invitationPage = (req: Request, res: Response) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const business = team.invitedTo(token);
    res.render("dashboard/invitation", { title: `Answer for ${business.name}`, business, token });
  };

  const acceptInvitation = (req: Request, res: Response) => {
    const token = textField(req.body, "token") ?? "";
    const { businessId } = team.accept(token, req.user!);
    const business = businesses.byId(businessId)!;
    flash(res, `Welcome: you now answer for ${business.name}.`);
    res.redirect(303, `/dashboard/${business.slug}`);
  };

  return {
    loadMembership,
    myBusinesses,
    inboxPage,
    membersPage,
    inviteMember,
    removeMember,
    invitationPage,
    acceptInvitation,
  };
}
