/**
 * `npm run bench -- --db PATH [--seconds 10] [--connections 32] [--only NAME] [--varnish] [--fresh] [--profile DIR] [--no-docs]`
 *
 * Starts the compiled server (node dist/server.js, NODE_ENV=production) on a database made by
 * `npm run bench:data`, and the bare baseline (bench/bare-server.ts); for each scenario, loads the
 * app from a separate process (bench/load.ts: autocannon), then the bare server right after, and
 * prints one row: req/s, p50, p99, errors and non-2xx, and the ratio to the bare server, which is
 * what compares across noisy machines. With --varnish the scenarios go through varnishd running
 * deploy/varnish/redress.vcl in front of the app. The table, the server's start-up time and peak
 * RSS are added to docs/benchmarks.md with the date, the machine and the command.
 *
 * Without --db, a database of 100,000 complaints is built first in a temporary folder (a minute).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "./args.js";
import { buildDataset, type BenchInfo } from "./dataset.js";
import type { LoadResult, LoadSpec } from "./load.js";
import { startApp, startBare, startVarnish, peakRssMb, type Running } from "./servers.js";
import { logIn, nextLink, type LoggedIn } from "./session.js";

const USAGE = `usage: npm run bench -- --db PATH [--seconds 10] [--connections 32] [--only NAME[,NAME]] [--deep PAGES] [--varnish] [--fresh] [--profile DIR] [--no-docs]
  PATH is a database made by \`npm run bench:data -- --out PATH\` (it reads PATH.json beside it).
  NAME: home, complaints, directory, business, deep, complaint, search, suggest, feed, dashboard, filing.`;
const args = parseArgs(
  process.argv.slice(2),
  {
    db: "value",
    seconds: "value",
    connections: "value",
    only: "value",
    deep: "value",
    varnish: "flag",
    fresh: "flag",
    profile: "value",
    "no-docs": "flag",
  },
  USAGE,
);
const SECONDS = args.number("seconds", 10);
const CONNECTIONS = args.number("connections", 32);
const ONLY = args.text("only")?.split(",");

interface Scenario {
  id: string;
  name: string;
  path: string;
  headers?: Record<string, string>;
  filing?: LoadSpec["filing"];
}

interface Row {
  name: string;
  app?: LoadResult;
  bare?: LoadResult;
  note?: string;
}

function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/load.ts", JSON.stringify(spec)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`bench/load.ts exited with ${code}`));
      resolve(JSON.parse(out) as LoadResult);
    });
  });
}

/**
 * A deep page of the busiest business, by the app's own pagination links. Numbered links
 * (?page=N) are jumped to directly; any other kind (a keyset cursor) is followed hop by hop.
 */
async function deepPage(base: string, first: string, hops: number, complaints: number): Promise<string> {
  let path = first;
  for (let hop = 0; hop < hops; hop++) {
    const res = await fetch(base + path);
    const next = nextLink(await res.text());
    if (!next) break;
    if (/[?&]page=\d+/.test(next)) {
      const last = Math.min(5000, Math.ceil(complaints / 20));
      return next.replace(/([?&]page=)\d+/, `$1${Math.min(hops + 1, last)}`);
    }
    path = next;
    if (hop % 100 === 99) process.stderr.write(`  following "next" links: ${hop + 1} pages in\n`);
  }
  return path;
}

const format = (n: number) => Math.round(n).toLocaleString("en");

function tableRow(row: Row): string {
  if (!row.app) return `| ${row.name} | ${row.note ?? ""} | | | | | | |`;
  const app = row.app;
  const ratio =
    row.bare && row.bare.requestsPerSecond > 0 ? (app.requestsPerSecond / row.bare.requestsPerSecond).toFixed(2) : "";
  const bad = row.name.startsWith("filing")
    ? `${app.errors + app.timeouts} / ${app.total - (app.statusCodes["303"] ?? 0)} not 303`
    : `${app.errors + app.timeouts} / ${app.non2xx}`;
  const kB = (app.bytesPerRequest / 1000).toFixed(1);
  return `| ${row.name} | ${format(app.requestsPerSecond)} | ${app.p50} | ${app.p99} | ${bad} | ${kB} | ${row.bare ? format(row.bare.requestsPerSecond) : ""} | ${ratio} |`;
}

