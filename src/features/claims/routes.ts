import type { Request, Response } from "express";
import type { Business } from "../../db/businesses.js";
import type { Claim } from "../../db/claims.js";
import { formatDate } from "../../lib/dates.js";
import { parseWebsite } from "../../lib/websites.js";
import type { Services } from "../../services.js";
import { Conflict, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { fieldErrors, formValues, textField, type FieldErrors } from "../../web/forms.js";
import { emailAtDomain } from "./claims.js";
import { emailClaimForm, rejectForm, resendClaimForm, reviewClaimForm } from "./forms.js";

/** Why a claim link did not work, as the page says it. */
function claimLinkProblem(status: "used" | "expired" | "unknown"): never {
  switch (status) {
    case "used":
      throw new Conflict(
        "This link has already been used. If your claim is not confirmed, start it again from the business's page to get a new link.",
        "This link was already used",
      );
    case "expired":
      throw new Conflict(
        "This link has expired (links last 24 hours). Start your claim again from the business's page to get a new one.",
        "This link has expired",
      );
    case "unknown":
      throw new NotFound(
        "This claim link isn't valid. Check that you copied the whole link, or start your claim again to get a new one.",
        "This link doesn't work",
      );
  }
}

/**
 * A claim as an admin reviews it: when it was made, and a warning when neither of the claimant's
 * addresses is at the domain of the website they propose (or the one on file).
 */
function claimCard(c: Claim) {
  const site = parseWebsite(c.proposedWebsite ?? c.businessWebsite ?? "");
  const emails = [c.workEmail, c.userEmail].filter((e): e is string => e !== null);
  const at = (email: string) => email.slice(email.lastIndexOf("@") + 1);
  const mismatch =
    site && !emails.some((e) => emailAtDomain(e, site.domain))
      ? `The claimant's email (${[...new Set(emails.map(at))].join(", ")}) is not at the ${c.proposedWebsite ? "proposed" : "listed"} website's domain (${site.domain})`
      : undefined;
  return { ...c, asked: formatDate(c.createdAt), mismatch };
}

/** Claiming a business (by work email or an admin's review), and the admins' queue of claims. */
export function claimsPages(deps: Pick<Services, "claims" | "businesses" | "limits">) {
  const { claims, businesses, limits } = deps;

  const businessOr404 = (slug: unknown) => {
    const business = typeof slug === "string" ? businesses.bySlug(slug) : undefined;
    if (!business) throw new NotFound();
    return business;
  };

  function renderClaim(
    res: Response,
    status: number,
    business: Business,
    page: { values?: Record<string, string>; errors?: FieldErrors; review?: boolean } = {},
  ) {
    const user = res.req.user!;
    const state = claims.pageFor(business, user);
    // An account already at the business's domain needs to type nothing.
    const prefill = business.domain && emailAtDomain(user.email, business.domain) ? { work_email: user.email } : {};
    res.status(status).render("claims/claim", {
      title: `Claim ${business.name}`,
      business,
      state,
      verified: user.emailVerifiedAt !== null,
      showReview: page.review || state.mode === "manual" || state.mode === "dispute",
      values: page.values ?? prefill,
      errors: page.errors ?? {},
    });
  }

  const claimPage = (req: Request, res: Response) => {
    renderClaim(res, 200, businessOr404(req.params.slug), { review: req.query.review === "1" });
  };

  const claimBusiness = async (req: Request, res: Response) => {
    const business = businessOr404(req.params.slug);
    const user = req.user!;
    const values = formValues(req.body);
    if (values.method === "email") {
      const form = emailClaimForm.safeParse(req.body ?? {});
      if (!form.success) return renderClaim(res, 400, business, { values, errors: fieldErrors(form.error) });
      if (business.domain && !emailAtDomain(form.data.work_email, business.domain)) {
        return renderClaim(res, 400, business, {
          values,
          errors: { work_email: `Use an email address at ${business.domain} (or a subdomain of it)` },
        });
      }
      await limits.consume("claimEmailsByUser", String(user.id));
      await limits.mailBeforeSending(form.data.work_email);
      claims.startByEmail(business, user, form.data.work_email);
      flash(res, `We sent a link to ${form.data.work_email}. Open it within 24 hours to confirm your claim.`);
      return res.redirect(303, `/businesses/${business.slug}/claim`);
    }
    const form = reviewClaimForm.safeParse(req.body ?? {});
    if (!form.success)
      return renderClaim(res, 400, business, { values, errors: fieldErrors(form.error), review: true });
    claims.requestReview(business, user, { evidence: form.data.evidence, website: form.data.website });
    flash(res, "Thank you. An admin will review your claim, and we will email you the decision.");
    res.redirect(303, `/businesses/${business.slug}/claim`);
  };

  /** A waiting claim's link, again: to the same address, or to another at the business's domain. */
  const resendClaimLink = async (req: Request, res: Response) => {
    const business = businessOr404(req.params.slug);
    const user = req.user!;
    const values = formValues(req.body);
    const form = resendClaimForm.safeParse(req.body ?? {});
    const wrongDomain =
      form.success && form.data.work_email && business.domain && !emailAtDomain(form.data.work_email, business.domain);
    if (!form.success || wrongDomain)
      return renderClaim(res, 400, business, {
        values,
        errors: {
          work_email: form.success
            ? `Use an email address at ${business.domain ?? "the business's domain"} (or a subdomain of it)`
            : (fieldErrors(form.error).work_email ?? "Enter an email address"),
        },
      });
    const state = claims.pageFor(business, user);
    if (state.mode !== "waiting" || state.claim.status !== "email_sent" || !state.claim.workEmail)
      throw new Conflict("There is no claim of yours waiting for a link.");
    const to = form.data.work_email ?? state.claim.workEmail;
    await limits.consume("claimEmailsByUser", String(user.id));
    await limits.mailBeforeSending(to);
    const sent = claims.resendLink(business, user, form.data.work_email);
    flash(
      res,
      `We sent a new link to ${sent.workEmail ?? to}. Open it within 24 hours; the earlier links no longer work.`,
    );
    res.redirect(303, `/businesses/${business.slug}/claim`);
  };

  const verifyClaim = (req: Request, res: Response) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const result = token ? claims.verify(token) : ({ status: "unknown" } as const);
    switch (result.status) {
      case "verified": {
        flash(res, `Confirmed: you now answer for ${result.claim.businessName}.`);
        const dashboard = `/dashboard/${result.claim.businessSlug}`;
        return res.redirect(
          303,
          req.user?.id === result.claim.userId ? dashboard : `/login?next=${encodeURIComponent(dashboard)}`,
        );
      }
      case "in_review":
        flash(
          res,
          `${result.claim.businessName} was claimed by someone else in the meantime, so an admin will review your claim.`,
          "info",
        );
        return res.redirect(303, `/businesses/${result.claim.businessSlug}`);
      default:
        return claimLinkProblem(result.status);
    }
  };

  // Claims are decided by admins only (moderators work the reports).
  const claimsQueue = (_req: Request, res: Response) =>
    res.render("claims/admin-claims", {
      title: "Claims to review",
      claims: claims.inReview().map(claimCard),
      errors: {},
    });
  const approveClaim = (req: Request, res: Response) => {
    const claim = claims.decide(Number(req.params.id) || 0, req.user!, "approve");
    flash(res, `Approved: ${claim.userName} now answers for ${claim.businessName}.`);
    res.redirect(303, "/admin/claims");
  };
  const rejectClaim = (req: Request, res: Response) => {
    // Each claim's form names its field reason-ID (ids are unique on the page); plain `reason` works too.
    const field = `reason-${String(req.params.id)}`;
    const form = rejectForm.safeParse({ reason: textField(req.body, field) ?? textField(req.body, "reason") });
    if (!form.success) {
      return res.status(400).render("claims/admin-claims", {
        title: "Claims to review",
        claims: claims.inReview().map(claimCard),
        errors: { [field]: fieldErrors(form.error).reason },
      });
    }
    const claim = claims.decide(Number(req.params.id) || 0, req.user!, "reject", form.data.reason);
    flash(res, `Rejected the claim of ${claim.businessName} by ${claim.userName}.`, "info");
    res.redirect(303, "/admin/claims");
  };

  return { claimPage, claimBusiness, resendClaimLink, verifyClaim, claimsQueue, approveClaim, rejectClaim };
}
