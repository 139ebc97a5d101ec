import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { readOutbox, type SentMail } from "../../support/outbox.js";

/**
 * The real site for the browser tests: `npm start`'s own entry point (dist/server.js, compiled by
 * `npm run test:browser` first) in production mode, on a free port, over a fresh database in a temp
 * folder. One per test file, shared by its tests; `stop()` ends it and removes the folder.
 */

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SERVER = path.join(ROOT, "dist/server.js");

export interface Site {
  origin: string;
  outboxDir: string;
  /** Runs one of the CLI scripts (dist/cli/NAME.js) on the site's database, e.g. `cli("admin", "create", email)`. */
  cli(name: string, ...args: string[]): Promise<string>;
  /** The first message to `email` whose subject matches, waiting for the server to deliver it. */
  mailTo(email: string, subject?: RegExp): Promise<SentMail>;
  /** The first link to this site in that message, as a full URL. */
  linkIn(mail: SentMail): string;
  stop(): Promise<void>;
}

export interface SiteOptions {
  /** Fill the database with `npm run demo` first. */
  demo?: boolean;
  /** RATE_LIMITS for this server; the default lets a test sign up and log in as often as it likes. */
  rateLimits?: string;
}

const GENEROUS_LIMITS = "signupByIp=1000/3600,loginByIp=1000/900,filingByUser=1000/86400,reportsByUser=1000/86400";

export async function startSite(options: SiteOptions = {}): Promise<Site> {
  if (!fs.existsSync(SERVER))
    throw new Error(`${SERVER} is missing: run \`npm run build\` (npm run test:browser does)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-browser-"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const outboxDir = path.join(dir, "outbox");
  const env = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    LOG_LEVEL: "info", // the "listening" line says when it is ready
    HOST: "127.0.0.1",
    PORT: String(port),
    BASE_URL: origin, // so the links in emails open in the browser as they are
    DATABASE_PATH: path.join(dir, "redress.db"),
    MAIL_OUTBOX_DIR: outboxDir,
    SESSION_SECRET: "a-browser-test-secret-that-is-long-enough-0123456789",
    RATE_LIMITS: options.rateLimits ?? GENEROUS_LIMITS,
    // argon2id at its smallest cost: hashing is not what these tests are about, and it is CPU the
    // browser needs. A stored hash keeps the cost it was made with, so log-ins still verify.
    ARGON2_MEMORY_KIB: "1024",
    ARGON2_TIME_COST: "1",
  };

  const cli = (name: string, ...args: string[]) => runToEnd(path.join(ROOT, "dist/cli", `${name}.js`), args, env);
  if (options.demo) await cli("demo");

  const server = spawn(process.execPath, [SERVER], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolve) => server.on("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on port/.test(output)) resolve();
    };
    server.stdout.on("data", collect);
    server.stderr.on("data", collect);
    void exited.then(() => reject(new Error(`the server exited before listening:\n${output}`)));
  });

  return {
    origin,
    outboxDir,
    cli,
    async mailTo(email, subject = /./) {
      // The server delivers queued mail on its own timer, shortly after the request that queued it.
      const deadline = Date.now() + 15_000;
      for (;;) {
        const mail = (await readOutbox(outboxDir)).find((m) => m.to.includes(email) && subject.test(m.subject));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no mail to ${email} matching ${String(subject)} in ${outboxDir}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    linkIn(mail) {
      const link = new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\S+`).exec(mail.text)?.[0];
      if (!link) throw new Error(`no link to ${origin} in: ${mail.text}`);
      return link;
    },
    async stop() {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on now: the kernel picks it, and the server takes it a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function runToEnd(script: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(script)} ${args.join(" ")}: ${output}`)),
    );
  });
}
