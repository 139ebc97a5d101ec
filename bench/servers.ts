/** The processes a benchmark run starts: the app, the bare baseline, and Varnish in front. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";

export interface Running {
  url: string;
  port: number;
  pid: number;
  /** From spawn to the first answer, in ms. */
  startupMs: number;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Any HTTP answer at all: the process is listening. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
  });
}

async function waitUntilAnswering(child: ChildProcess, url: string, what: string, timeoutMs = 60_000) {
  const started = Date.now();
  const state: { exited: number | null } = { exited: null };
  child.once("exit", (code) => (state.exited = code ?? -1));
  while (!(await answers(url))) {
    if (state.exited !== null) throw new Error(`${what} exited (code ${state.exited}) before it answered`);
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function running(child: ChildProcess, port: number, startupMs: number): Running {
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    startupMs,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** `node dist/server.js` in production mode on the database, limits on filing and log-ins lifted. */
export async function startApp(
  database: string,
  dataDir: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Running> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [...nodeArgs, "dist/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: database,
      MAIL_OUTBOX_DIR: path.join(dataDir, "outbox"),
      UPLOADS_DIR: path.join(dataDir, "uploads"),
      SESSION_SECRET: "bench-".repeat(8),
      LOG_LEVEL: "warn",
      RATE_LIMITS: "filingByUser=100000000/1,loginByIp=100000/1,loginFailuresByPair=100000/1",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitUntilAnswering(child, `http://127.0.0.1:${port}/healthz`, "the app");
  return running(child, port, Date.now() - started);
}

export async function startBare(): Promise<Running> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-server.ts"], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // The first start builds its table: allow for it.
  await waitUntilAnswering(child, `http://127.0.0.1:${port}/`, "the bare server", 300_000);
  return running(child, port, Date.now() - started);
}

/** varnishd in the foreground with deploy/varnish/redress.vcl, its backend pointed at the app. */
export async function startVarnish(
  backendPort: number,
  workDir: string,
  alsoListen?: string,
): Promise<Running & { stats: () => Record<string, number> }> {
  if (spawnSync("sh", ["-c", "command -v varnishd"]).status !== 0) {
    process.stderr.write("varnishd is missing: installing varnish and varnish-modules with apt-get...\n");
    const install = spawnSync("apt-get", ["install", "-y", "varnish", "varnish-modules"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (install.status !== 0) throw new Error("could not install varnish (run as root, or install it yourself)");
  }
  const port = await freePort();
  // varnishd reads the VCL as its own unprivileged user: a mkdtemp folder (0700) would hide it.
  fs.chmodSync(workDir, 0o755);
  const name = path.join(workDir, "varnish");
  fs.mkdirSync(name, { recursive: true });
  const vcl = path.join(workDir, "redress.vcl");
  // The shipped file names the backend's usual address; the run points it at the app's port.
  const source = fs.readFileSync("deploy/varnish/redress.vcl", "utf8");
  fs.writeFileSync(vcl, source.replace(/\.port = "\d+";/, `.port = "${backendPort}";`));
  const started = Date.now();
  const child = spawn(
    "varnishd",
    [
      ...["-F", "-n", name, "-a", `127.0.0.1:${port}`, "-f", vcl, "-s", "malloc,256m", "-p", "vsl_space=1m"],
      ...(alsoListen ? ["-a", alsoListen] : []),
    ],
    { stdio: ["ignore", "ignore", fs.openSync(path.join(workDir, "varnishd.log"), "w")] },
  );
  try {
    await waitUntilAnswering(child, `http://127.0.0.1:${port}/healthz`, "varnishd");
  } catch (err) {
    process.stderr.write(fs.readFileSync(path.join(workDir, "varnishd.log"), "utf8"));
    throw err;
  }
  const stats = () => {
    const out = spawnSync("varnishstat", ["-n", name, "-1", "-j"], { encoding: "utf8" });
    const parsed = JSON.parse(out.stdout || "{}") as { counters?: Record<string, { value: number }> };
    const counters = parsed.counters ?? {};
    return Object.fromEntries(
      ["MAIN.cache_hit", "MAIN.cache_miss", "MAIN.s_pass", "MAIN.n_object"].map((k) => [k, counters[k]?.value ?? 0]),
    );
  };
  return { ...running(child, port, Date.now() - started), stats };
}

/** The peak resident set of a process (VmHWM), in MB. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
