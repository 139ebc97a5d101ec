import fs from "node:fs";
import yazl from "yazl";
import type { Request, Response } from "express";
import type { Services } from "../../services.js";
import { Conflict, NotFound } from "../../web/errors.js";
import { flash } from "../../web/flash.js";
import { textField, fieldErrors, formValues, type FieldErrors } from "../../web/forms.js";
import { endSession, startSession } from "../../web/session.js";
import { deleteForm, emailForm, forgotForm, passwordForm, profileForm, resetForm, withAliases } from "./forms.js";

/** Password reset, and the account's settings: name, email, password, export, deletion. */
export function settingsPages(
  deps: Pick<Services, "accounts" | "accountRecords" | "limits" | "clock" | "notifications">,
) {
  const { accounts, limits, clock } = deps;

  // --- Forgotten password ---
  const forgotPasswordPage = (_req: Request, res: Response) =>
    res.render("settings/forgot", { title: "Forgot your password?", values: {}, errors: {}, sent: false });

  const forgotPassword = async (req: Request, res: Response) => {
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
    await limits.mailBeforeSending(form.data.email);
    accounts.requestPasswordReset(form.data.email);
    // The same page whether or not the address has an account.
    res.render("settings/forgot", {
      title: "Check your email",
      values: {},
      errors: {},
      sent: true,
      email: form.data.email,
    });
  };

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

  const resetPasswordPage = (req: Request, res: Response) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const state = token ? accounts.checkResetToken(token) : "unknown";
    if (state !== "valid") return resetProblem(state);
    res.render("settings/reset", { title: "Choose a new password", token, errors: {} });
  };

  const resetPassword = async (req: Request, res: Response) => {
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
  };

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

  const settingsPage = (req: Request, res: Response) => render(req, res, 200);

  /**
   * The one check of the current password, for every change that asks for it: false when it is
   * right; when it is wrong, the form is shown again with the error (and true is returned).
   */
  async function refusedPassword(req: Request, res: Response, name: string, given: string, values = {}) {
    if (await accounts.checkPassword(req.user!.id, given)) return false;
    render(req, res, 400, { name, values, errors: { current_password: "That is not your current password" } });
    return true;
  }

  const saveProfile = (req: Request, res: Response) => {
    const form = profileForm.safeParse(req.body ?? {});
    if (!form.success)
      return render(req, res, 400, { name: "profile", values: formValues(req.body), errors: fieldErrors(form.error) });
    accounts.changeDisplayName(req.user!.id, form.data.display_name);
    flash(res, "Your display name is changed.");
    res.redirect(303, "/settings");
  };

  const changeEmail = async (req: Request, res: Response) => {
    const form = emailForm.safeParse(withAliases(req.body, { password: "current_password" }));
    const values = formValues(req.body, ["current_password"]);
    if (!form.success) return render(req, res, 400, { name: "email", values, errors: fieldErrors(form.error) });
    if (await refusedPassword(req, res, "email", form.data.current_password, values)) return;
    await limits.consume("emailChangesByUser", String(req.user!.id));
    await limits.mailBeforeSending(form.data.email);
    // An address another account has gets the same answer (that address is told so instead).
    if (accounts.requestEmailChange(req.user!, form.data.email) === "unchanged") {
      return render(req, res, 400, { name: "email", values, errors: { email: "This is already your address" } });
    }
    flash(res, `We sent a link to ${form.data.email}. Your address changes when you open it.`);
    res.redirect(303, "/settings");
  };

  const confirmEmailChange = (req: Request, res: Response) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    const result = token ? accounts.confirmEmailChange(token) : ({ status: "unknown" } as const);
    if (result.status === "changed") {
      flash(res, `Your email address is now ${result.email}.`);
      return res.redirect(303, req.user ? "/settings" : "/login");
    }
    if (result.status === "taken")
      throw new Conflict("Another account started using this address in the meantime.", "Address taken");
    return resetProblem(result.status);
  };

  const changePassword = async (req: Request, res: Response) => {
    const form = passwordForm.safeParse(withAliases(req.body, { new_password: "password" }));
    if (!form.success) return render(req, res, 400, { name: "password", errors: fieldErrors(form.error) });
    if (await refusedPassword(req, res, "password", form.data.current_password)) return;
    await accounts.changePassword(req.user!.id, form.data.password, req.sessionID);
    flash(res, "Your password is changed. Your other sessions have ended.");
    res.redirect(303, "/settings");
  };

  /** "Export my data": a zip of redress-data.json and, under files/, every file the account attached. */
  const exportData = (req: Request, res: Response) => {
    const { data, files } = deps.accountRecords.exportData(req.user!.id);
    const zip = new yazl.ZipFile();
    const json = JSON.stringify({ exportedAt: new Date(clock.now()).toISOString(), ...data }, null, 2);
    zip.addBuffer(Buffer.from(json), "redress-data.json");
    // Images and PDFs are compressed already; yazl opens each file only when its turn comes.
    for (const file of files) if (fs.existsSync(file.source)) zip.addFile(file.source, file.path, { compress: false });
    zip.end();
    res.setHeader("Content-Type", "application/zip");
    res.setHeader("Content-Disposition", `attachment; filename="redress-data-${req.user!.id}.zip"`);
    res.setHeader("Cache-Control", "private, no-store");
    zip.outputStream.pipe(res);
  };

  const deleteAccount = async (req: Request, res: Response) => {
    const form = deleteForm.safeParse(withAliases(req.body, { password: "current_password" }));
    const values = formValues(req.body, ["current_password"]);
    if (!form.success) return render(req, res, 400, { name: "delete", values, errors: fieldErrors(form.error) });
    if (await refusedPassword(req, res, "delete", form.data.current_password, values)) return;
    deps.accountRecords.deleteAccount(req.user!.id, form.data.remove_complaints);
    await endSession(req, res);
    flash(res, "Your account is deleted.", "info");
    res.redirect(303, "/");
  };

  return {
    forgotPasswordPage,
    settingsPage,
    forgotPassword,
    resetPasswordPage,
    resetPassword,
    saveProfile,
    changeEmail,
    confirmEmailChange,
    changePassword,
    exportData,
    deleteAccount,
  };
}
