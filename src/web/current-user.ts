import type { RequestHandler } from "express";
import type { User, UsersDb } from "../db/users.js";
import { localPath } from "../lib/local-path.js";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The logged-in user, or undefined for an anonymous visitor. */
      user?: User;
    }
  }
}

/** Loads the session's user once per request; views see it as `currentUser`. */
export function loadCurrentUser(users: UsersDb): RequestHandler {
  return (req, res, next) => {
    const userId = req.session?.userId;
    if (userId) {
      req.user = users.byId(userId);
    }
    res.locals.currentUser = req.user;
    next();
  };
}

/** Guards a route: an anonymous visitor is sent to log in and brought back here afterwards. */
export const requireLogin: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  const back = req.method === "GET" ? localPath(req.originalUrl) : undefined;
  res.redirect(303, back ? `/login?next=${encodeURIComponent(back)}` : "/login");
};
