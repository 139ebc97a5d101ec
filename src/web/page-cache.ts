import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import type { Clock } from "../clock.js";
import { hasFlashCookie } from "./flash.js";
import { hasSessionCookie } from "./session.js";

/**
 * The page cache: rendered anonymous pages, kept in this process and served before Express when
 * they are fresh. Every page says what it shows as tags (`business:42`, `complaint:9001`, `home`:
 * features/cache/tags.ts); every write says what it changed, in its transaction; an entry with a
 * changed tag is gone before the write's response is sent, so a hit is never older than the last
 * write that touches it. What only time changes ("2 days ago", the 15-day mark) is bounded by
 * MAX_AGE. Only 200 answers to anonymous GETs with `Cache-Control: public` are kept: a page with a
 * form (its CSRF token makes it private), a flash message or a session is never stored.
 */

/** A minute: the most that the passing of time alone may leave a page behind. */
export const MAX_AGE_SECONDS = 60;
const MAX_ENTRIES = 5_000;
const MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  status: number;
  headers: [string, string | string[]][];
  body: Buffer;
  etag: string | undefined;
  tags: readonly string[];
  storedAt: number;
}

/** Headers that belong to one response only, never replayed from the cache. */
const OWN_HEADERS = new Set(["set-cookie", "x-request-id", "date", "connection", "keep-alive", "transfer-encoding"]);

const anonymous = (req: IncomingMessage) =>
  (req.method === "GET" || req.method === "HEAD") && !hasSessionCookie(req) && !hasFlashCookie(req);

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private bytes = 0;
  /** Bumped by every invalidation; a render that began before a change to its tags is not kept. */
  private generation = 0;
  private readonly changedAt = new Map<string, number>();
  private clearedAt = 0;

  constructor(
    private readonly clock: Clock,
    /** Off (PAGE_CACHE=0): nothing is kept; the headers for a CDN still go out. */
    private readonly enabled = true,
  ) {}

  /** Serves a fresh hit for an anonymous GET (304 when the browser has it); false when there is none. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.enabled || !anonymous(req)) return false;
    const key = req.url ?? "";
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (this.clock.now() - entry.storedAt >= MAX_AGE_SECONDS * 1000) {
      this.drop(key);
      return false;
    }
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("Age", String(Math.floor((this.clock.now() - entry.storedAt) / 1000)));
    res.setHeader("X-Cache", "HIT");
    if (entry.etag && req.headers["if-none-match"] === entry.etag) {
      res.statusCode = 304;
      res.removeHeader("Content-Length");
      res.end();
      return true;
    }
    res.statusCode = entry.status;
    res.end(req.method === "HEAD" ? undefined : entry.body);
    return true;
  }

  /**
   * Express middleware, first in the stack: serves hits there too (for servers built on the app
   * alone), and for an anonymous GET that misses, keeps what the handler sends if it may be kept.
   */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (this.serve(req, res)) return;
      if (!this.enabled || !anonymous(req) || req.method !== "GET") return next();
      const began = this.generation;
      const key = req.originalUrl;
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        const sent = send(body);
        this.keep(key, res, body, began);
        return sent;
      };
      res.setHeader("X-Cache", "MISS");
      next();
    };
  }

  private keep(key: string, res: Response, body: unknown, began: number) {
    const tags = res.locals.cacheTags as readonly string[] | undefined;
    if (!tags || res.statusCode !== 200 || res.getHeader("set-cookie") !== undefined) return;
    if (!String(res.getHeader("cache-control") ?? "").includes("public")) return;
    if (this.clearedAt > began || tags.some((tag) => (this.changedAt.get(tag) ?? 0) > began)) return;
    const bytes = Buffer.isBuffer(body) ? body : typeof body === "string" ? Buffer.from(body) : undefined;
    if (!bytes || bytes.length > MAX_BYTES / 16) return;
    this.drop(key);
    const headers = Object.entries(res.getHeaders())
      .filter(([name, value]) => value !== undefined && !OWN_HEADERS.has(name) && name !== "x-cache")
      .map(([name, value]) => [name, typeof value === "number" ? String(value) : value] as [string, string | string[]]);
    const etag = res.getHeader("etag");
    this.entries.set(key, {
      status: 200,
      headers,
      body: bytes,
      etag: typeof etag === "string" ? etag : undefined,
      tags,
      storedAt: this.clock.now(),
    });
    this.bytes += bytes.length;
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    // The oldest entries go first when the cache is full (a Map iterates in insertion order).
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.drop(oldest);
    }
  }

  private drop(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
    for (const tag of entry.tags) this.byTag.get(tag)?.delete(key);
  }

  /** Every entry that shows one of these tags goes now. */
  invalidate(tags: Iterable<string>) {
    this.generation++;
    for (const tag of tags) {
      this.changedAt.set(tag, this.generation);
      for (const key of [...(this.byTag.get(tag) ?? [])]) this.drop(key);
      this.byTag.delete(tag);
    }
  }

  /** Everything goes: for the rare change that shows on pages nobody can list (a renamed author). */
  clear() {
    this.generation++;
    this.clearedAt = this.generation;
    this.entries.clear();
    this.byTag.clear();
    this.changedAt.clear();
    this.bytes = 0;
  }

  get size() {
    return this.entries.size;
  }
}

/**
 * A page says what it shows (features/cache/tags.ts). For an anonymous visitor it becomes public:
 * kept here and by a CDN for MAX_AGE at most, its tags sent as Surrogate-Key so a purge can drop it
 * sooner. A page that renders a form turns private again (its CSRF token: web/csrf.ts).
 */
export function pageShows(res: Response, tags: readonly string[]) {
  res.locals.cacheTags = tags;
  if (res.req.user) return;
  res.setHeader("Cache-Control", `public, max-age=0, s-maxage=${MAX_AGE_SECONDS}`);
  res.setHeader("Surrogate-Key", ["all", ...tags].join(" "));
}
