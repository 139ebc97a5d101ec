import { Router, type Request, type Response } from "express";
import { localPath } from "../../lib/local-path.js";
import type { Clock } from "../../clock.js";
import { requireLogin } from "../../web/current-user.js";
import { Conflict, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { textField, fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import type { RateLimits } from "../../web/rate-limits.js";
import { endSession, startSession } from "../../web/session.js";
import type { ComplaintEvent } from "../complaints/complaints.js";
import type { Accounts } from "./accounts.js";
import { loginForm, signupForm } from "./forms.js";

interface FormPage {
  values?: Record<string, string>;
  errors?: FieldErrors;
  next?: string | undefined;
}

const renderSignup = (res: Response, status: number, page: FormPage) =>
  res.status(status).render("accounts/signup", { title: "Sign up", values: {}, errors: {}, ...page });

const renderLogin = (res: Response, status: number, page: FormPage) =>
  res.status(status).render("accounts/login", { title: "Log in", values: {}, errors: {}, ...page });

const nextFrom = (req: Request) => localPath(textField(req.body, "next") ?? req.query.next);

export function accountsRoutes(deps: {
  accounts: Accounts;
  limits: RateLimits;
  clock: Clock;
  /** Tells businesses about complaints that verification just published. */
  notify: (events: readonly ComplaintEvent[]) => Promise<void>;
}): Router {
  const { accounts, limits, clock } = deps;
  const router = Router();

  router.get("/signup", (req, res) => {
    if (req.user) return res.redirect(303, nextFrom(req) ?? "/");
    renderSignup(res, 200, { next: nextFrom(req) });
  });

  router.post("/signup", async (req, res) => {
    const next = nextFrom(req);
    const form = signupForm.safeParse(req.body ?? {});
    const values = formValues(req.body, ["password"]);
    if (!form.success) return renderSignup(res, 400, { values, errors: fieldErrors(form.error), next });
    await limits.consume("signupByIp", req.ip ?? "unknown");
    const result = await accounts.signUp({
      email: form.data.email,
      password: form.data.password,
      displayName: form.data.display_name,
    });
    if (!result.ok) return renderSignup(res, 400, { values, errors: result.errors, next });
    await startSession(req, result.user.id, clock.now());
    flash(
      res,
      `Welcome to Redress, ${result.user.displayName}. We sent a link to ${result.user.email}: open it to verify your address.`,
    );
    res.redirect(303, next ?? "/");
  });

  router.get("/login", (req, res) => {
    if (req.user) return res.redirect(303, nextFrom(req) ?? "/");
    renderLogin(res, 200, { next: nextFrom(req) });
  });

  router.post("/login", async (req, res) => {
    const next = nextFrom(req);
    await limits.consume("loginByIp", req.ip ?? "unknown");
    const form = loginForm.safeParse(req.body ?? {});
    const values = formValues(req.body, ["password"]);
    if (!form.success) return renderLogin(res, 400, { values, errors: fieldErrors(form.error), next });
    const account = form.data.email;
    await limits.check("loginFailuresByAccount", account);
    const user = await accounts.logIn(form.data);
    if (!user) {
      await limits.penalize("loginFailuresByAccount", account);
      // The same words whether the email is unknown or the password wrong: no account discovery here.
      return renderLogin(res, 401, {
        values,
        errors: { form: "That email and password don't match an account. Check both and try again." },
        next,
      });
    }
    await limits.reset("loginFailuresByAccount", account);
    await startSession(req, user.id, clock.now());
    flash(res, `Welcome back, ${user.displayName}.`);
    res.redirect(303, next ?? "/");
  });

  router.post("/logout", async (req, res) => {
    if (req.session.userId) await endSession(req, res);
    flash(res, "You have logged out.", "info");
    res.redirect(303, "/");
  });

  router.get("/verify-email", async (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const result = token ? accounts.verifyEmail(token) : { status: "unknown" as const };
    switch (result.status) {
      case "verified":
        await deps.notify(result.events);
        if (req.user?.id === result.userId) {
          flash(res, "Thank you: your email address is verified.");
          return res.redirect(303, "/");
        }
        flash(res, "Thank you: your email address is verified. Log in to continue.");
        return res.redirect(303, "/login");
      case "used":
        if (req.user?.emailVerifiedAt) {
          flash(res, "Your email address is already verified.", "info");
          return res.redirect(303, "/");
        }
        throw new Conflict(
          "This verification link has already been used. If your address is still unverified, log in and ask for a new link.",
          "This link was already used",
        );
      case "expired":
        throw new Conflict(
          "This verification link has expired. Log in and ask for a new link: it takes a second.",
          "This link has expired",
        );
      case "unknown":
        throw new NotFound(
          "This verification link isn't valid. Check that you copied the whole link from the email, or log in and ask for a new one.",
          "This link doesn't work",
        );
    }
  });

  router.post("/verify-email/resend", requireLogin, async (req, res) => {
    const user = req.user!;
    await limits.consume("verificationEmailsByUser", String(user.id));
    const sent = await accounts.resendVerification(user.id);
    if (sent) flash(res, `We sent a new link to ${user.email}. It works once and expires in 7 days.`);
    else flash(res, "We couldn't send the email just now. Please try again in a few minutes.", "error");
    res.redirect(303, nextFrom(req) ?? "/");
  });

  return router;
}
