import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import http, { type Server } from "node:http";
import { createApp, front } from "./app.js";
import { MINUTE, SECOND, systemClock } from "./clock.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { checkMigrations, MigrationError } from "./db/migrate.js";
import { openDatabase, openReadOnly } from "./db/open.js";
import { rateLimitsDb } from "./db/rate-limits.js";
import { sessionsDb } from "./db/sessions.js";
import { outboxMailer, smtpMailer } from "./mail/mailer.js";
import { complaints } from "./features/complaints/complaints.js";
import { mailOutbox } from "./features/mail/outbox.js";
import { upgradeDatabase } from "./upgrade.js";
import { createLogger } from "./web/logging.js";

/** The only process code: environment -> config, database, listen, and a clean shutdown. */

function fail(message: string): never {
  process.stderr.write(`redress: ${message}\n`);
  process.exit(1);
}

/** Development only: a random secret made once and kept beside the database, so log-ins survive restarts. */
function developmentSecret(config: Config): string {
  const file = path.join(config.dataDir, "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("hex");
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  }
}

let config: Config;
try {
  config = loadConfig(process.env);
  config.sessionSecret ??= developmentSecret(config);
} catch (err) {
  fail(err instanceof ConfigError ? err.message : `could not prepare the configuration: ${(err as Error).message}`);
}

const logger = createLogger(config.logLevel);
const db = config.readOnly ? openReadOnlyOrFail(config) : openDatabase(config.databasePath);
if (!config.readOnly) {
  try {
    // Figures are derived data: a migration that changes them asks for their rebuild (upgrade.ts).
    const { applied, rebuilt } = upgradeDatabase(db, systemClock);
    if (applied.length) logger.info({ applied, rebuilt }, "migrations applied");
  } catch (err) {
    db.close();
    fail(err instanceof MigrationError ? err.message : `migrations failed: ${(err as Error).message}`);
  }
}

/** A read replica runs on the primary's schema as it is: it changes nothing, so it cannot migrate. */
function openReadOnlyOrFail(config: Config) {
  try {
    const replica = openReadOnly(config.databasePath);
    const { pending } = checkMigrations(replica);
    if (pending.length)
      fail(`READ_ONLY: the primary has not applied ${pending.join(", ")} yet; start it first, then this replica`);
    return replica;
  } catch (err) {
    return fail(`READ_ONLY: could not open ${config.databasePath}: ${(err as Error).message}`);
  }
}

const mailer = config.smtpUrl
  ? smtpMailer({ url: config.smtpUrl, from: config.mailFrom, logger })
  : outboxMailer({ dir: config.mailOutboxDir, from: config.mailFrom, logger });
const app = createApp({ db, config, mailer, clock: systemClock, logger });

// Housekeeping runs here, never in the request path: expired sessions and rate-limit counters go,
// and "the last 30 days" moves forward on quiet days too.
const sessions = sessionsDb(db);
const counters = rateLimitsDb(db);
const complaintsService = complaints({ db, clock: systemClock });
const outbox = mailOutbox({ db, clock: systemClock, mailer, logger, messageDomain: new URL(config.baseUrl).hostname });
const sweep = () => {
  if (config.readOnly) return; // the primary sweeps; a replica writes nothing
  const now = systemClock.now();
  sessions.deleteExpired(now);
  counters.deleteExpired(now);
  complaintsService.rollFigures();
  outbox.forgetOldSent();
};
sweep();
const sweeper = setInterval(sweep, 15 * MINUTE);
sweeper.unref();

// Mail: requests only queue it (in their transaction); this delivers what is due, every second, one
// run at a time. An idle run is one indexed read. Retries and their waits are the outbox's rules.
const stopDelivery = new AbortController();
let delivering: Promise<void> | undefined;
const deliverMail = () => {
  if (delivering || config.readOnly) return; // mail is the primary's to deliver
  delivering = outbox
    .deliverDue({ signal: stopDelivery.signal })
    .then(
      (report) => {
        if (report.sent + report.retrying + report.failed > 0) logger.info(report, "mail delivery");
      },
      (err: unknown) => logger.error({ err }, "mail delivery stopped"),
    )
    .finally(() => {
      delivering = undefined;
    });
};
deliverMail();
const deliverer = setInterval(deliverMail, SECOND);
deliverer.unref();

const onListening = () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info(
    { port, baseUrl: config.baseUrl, env: config.env, mail: config.smtpUrl ? "smtp" : config.mailOutboxDir },
    `Redress is listening on port ${port}`,
  );
};
// Without HOST, Node listens on every interface (IPv6 and IPv4 where available).
// front(): a fresh page-cache hit is answered before Express runs at all.
const server: Server = http.createServer(front(app));
if (config.host) server.listen(config.port, config.host, onListening);
else server.listen(config.port, onListening);
server.on("error", (err: NodeJS.ErrnoException) => {
  db.close();
  fail(
    err.code === "EADDRINUSE"
      ? `port ${config.port} is already in use (set PORT to another one)`
      : `could not listen: ${err.message}`,
  );
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down: finishing requests in flight");
  clearInterval(sweeper);
  clearInterval(deliverer);
  stopDelivery.abort(); // the delivery stops after the message in hand
  // close() stops accepting and waits for requests in flight; idle keep-alive sockets are closed.
  server.close(() => {
    // A send still in flight after 10 s stays "sending": the next start retries it after its lease.
    const giveUp = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
    void Promise.race([delivering, giveUp]).then(() => {
      db.close();
      logger.info("stopped");
      process.exit(0);
    });
  });
  server.closeIdleConnections();
  setTimeout(() => {
    logger.warn("requests still running after 10 s: closing them");
    server.closeAllConnections();
  }, 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
