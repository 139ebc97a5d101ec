import path from "node:path";
import { z } from "zod";
import { RATE_LIMITS } from "./web/rate-limits.js";

/**
 * Every setting Redress reads, parsed once at start from the environment.
 * Pure: no file or network access, so tests can call it with any object.
 */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value === "" ? undefined : value));

const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      error: "must be development, production or test",
    })
    .default("development"),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, "must be a whole number from 0 to 65535")
    .transform(Number)
    .refine((port) => port <= 65535, "must be a whole number from 0 to 65535")
    .default(3000),
  HOST: optionalText,
  DATABASE_PATH: optionalText,
  BASE_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: "must be an absolute http:// or https:// URL" })
      .refine((url) => !/[?#]/.test(url), "must not have a query or fragment")
      .optional(),
  ),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional()),
  MAIL_FROM: optionalText.pipe(
    z
      .string()
      .regex(
        /^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
        'must be an address like "Redress <no-reply@example.org>"',
      )
      .optional(),
  ),
  MAIL_OUTBOX_DIR: optionalText,
  UPLOADS_DIR: optionalText,
  CACHE_PURGE_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  ),
  PAGE_CACHE: optionalText.pipe(z.enum(["0", "1"], { error: "must be 1 or 0" }).optional()),
  READ_ONLY: optionalText.pipe(z.enum(["0", "1"], { error: "must be 1 or 0" }).optional()),
  PRIMARY_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: "must be an absolute http:// or https:// URL" })
      .refine((url) => !/[?#]/.test(url), "must not have a query or fragment")
      .optional(),
  ),
  CONTACT_EMAIL: optionalText.pipe(z.email({ error: "must be an email address" }).optional()),
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).optional()),
  RATE_LIMITS: optionalText.pipe(
    z
      .string()
      .regex(
        /^\w+=\d+\/\d+(?:\s*,\s*\w+=\d+\/\d+)*$/,
        'must look like "filingByUser=5/86400,loginByIp=30/900" (name=points/seconds)',
      )
      .refine(
        (text) => text.split(",").every((pair) => pair.trim().split("=")[0]! in RATE_LIMITS),
        `names a limit that does not exist (known: ${Object.keys(RATE_LIMITS).join(", ")})`,
      )
      .optional(),
  ),
  // argon2id's cost. The defaults are the library's own (19 MiB, 2 passes: OWASP's recommended
  // minimum); tests lower them, since a hash costs ~20 ms of CPU at these values.
  ARGON2_MEMORY_KIB: z
    .string()
    .regex(/^\d{1,7}$/, "must be a whole number of KiB from 1024 to 4194304")
    .transform(Number)
    .refine((kib) => kib >= 1024 && kib <= 4_194_304, "must be a whole number of KiB from 1024 to 4194304")
    .default(19_456),
  ARGON2_TIME_COST: z
    .string()
    .regex(/^\d{1,3}$/, "must be a whole number of passes from 1 to 100")
    .transform(Number)
    .refine((passes) => passes >= 1 && passes <= 100, "must be a whole number of passes from 1 to 100")
    .default(2),
  TRUST_PROXY: optionalText.pipe(
    z
      .string()
      .regex(
        /^(?:true|false|\d{1,2}|(?:loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+)(?:\s*,\s*(?:loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*)$/,
        "must be false, true, a number of proxy hops, or a list of addresses/subnets (e.g. loopback)",
      )
      .optional(),
  ),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  /** undefined: listen on every interface, as Node does by default. */
  host: string | undefined;
  databasePath: string;
  /** The folder that holds the database and, by default, the outbox and the generated session secret. */
  dataDir: string;
  /** Public origin with no trailing slash; links in emails are built from it. */
  baseUrl: string;
  /** Cookies get the Secure flag when the public address is https. */
  secureCookies: boolean;
  /** undefined until server.ts supplies one (required in production, generated once in development). */
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  mailOutboxDir: string;
  /** Where attached files are kept, named by their SHA-256 (default: uploads/ beside the database). */
  uploadsDir: string;
  /** Where changed pages' tags are purged (Varnish, a CDN); undefined: no cache in front. */
  cachePurgeUrl: string | undefined;
  /** The in-process cache of anonymous pages (on unless PAGE_CACHE=0: to measure fresh renders). */
  pageCache: boolean;
  /** A read replica: the database opened read-only; writes go to primaryUrl (307) or get a clear page. */
  readOnly: boolean;
  primaryUrl: string | undefined;
  /** Where /about/contact sends people who need a person (legal requests, privacy); none when unset. */
  contactEmail: string | undefined;
  logLevel: LogLevel;
  trustProxy: boolean | number | string;
  /** Overrides of the rate limits in web/rate-limits.ts: name -> points per durationSeconds. */
  rateLimits: Record<string, { points: number; durationSeconds: number }>;
  passwordHashing: PasswordHashing;
}

/** argon2id's cost for new password hashes (a stored hash keeps the cost it was made with). */
export interface PasswordHashing {
  memoryKib: number;
  timeCost: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  // Treat empty strings as unset: `PORT= npm start` should mean the default, not an error.
  const raw = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === "" ? undefined : env[key]]),
  );
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // Never echo the value: SESSION_SECRET and SMTP_URL (with its password) must not reach a log.
    throw new ConfigError(`Invalid ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && !e.SESSION_SECRET) {
    throw new ConfigError(
      "Invalid SESSION_SECRET: required when NODE_ENV=production (at least 32 random characters, e.g. `openssl rand -hex 32`)",
    );
  }
  const databasePath = path.resolve(cwd, e.DATABASE_PATH ?? "data/redress.db");
  const dataDir = path.dirname(databasePath);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath,
    dataDir,
    baseUrl,
    secureCookies: baseUrl.startsWith("https:"),
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? "Redress <no-reply@localhost>",
    mailOutboxDir: path.resolve(cwd, e.MAIL_OUTBOX_DIR ?? path.join(dataDir, "outbox")),
    uploadsDir: path.resolve(cwd, e.UPLOADS_DIR ?? path.join(dataDir, "uploads")),
    cachePurgeUrl: e.CACHE_PURGE_URL,
    pageCache: e.PAGE_CACHE !== "0",
    readOnly: e.READ_ONLY === "1",
    primaryUrl: e.PRIMARY_URL?.replace(/\/+$/, ""),
    contactEmail: e.CONTACT_EMAIL,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    rateLimits: Object.fromEntries(
      (e.RATE_LIMITS ?? "")
        .split(",")
        .filter(Boolean)
        .map((pair) => {
          const [name, rest] = pair.trim().split("=") as [string, string];
          const [points, seconds] = rest.split("/").map(Number) as [number, number];
          return [name, { points, durationSeconds: seconds }];
        }),
    ),
    passwordHashing: { memoryKib: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST },
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
