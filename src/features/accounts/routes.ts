import type { Request, Response } from "express";
import { localPath } from "../../lib/local-path.js";
import { endSentence } from "../../lib/text.js";
import { Conflict, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { textField, fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import { endSession, startSession } from "../../web/session.js";
import type { Services } from "../../services.js";
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

/** Why a verification link did not work, as the page says it. */
function verificationLinkProblem(status: "used" | "expired" | "unknown"): never {
  switch (status) {
    case "used":
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
}

const nextFrom = (req: Request) => localPath(textField(req.body, "next") ?? req.query.next);

/** Sign up, log in and out, verify the email address. */
export function accountsPages(deps: Pick<Services, "accounts" | "limits" | "clock">) {
  const { accounts, limits, clock } = deps;

  const signupPage = (req: Request, res: Response) => {
    if (req.user) return res.redirect(303, nextFrom(req) ?? "/");
    renderSignup(res, 200, { next: nextFrom(req) });
  };

  const signUp = async (req: Request, res: Response) => {
    const next = nextFrom(req);
    if (req.user) return res.redirect(303, next ?? "/"); // as the form does: one account per session
    const form = signupForm.safeParse(req.body ?? {});
    const values = formValues(req.body, ["password"]);
    if (!form.success) return renderSignup(res, 400, { values, errors: fieldErrors(form.error), next });
    await limits.consume("signupByIp", req.ip ?? "unknown");
    await limits.mailBeforeSending(form.data.email);
    const user = await accounts.signUp({
      email: form.data.email,
      password: form.data.password,
      displayName: form.data.display_name,
      next,
    });
    // An address that has an account gets the same answer (its owner was mailed instead), and
    // nobody is logged in: the answer never says whether an address has an account.
    if (user) await startSession(req, user.id, clock.now());
    // One message: it says what the verification banner would, so the banner waits for the next page.
    flash(
      res,
      `Welcome to Redress, ${endSentence(form.data.display_name)} We sent a link to ${form.data.email}: open it to verify your address.`,
      "success",
      { aboutVerification: true },
    );
    res.redirect(303, next ?? "/");
  };

  const loginPage = (req: Request, res: Response) => {
    if (req.user) return res.redirect(303, nextFrom(req) ?? "/");
    renderLogin(res, 200, { next: nextFrom(req) });
  };

  const logIn = async (req: Request, res: Response) => {
    const next = nextFrom(req);
    await limits.consume("loginByIp", req.ip ?? "unknown");
    const form = loginForm.safeParse(req.body ?? {});
    const values = formValues(req.body, ["password"]);
    if (!form.success) return renderLogin(res, 400, { values, errors: fieldErrors(form.error), next });
    // This address guessing this account: the owner, elsewhere, is never locked out by it.
    const pair = `${req.ip ?? "unknown"} ${form.data.email}`;
    await limits.check("loginFailuresByPair", pair);
    await limits.check("loginFailuresByPairDaily", pair);
    const user = await accounts.logIn(form.data);
    if (!user) {
      await limits.penalize("loginFailuresByPair", pair);
      await limits.penalize("loginFailuresByPairDaily", pair);
      // The same words whether the email is unknown or the password wrong: no account discovery here.
      return renderLogin(res, 401, {
        values,
        errors: { form: "That email and password don't match an account. Check both and try again." },
        next,
      });
    }
    await limits.reset("loginFailuresByPair", pair);
    await limits.reset("loginFailuresByPairDaily", pair);
    await startSession(req, user.id, clock.now());
    flash(res, `Welcome back, ${endSentence(user.displayName)}`);
    res.redirect(303, next ?? "/");
  };

  const logOut = async (req: Request, res: Response) => {
    if (req.session.userId) await endSession(req, res);
    flash(res, "You have logged out.", "info");
    res.redirect(303, "/");
  };

  const verifyEmail = (req: Request, res: Response) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const result = token ? accounts.verifyEmail(token) : { status: "unknown" as const };
    // Where the account was going when it signed up (kept with the link's token).
    const next = "next" in result ? localPath(result.next) : undefined;
    switch (result.status) {
      case "verified":
        if (req.user?.id === result.userId) {
          flash(res, "Thank you: your email address is verified.");
          return res.redirect(303, next ?? "/");
        }
        flash(res, "Thank you: your email address is verified. Log in to continue.");
        return res.redirect(303, next ? `/login?next=${encodeURIComponent(next)}` : "/login");
      case "used":
        if (req.user?.emailVerifiedAt) {
          flash(res, "Your email address is already verified.", "info");
          return res.redirect(303, next ?? "/");
        }
        return verificationLinkProblem("used");
      default:
        return verificationLinkProblem(result.status);
    }
  };

  const resendVerification = async (req: Request, res: Response) => {
    const user = req.user!;
    await limits.consume("verificationEmailsByUser", String(user.id));
    await limits.mailBeforeSending(user.email);
    accounts.resendVerification(user.id);
    flash(res, `We sent a new link to ${user.email}. It works once and expires in 7 days.`);
    res.redirect(303, nextFrom(req) ?? "/");
  };

  return { signupPage, signUp, loginPage, logIn, logOut, verifyEmail, resendVerification };
}