async function main() {
  const started = new Date();
  let database = args.text("db");
  let scratch: string | undefined;
  if (!database) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "redress-bench-"));
    database = path.join(scratch, "bench.db");
    process.stderr.write("No --db given: building 100,000 complaints first (npm run bench:data makes lasting ones).\n");
    await buildDataset({ file: database, complaints: 100_000, businesses: 2_000 });
  }
  database = path.resolve(database);
  const info = JSON.parse(fs.readFileSync(`${database}.json`, "utf8")) as BenchInfo;
  const work = fs.mkdtempSync(path.join(path.dirname(database), "run-"));
  const loadBefore = os.loadavg()[0]!;

  // Behind Varnish the visitor's address comes in X-Forwarded-For, as in production.
  // --fresh: the in-process page cache off, so every page is rendered (what a miss costs).
  const app = await startApp(
    database,
    work,
    {
      ...(args.flag("varnish") ? { TRUST_PROXY: "loopback" } : {}),
      ...(args.flag("fresh") ? { PAGE_CACHE: "0" } : {}),
    },
    // --profile DIR: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
    args.text("profile") ? ["--cpu-prof", `--cpu-prof-dir=${args.text("profile")}`] : [],
  );
  process.stderr.write(`app listening in ${app.startupMs} ms\n`);
  const bare = await startBare();
  const varnish = args.flag("varnish") ? await startVarnish(app.port, work) : undefined;
  const target = varnish?.url ?? app.url;
  const stops: Running[] = [varnish, bare, app].filter((r): r is NonNullable<typeof r> => r !== undefined);
  const rows: Row[] = [];
  try {
    // Log-ins go to the app directly: the session is the app's either way.
    const owner = await logIn(app.url, info.owner, info.password);
    const consumers: LoggedIn[] = [];
    for (const email of info.consumers) consumers.push(await logIn(app.url, email, info.password, "/complaints/new"));
    const business = `/businesses/${info.busiest.slug}`;
    const deep = await deepPage(app.url, business, args.number("deep", 2000), info.busiest.complaints);
    const q = (text: string) => `/search?q=${encodeURIComponent(text)}`;
    const scenarios: Scenario[] = [
      { id: "home", name: "home", path: "/" },
      { id: "complaints", name: "/complaints", path: "/complaints" },
      { id: "directory", name: "directory (/businesses)", path: "/businesses" },
      {
        id: "business",
        name: `busiest business, page 1 (${format(info.busiest.complaints)} complaints)`,
        path: business,
      },
      { id: "deep", name: `busiest business, deep page (${deep.replace(business, "")})`, path: deep },
      { id: "complaint", name: `a complaint with ${info.longTimeline.events} events`, path: info.longTimeline.path },
      { id: "search", name: `search, common word (${info.commonWord})`, path: q(info.commonWord) },
      { id: "search", name: `search, rare word (${info.rareWord})`, path: q(info.rareWord) },
      { id: "search", name: `search, phrase ("${info.phrase}")`, path: q(`"${info.phrase}"`) },
      { id: "suggest", name: `suggestions (${info.suggest})`, path: `/businesses/suggest?q=${info.suggest}` },
      { id: "feed", name: "/feed.xml", path: "/feed.xml" },
      {
        id: "dashboard",
        name: "dashboard inbox, logged in",
        path: `/dashboard/${info.busiest.slug}`,
        headers: { cookie: owner.cookie },
      },
      {
        id: "filing",
        name: "filing, logged in",
        path: "/complaints",
        filing: {
          sessions: consumers,
          businesses: info.fileAbout,
          incidentDate: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
        },
      },
    ];
    for (const s of scenarios.filter((s) => !ONLY || ONLY.some((o) => s.id === o))) {
      const probePath = s.filing ? "/complaints/new" : s.path;
      const probeHeaders = s.filing ? { cookie: s.filing.sessions[0]!.cookie } : s.headers;
      const probe = await fetch(target + probePath, { headers: probeHeaders ?? {}, redirect: "manual" });
      await probe.text();
      if (probe.status !== 200) {
        rows.push({ name: s.name, note: `${probe.status}: not measured` });
        process.stderr.write(`${s.name}: ${probe.status}, skipped\n`);
        continue;
      }
      const spec = { connections: CONNECTIONS, seconds: SECONDS };
      const appResult = await load({
        ...spec,
        url: target + s.path,
        ...(s.headers ? { headers: s.headers } : {}),
        ...(s.filing ? { filing: s.filing } : {}),
      });
      const bareResult = await load({ ...spec, url: bare.url + s.path });
      const row: Row = { name: s.name, app: appResult, bare: bareResult };
      if (s.filing)
        row.name = `filing, logged in: ${format((appResult.statusCodes["303"] ?? 0) / SECONDS)} complaints/s`;
      rows.push(row);
      process.stderr.write(`${tableRow(row)}\n`);
    }
  } finally {
    const rss = peakRssMb(app.pid);
    const cache = varnish?.stats();
    for (const r of stops) await r.stop();
    fs.rmSync(work, { recursive: true, force: true });
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    report({ started, info, rows, app, rss, cache, loadBefore });
  }
}

