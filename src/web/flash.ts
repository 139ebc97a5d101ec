import type { IncomingMessage } from "node:http";
import type { RequestHandler, Response } from "express";
import { textField } from "./forms.js";

const FLASH_COOKIE = "redress.flash";

export interface Flash {
  kind: "success" | "info" | "error";
  message: string;
  /** The message says what the "please verify your email" banner says, so the page leaves the banner out. */
  aboutVerification?: boolean;
}

/**
 * One-time messages shown on the page after a redirect. They travel in a short-lived signed cookie
 * rather than the session, so a message after log-out (no session any more) works too, and showing
 * one writes nothing to the database.
 */
export function flash(
  res: Response,
  message: string,
  kind: Flash["kind"] = "success",
  options: { aboutVerification?: boolean } = {},
): void {
  res.cookie(FLASH_COOKIE, JSON.stringify({ kind, message, ...options }), {
    signed: true,
    httpOnly: true,
    sameSite: "lax",
    secure: res.req.secure,
    maxAge: 60_000,
    path: "/",
  });
}

/** Whether a flash message waits for this request: its page is for this visitor only, never cached. */
export const hasFlashCookie = (req: IncomingMessage) => req.headers.cookie?.includes(`${FLASH_COOKIE}=`) === true;

/** Reads the flash of this request into res.locals.flash and clears it. */
export const readFlash: RequestHandler = (req, res, next) => {
  const raw = textField(req.signedCookies, FLASH_COOKIE);
  if (typeof raw === "string" && req.method === "GET") {
    try {
      const parsed = JSON.parse(raw) as Partial<Flash>;
      if (typeof parsed.message === "string" && ["success", "info", "error"].includes(parsed.kind ?? "")) {
        res.locals.flash = {
          kind: parsed.kind,
          message: parsed.message,
          aboutVerification: !!parsed.aboutVerification,
        };
      }
    } catch {
      // A mangled cookie is simply dropped.
    }
    res.clearCookie(FLASH_COOKIE, { path: "/" });
  }
  next();
};
