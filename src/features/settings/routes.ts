import { Router, type Request, type Response } from "express";
import type { Clock } from "../../clock.js";
import { requireLogin } from "../../web/current-user.js";
import { Conflict, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { textField, fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import type { RateLimits } from "../../web/rate-limits.js";
import { endSession, startSession } from "../../web/session.js";
import type { Accounts } from "../accounts/accounts.js";
import type { Notifications } from "../notifications/notifications.js";
import { deleteForm, emailForm, forgotForm, passwordForm, profileForm, resetForm, withAliases } from "./forms.js";

/** Password reset, and the account's settings: name, email, password, export, deletion. */
export function settingsRoutes(deps: {
  accounts: Accounts;
  limits: RateLimits;
  clock: Clock;
  notifications: Notifications;
}): Router {
  const { accounts, limits, clock } = deps;
  const router = Router();

  // --- Forgotten password ---
  router.get("/password/forgot", (_req, res) =>
    res.render("settings/forgot", { title: "Forgot your password?", values: {}, errors: {}, sent: false }),
  );

  router.post("/password/forgot", async (req, res) => {
    const form = forgotForm.safeParse(req.body ?? {});
    if (!form.success)
      return res.status(400).render("settings/forgot", {
        title: "Forgot your password?",
        values: formValues(req.body),
        errors: fieldErrors(form.error),
        sent: false,
      });
    await limits.consume("passwordResetByIp", req.ip ?? "unknown");
    await limits.consume("passwordResetByEmail", form.data.email);
    await accounts.requestPasswordReset(form.data.email);
    // The same page whether or not the address has an account.
    res.render("settings/forgot", {
      title: "Check your email",
      values: {},
      errors: {},
      sent: true,
      email: form.data.email,
    });
  });

  const resetProblem = (state: "unknown" | "used" | "expired") => {
    if (state === "unknown")
      throw new NotFound("This password reset link isn't valid. Ask for a new one.", "This link doesn't work");
    throw new Conflict(
      state === "used"
        ? "This password reset link has already been used. Ask for a new one if you need it."
        : "This password reset link has expired (links last one hour). Ask for a new one.",
      state === "used" ? "This link was already used" : "This link has expired",
    );
  };

  router.get("/password/reset", (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const state = token ? accounts.checkResetToken(token) : "unknown";
    if (state !== "valid") return resetProblem(state);
    res.render("settings/reset", { title: "Choose a new password", token, errors: {} });
  });

  router.post("/password/reset", async (req, res) => {
    // The token comes in the form, or in the link's query string when the form posts back to it.
    const token = textField(req.body, "token") ?? (typeof req.query.token === "string" ? req.query.token : "");
    const form = resetForm.safeParse({ ...formValues(req.body), token });
    if (!form.success)
      return res
        .status(400)
        .render("settings/reset", { title: "Choose a new password", token, errors: fieldErrors(form.error) });
    const result = await accounts.resetPassword(form.data.token, form.data.password);
    if (result.status !== "reset") return resetProblem(result.status);
    await startSession(req, result.userId, clock.now());
    flash(res, "Your password is changed, and every other session of your account has ended.");
    res.redirect(303, "/");
  });

  // --- Settings ---
  const render = (
    req: Request,
    res: Response,
    status: number,
    form: { name?: string; values?: Record<string, string>; errors?: FieldErrors } = {},
  ) =>
    res.status(status).render("settings/index", {
      title: "Settings",
      user: req.user!,
      emails: deps.notifications.settingsOf(req.user!.id),
      activeForm: form.name,
      values: form.values ?? {},
      errors: form.errors ?? {},
    });

  router.get("/settings", requireLogin, (req, res) => render(req, res, 200));

  router.post("/settings/profile", requireLogin, (req, res) => {
    const form = profileForm.safeParse(req.body ?? {});
    if (!form.success)
      return render(req, res, 400, { name: "profile", values: formValues(req.body), errors: fieldErrors(form.error) });
    accounts.changeDisplayName(req.user!.id, form.data.display_name);
    flash(res, "Your display name is changed.");
    res.redirect(303, "/settings");
  });

  router.post("/settings/email", requireLogin, async (req, res) => {
    const form = emailForm.safeParse(withAliases(req.body, { password: "current_password" }));
    const values = formValues(req.body, ["current_password"]);
    if (!form.success) return render(req, res, 400, { name: "email", values, errors: fieldErrors(form.error) });
    if (!(await accounts.checkPassword(req.user!.id, form.data.current_password))) {
      return render(req, res, 400, {
        name: "email",
        values,
        errors: { current_password: "That is not your current password" },
      });
    }
    if ((await accounts.requestEmailChange(req.user!, form.data.email)) === "taken") {
      return render(req, res, 400, { name: "email", values, errors: { email: "Another account uses this address" } });
    }
    flash(res, `We sent a link to ${form.data.email}. Your address changes when you open it.`);
    res.redirect(303, "/settings");
  });

  router.get("/settings/email/confirm", (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const result = token ? accounts.confirmEmailChange(token) : ({ status: "unknown" } as const);
    if (result.status === "changed") {
      flash(res, `Your email address is now ${result.email}.`);
      return res.redirect(303, req.user ? "/settings" : "/login");
    }
    if (result.status === "taken")
      throw new Conflict("Another account started using this address in the meantime.", "Address taken");
    return resetProblem(result.status);
  });

  router.post("/settings/password", requireLogin, async (req, res) => {
    const form = passwordForm.safeParse(withAliases(req.body, { new_password: "password" }));
    if (!form.success) return render(req, res, 400, { name: "password", errors: fieldErrors(form.error) });
    if (!(await accounts.checkPassword(req.user!.id, form.data.current_password))) {
      return render(req, res, 400, {
        name: "password",
        errors: { current_password: "That is not your current password" },
      });
    }
    await accounts.changePassword(req.user!.id, form.data.password, req.sessionID);
    flash(res, "Your password is changed. Your other sessions have ended.");
    res.redirect(303, "/settings");
  });

  router.get("/settings/export", requireLogin, (req, res) => {
    res.setHeader("Content-Disposition", `attachment; filename="redress-data-${req.user!.id}.json"`);
    res.setHeader("Cache-Control", "private, no-store");
    res
      .type("application/json")
      .send(
        JSON.stringify(
          { exportedAt: new Date(clock.now()).toISOString(), ...accounts.exportData(req.user!.id) },
          null,
          2,
        ),
      );
  });

  router.post("/settings/delete", requireLogin, async (req, res) => {
    const form = deleteForm.safeParse(withAliases(req.body, { password: "current_password" }));
    const values = formValues(req.body, ["current_password"]);
    if (!form.success) return render(req, res, 400, { name: "delete", values, errors: fieldErrors(form.error) });
    if (!(await accounts.checkPassword(req.user!.id, form.data.current_password))) {
      return render(req, res, 400, {
        name: "delete",
        values,
        errors: { current_password: "That is not your current password" },
      });
    }
    accounts.deleteAccount(req.user!.id, form.data.remove_complaints);
    await endSession(req, res);
    flash(res, "Your account is deleted.", "info");
    res.redirect(303, "/");
  });

  return router;
}
