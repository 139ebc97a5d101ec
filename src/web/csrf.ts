import type { Request, RequestHandler, Response } from "express";
import { doubleCsrf } from "csrf-csrf";
import type { Config } from "../config.js";
import { textField } from "./forms.js";

/**
 * CSRF protection with signed double-submit cookies (csrf-csrf). The token lives in a cookie, not in
 * the session, so the log-in and sign-up forms work without creating a session row for an anonymous
 * visitor. Once logged in, tokens are bound to the session id, so a token from before the log-in (or
 * from another account) is refused.
 */
export function csrfProtection(config: Config, secret: string) {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => (req.session?.userId ? req.sessionID : "anonymous"),
    // The __Host- prefix pins the cookie to this exact origin, but browsers only accept it over https.
    cookieName: config.secureCookies ? "__Host-redress.csrf" : "redress.csrf",
    cookieOptions: { sameSite: "lax", secure: config.secureCookies, httpOnly: true, path: "/" },
    getCsrfTokenFromRequest: (req) => {
      return textField(req.body, "_csrf") ?? req.headers["x-csrf-token"];
    },
  });

  const protect: RequestHandler = doubleCsrfProtection;
  /**
   * For views: the token for the forms on this page, made once per response (each new token replaces
   * the cookie, so two forms must share one). A page with a form is private and never cached.
   */
  const tokenFor = (req: Request, res: Response): string => {
    const made: unknown = res.locals.csrfTokenValue;
    if (typeof made === "string") return made;
    res.setHeader("Cache-Control", "private, no-store");
    const token = generateCsrfToken(req, res);
    res.locals.csrfTokenValue = token;
    return token;
  };
  return { protect, tokenFor };
}

export function isCsrfError(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "EBADCSRFTOKEN";
}
