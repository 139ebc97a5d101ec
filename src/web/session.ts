import type { IncomingMessage } from "node:http";
import session from "express-session";
import type { RequestHandler } from "express";
import type { Clock } from "../clock.js";
import { DAY } from "../clock.js";
import type { Config } from "../config.js";
import type { Db } from "../db/open.js";
import { sessionsDb } from "../db/sessions.js";

declare module "express-session" {
  interface SessionData {
    userId: number;
    loggedInAt: number;
  }
}

const SESSION_COOKIE = "redress.sid";
/** Absolute lifetime of a log-in. It is not extended by activity, so a page view never writes. */
const SESSION_TTL = 30 * DAY;

/**
 * express-session's store over our own database. The SQLite stores on npm are GPL-only, leak
 * timers, or never expire rows, and this one is four statements. Expiry is judged by the injected
 * clock; server.ts sweeps expired rows on a timer.
 */
class SqliteSessionStore extends session.Store {
  private readonly rows: ReturnType<typeof sessionsDb>;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    super();
    this.rows = sessionsDb(db);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    try {
      const data = this.rows.get(sid, this.clock.now());
      callback(null, data ? (JSON.parse(data) as session.SessionData) : null);
    } catch (err) {
      callback(err);
    }
  }

  override set(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void {
    try {
      const ttl = sess.cookie.originalMaxAge ?? SESSION_TTL;
      const loggedInAt = sess.loggedInAt ?? this.clock.now();
      this.rows.set({ sid, userId: sess.userId ?? null, data: JSON.stringify(sess), expiresAt: loggedInAt + ttl });
      callback?.();
    } catch (err) {
      callback?.(err);
    }
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    try {
      this.rows.destroy(sid);
      callback?.();
    } catch (err) {
      callback?.(err);
    }
  }

  /** Deliberately a no-op: the lifetime is absolute, and a logged-in page view should not write. */
  override touch(_sid: string, _sess: session.SessionData, callback?: () => void): void {
    callback?.();
  }
}

export function sessionMiddleware(deps: { db: Db; config: Config; clock: Clock; secret: string }): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: deps.secret,
    store: new SqliteSessionStore(deps.db, deps.clock),
    // Nothing is stored until something is put in the session (a log-in): anonymous visitors get
    // no row and no cookie.
    saveUninitialized: false,
    resave: false,
    rolling: false,
    unset: "destroy",
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      secure: deps.config.secureCookies,
      maxAge: SESSION_TTL,
      path: "/",
    },
  });
}

/** Whether the request carries our session cookie: without it, it is anonymous (the page cache asks too). */
export const hasSessionCookie = (req: IncomingMessage) => req.headers.cookie?.includes(`${SESSION_COOKIE}=`) === true;

/**
 * An anonymous page view (a GET without our session cookie) skips express-session entirely: it
 * would only mint a throwaway session id. req.session is then undefined, so read it with `?.`.
 */
export function sessionsWhereNeeded(sessions: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if ((req.method === "GET" || req.method === "HEAD") && !hasSessionCookie(req)) return next();
    sessions(req, res, next);
  };
}

/** Starts a logged-in session under a new id (so an id planted before log-in is worthless). */
export function startSession(req: import("express").Request, userId: number, at: number): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err as Error);
      req.session.userId = userId;
      req.session.loggedInAt = at;
      req.session.save((saveErr) => (saveErr ? reject(saveErr as Error) : resolve()));
    });
  });
}

/** Ends the session: the row is deleted and the browser is told to forget the cookie. */
export function endSession(req: import("express").Request, res: import("express").Response): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.destroy((err) => {
      if (err) return reject(err as Error);
      res.clearCookie(SESSION_COOKIE, { path: "/" });
      resolve();
    });
  });
}
