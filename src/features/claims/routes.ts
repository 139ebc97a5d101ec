import { Router, type Response } from "express";
import { businessesDb, type Business } from "../../db/businesses.js";
import type { Db } from "../../db/open.js";
import type { Mailer } from "../../mail/mailer.js";
import { claimEmailMessage } from "../../mail/messages.js";
import { requireLogin, requireRole } from "../../web/current-user.js";
import { Conflict, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import type { Notifications } from "../notifications/notifications.js";
import { emailAtDomain, type Claims } from "./claims.js";
import { emailClaimForm, rejectForm, reviewClaimForm } from "./forms.js";

export function claimsRoutes(deps: { db: Db; claims: Claims; mailer: Mailer; notifications: Notifications }): Router {
  const { claims, notifications } = deps;
  const businesses = businessesDb(deps.db);
  const router = Router();

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
    res.status(status).render("claims/claim", {
      title: `Claim ${business.name}`,
      business,
      state,
      verified: user.emailVerifiedAt !== null,
      showReview: page.review || state.mode === "manual" || state.mode === "dispute",
      values: page.values ?? {},
      errors: page.errors ?? {},
    });
  }

  router.get("/businesses/:slug/claim", requireLogin, (req, res) => {
    renderClaim(res, 200, businessOr404(req.params.slug), { review: req.query.review === "1" });
  });

  router.post("/businesses/:slug/claim", requireLogin, async (req, res) => {
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
      const { link } = claims.startByEmail(business, user, form.data.work_email);
      await deps.mailer.send(claimEmailMessage(form.data.work_email, business.name, user.displayName, link));
      flash(res, `We sent a link to ${form.data.work_email}. Open it within 24 hours to confirm your claim.`);
      return res.redirect(303, `/businesses/${business.slug}/claim`);
    }
    const form = reviewClaimForm.safeParse(req.body ?? {});
    if (!form.success)
      return renderClaim(res, 400, business, { values, errors: fieldErrors(form.error), review: true });
    claims.requestReview(business, user, { evidence: form.data.evidence, website: form.data.website });
    flash(res, "Thank you. An admin will review your claim, and we will email you the decision.");
    res.redirect(303, `/businesses/${business.slug}/claim`);
  });

  router.get("/claims/verify", async (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const result = token ? claims.verify(token) : ({ status: "unknown" } as const);
    switch (result.status) {
      case "verified": {
        const claimant = claims.claimant(result.claim);
        if (claimant)
          await notifications.claimDecision(
            claimant,
            { name: result.claim.businessName, slug: result.claim.businessSlug },
            "verified",
          );
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
  });

  // Claims are decided by admins only (moderators work the reports).
  const admin = Router();
  admin.use(requireRole("admin"));
  admin.get("/", (_req, res) =>
    res.render("claims/admin-claims", { title: "Claims to review", claims: claims.inReview(), errors: {} }),
  );
  admin.post("/:id/approve", async (req, res) => {
    const claim = claims.decide(Number(req.params.id) || 0, req.user!, "approve");
    const claimant = claims.claimant(claim);
    if (claimant)
      await notifications.claimDecision(claimant, { name: claim.businessName, slug: claim.businessSlug }, "approved");
    flash(res, `Approved: ${claim.userName} now answers for ${claim.businessName}.`);
    res.redirect(303, "/admin/claims");
  });
  admin.post("/:id/reject", async (req, res) => {
    // Each claim's form names its field reason-ID (ids are unique on the page); plain `reason` works too.
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = rejectForm.safeParse({ reason: body[`reason-${req.params.id}`] ?? body.reason });
    if (!form.success) {
      return res.status(400).render("claims/admin-claims", {
        title: "Claims to review",
        claims: claims.inReview(),
        errors: { [`reason-${req.params.id}`]: fieldErrors(form.error).reason },
      });
    }
    const claim = claims.decide(Number(req.params.id) || 0, req.user!, "reject", form.data.reason);
    const claimant = claims.claimant(claim);
    if (claimant)
      await notifications.claimDecision(
        claimant,
        { name: claim.businessName, slug: claim.businessSlug },
        "rejected",
        form.data.reason,
      );
    flash(res, `Rejected the claim of ${claim.businessName} by ${claim.userName}.`, "info");
    res.redirect(303, "/admin/claims");
  });
  router.use("/admin/claims", admin);

  return router;
}
