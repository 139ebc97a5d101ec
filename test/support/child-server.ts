import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";
import { complaintFields } from "./app.js";
import { linkIn, readOutbox } from "./outbox.js";

/** The real processes: the server and the CLI scripts, run from src/ with tsx, each in its own child. */

const ROOT = path.resolve(import.meta.dirname, "../..");

type Child = ReturnType<typeof run>;

/** Runs a TypeScript entry point the way `npm start` runs the compiled one. Killed when the test ends. */
export function run(entry: string, env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, exited, out: () => stdout, err: () => stderr };
}

/**
 * For tests that boot several processes: CPU-bound, about 5-8 s on an idle 2-core machine, and
 * several times that while other suites share the cores. A guard against a hang, not a budget.
 */
export const PROCESS_TEST_TIMEOUT = 60_000;

/** A fresh temp folder, removed when the test ends. */
export function tempDir(prefix = "redress-server-") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Resolves with the port once the server logs that it listens. */
export function listening(proc: Child): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = /"port":(\d+)[^\n]*listening/.exec(proc.out());
      if (match) resolve(Number(match[1]));
    };
    proc.child.stdout.on("data", check);
    void proc.exited.then((code) => reject(new Error(`exited with ${code}: ${proc.err()}`)));
  });
}

const CHILD_BASE_URL = "http://redress.test";

/** The settings of a server on `dir`/data/redress.db that lets tests file as fast as they like. */
export function serverEnv(dir: string) {
  return {
    NODE_ENV: "production", // views compiled once, as in production
    LOG_LEVEL: "info", // the "listening" line tells the port
    PORT: "0",
    DATABASE_PATH: path.join(dir, "data/redress.db"),
    MAIL_OUTBOX_DIR: path.join(dir, "outbox"),
    SESSION_SECRET: "a-child-server-secret-that-is-long-enough-0123456789",
    BASE_URL: CHILD_BASE_URL,
    RATE_LIMITS: "signupByIp=1000/3600,loginByIp=1000/900,filingByUser=100000/86400",
  };
}

/** Starts src/server.ts on `dir` and waits until it listens. */
export async function startServer(dir: string) {
  const proc = run("src/server.ts", serverEnv(dir));
  const port = await listening(proc);
  return { ...proc, origin: `http://127.0.0.1:${port}` };
}

/**
 * A browser against a server in another process, over fetch: keeps cookies, takes the CSRF token
 * from a rendered form, never follows redirects (a 303 is the acknowledgement tests look for).
 * `origin` can change, as it does when a server restarts on another port.
 */
export class RemoteBrowser {
  private readonly cookies = new Map<string, string>();
  private token: string | undefined;

  constructor(public origin: string) {}

  async request(urlPath: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${this.origin}${urlPath}`, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Takes the CSRF token of the form on `from`, and keeps it for the posts that follow. */
  async readToken(from: string): Promise<void> {
    const html = await (await this.request(from)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${from}`);
    this.token = token;
  }

  async postForm(urlPath: string, fields: Record<string, string>): Promise<Response> {
    if (!this.token) throw new Error("readToken first");
    const res = await this.request(urlPath, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: this.token, ...fields }).toString(),
    });
    await res.arrayBuffer(); // read to the end, so the connection can serve the next request
    return res;
  }
}

/**
 * The first mail to `email` in the outbox folder. The server delivers queued mail on its own timer
 * (about every second), after the request that queued it has answered: this waits for it, up to 15 s.
 */
async function mailArriving(outboxDir: string, email: string) {
  for (let waited = 0; waited < 15_000; waited += 50) {
    const mail = (await readOutbox(outboxDir)).find((m) => m.to.includes(email));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${email}`);
}

/** Signs up through the form and follows the emailed link: a verified user, logged in. */
export async function verifiedRemoteUser(origin: string, outboxDir: string, email: string) {
  const browser = new RemoteBrowser(origin);
  await browser.readToken("/signup");
  const signedUp = await browser.postForm("/signup", {
    email,
    display_name: "Crash Tester",
    password: "correct horse battery",
  });
  if (signedUp.status !== 303) throw new Error(`sign-up failed with ${signedUp.status}`);
  const mail = await mailArriving(outboxDir, email);
  const verified = await browser.request(linkIn(mail, CHILD_BASE_URL));
  if (verified.status !== 303) throw new Error(`verification failed with ${verified.status}`);
  await browser.readToken("/complaints/new"); // logged in now: a token bound to the session
  return browser;
}

interface Filing {
  id: number;
  title: string;
}

/** The filings a server acknowledged (answered 303), in the order the answers arrived. */
export class Acknowledgements {
  readonly filings: Filing[] = [];
  /** The first answer that was neither a 303 nor a dead server: the test has failed. */
  failure: Error | undefined;
  private waiting: { count: number; resolve: () => void; reject: (error: Error) => void }[] = [];

  add(filing: Filing): void {
    this.filings.push(filing);
    this.waiting = this.waiting.filter((w) => (this.filings.length >= w.count ? (w.resolve(), false) : true));
  }

  fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting) w.reject(error);
    this.waiting = [];
  }

  /** Resolves when `count` filings in all have been acknowledged: driven by answers, not by a timer. */
  reach(count: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else if (this.filings.length >= count) resolve();
      else this.waiting.push({ count, resolve, reject });
    });
  }
}

/**
 * Files complaints one after another until `stop()` says so or the server goes away (a refused
 * connection or a cut response is simply not an acknowledgement). Any other answer than 303 is a
 * failure, reported through `acks`.
 */
export async function fileUntil(
  browser: RemoteBrowser,
  label: string,
  acks: Acknowledgements,
  stop: () => boolean,
): Promise<void> {
  for (let n = 1; !stop(); n++) {
    const title = `Filing ${label} number ${n}: charged twice for one order`;
    let res: Response;
    try {
      res = await browser.postForm("/complaints", complaintFields({ title }));
    } catch {
      return; // the server is gone
    }
    if (res.status !== 303) return acks.fail(new Error(`filing "${title}" was answered ${res.status}`));
    acks.add({ id: Number(/^\/complaints\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]), title });
  }
}