function report(r: {
  started: Date;
  info: BenchInfo;
  rows: Row[];
  app: Running;
  rss: number | undefined;
  cache: Record<string, number> | undefined;
  loadBefore: number;
}) {
  const cpus = os.cpus();
  const command = `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim();
  const size = fs.statSync(r.info.database).size / 1e9;
  const lines = [
    `## ${r.started.toISOString().slice(0, 16).replace("T", " ")} UTC: ${format(r.info.complaints)} complaints${r.cache ? ", through Varnish" : ""}${args.flag("fresh") ? ", page cache off (fresh renders)" : ", page cache on"}`,
    "",
    `\`${command}\`: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown"}), Node ${process.version}, load average ${r.loadBefore.toFixed(1)} before and ${os.loadavg()[0]!.toFixed(1)} after; ${CONNECTIONS} connections, ${SECONDS} s per page, app then bare server. Database: ${format(r.info.complaints)} complaints about ${format(r.info.businesses)} businesses, ${size.toFixed(1)} GB (\`npm run bench:data\`, ${r.info.buildSeconds} s). Server start-up ${r.app.startupMs} ms (spawn to the first answer), peak RSS ${r.rss ?? "?"} MB (VmHWM at the end).${r.cache ? ` Varnish: ${format(r.cache["MAIN.cache_hit"] ?? 0)} hits, ${format(r.cache["MAIN.cache_miss"] ?? 0)} misses, ${format(r.cache["MAIN.s_pass"] ?? 0)} passes.` : ""}`,
    "",
    "| page | req/s | p50 ms | p99 ms | errors / non-2xx | kB per answer | bare req/s | ratio to bare |",
    "|---|---|---|---|---|---|---|---|",
    ...r.rows.map(tableRow),
    "",
  ];
  process.stdout.write(`\n${lines.join("\n")}\n`);
  if (args.flag("no-docs")) return;
  const docs = "docs/benchmarks.md";
  const text = fs.readFileSync(docs, "utf8");
  // Newest first: the new section goes right after the introduction.
  const at = text.indexOf("\n## ");
  fs.writeFileSync(
    docs,
    at < 0 ? `${text}\n${lines.join("\n")}` : `${text.slice(0, at + 1)}${lines.join("\n")}\n${text.slice(at + 1)}`,
  );
  process.stderr.write(`Added to ${docs}.\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
