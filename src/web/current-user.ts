import type { RequestHandler } from "express";
import type { User, UsersDb } from "../db/users.js";
import { localPath } from "../lib/local-path.js";
import { Forbidden } from "./errors.js";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The logged-in user, or undefined for an anonymous visitor. */
      user?: User;
    }
  }
}

/**
 * Loads the session's user once per request; views see it as `currentUser`, and `answersForBusiness`
 * (whether the menu offers the business dashboard).
 */
export function loadCurrentUser(users: UsersDb, answersForAny: (userId: number) => boolean): RequestHandler {
  return (req, res, next) => {
    const userId = req.session?.userId;
    if (userId) {
      const user = users.byId(userId);
      // A suspended or deleted account is logged out wherever it still has a session.
      req.user = user && user.suspendedAt === null && user.deletedAt === null ? user : undefined;
    }
    res.locals.currentUser = req.user;
    res.locals.answersForBusiness = req.user ? answersForAny(req.user.id) : false;
    next();
  };
}

/**
 * Guards a route. An anonymous GET is sent to log in and brought back afterwards; an anonymous POST
 * (a session that ended while a page was open) is refused with 403 and nothing changes.
 */
export const requireLogin: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method !== "GET" && req.method !== "HEAD") {
    return next(new Forbidden("You need to be logged in to do that. Log in, then try again."));
  }
  const back = localPath(req.originalUrl);
  res.redirect(303, back ? `/login?next=${encodeURIComponent(back)}` : "/login");
};

/** Only users with this role (admins have every role) get in; everyone else gets 403 (or log in). */
function requireRole(role: "admin" | "moderator", ...[req, res, next]: Parameters<RequestHandler>) {
  if (!req.user) return requireLogin(req, res, next);
  const ok = req.user.role === "admin" || req.user.role === role;
  next(ok ? undefined : new Forbidden("This area is for Redress's administrators."));
}

/** Guards a whole router for moderators (and admins). Named, so the route list shows it. */
export const requireModerator: RequestHandler = (req, res, next) => requireRole("moderator", req, res, next);
/** Guards a whole router for admins only. */
export const requireAdmin: RequestHandler = (req, res, next) => requireRole("admin", req, res, next);
