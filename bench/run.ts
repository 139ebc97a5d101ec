/**
 * `npm run bench`: seeds a database of realistic size, starts the compiled server in production
 * mode as a separate process, and measures the public pages with autocannon (loopback only).
 *
 *   BENCH_COMPLAINTS=100000 BENCH_SECONDS=10 BENCH_CONNECTIONS=32 npm run bench
 *   BENCH_KEEP=1 keeps the seeded database for profiling; BENCH_ONLY=search runs the pages whose name has that word.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { DAY } from "../src/clock.js";
import { migrate } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/open.js";
import { usersDb } from "../src/db/users.js";
import { complaints } from "../src/features/complaints/complaints.js";
import { complaintUrl } from "../src/features/complaints/present.js";

const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 100_000);
const BUSINESSES = Number(process.env.BENCH_BUSINESSES ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

function seed(file: string) {
  const db = openDatabase(file);
  let now = Date.now() - 365 * DAY;
  const clock = { now: () => now };
  migrate(db, clock);
  const users = usersDb(db);
  const authors = Array.from({ length: 500 }, (_, i) => {
    const id = users.insert({
      email: `bench${i}@example.test`,
      passwordHash: "x",
      displayName: `Bench User ${i}`,
      at: now,
    })!;
    users.markVerified(id, now);
    return id;
  });
  const service = complaints({ db, clock });
  const started = Date.now();
  const step = (365 * DAY) / COMPLAINTS;
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      now += step;
      // A few businesses get most complaints, as in life.
      const business = Math.floor(BUSINESSES * Math.random() ** 3);
      service.fileComplaint(authors[i % authors.length]!, {
        businessName: `Business number ${business}`,
        businessChoice: "new",
        title: `Complaint ${i}: charged twice and no refund after weeks`,
        body: `Complaint ${i}. I was charged twice for the same order and support keeps promising a refund that never arrives. `.repeat(
          4,
        ),
        categoryId: 1 + (i % 9),
        incidentDate: "2026-01-15",
        desiredOutcome: "refund",
        amountCents: 4999,
        currency: "USD",
      });
    }
  });
  for (let i = 0; i < COMPLAINTS; i += 1000) batch(i, Math.min(COMPLAINTS, i + 1000));
  const biggest = db.prepare("SELECT slug FROM businesses ORDER BY complaint_count DESC LIMIT 1").get() as {
    slug: string;
  };
  const latest = db
    .prepare("SELECT id, public_title AS publicTitle FROM complaints ORDER BY id DESC LIMIT 1")
    .get() as { id: number; publicTitle: string };
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { seconds: (Date.now() - started) / 1000, biggest: biggest.slug, latestPath: complaintUrl(latest) };
}

async function startServer(file: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["dist/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_PATH: file,
      SESSION_SECRET: "b".repeat(40),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // LOG_LEVEL=warn hides the "listening" line, so ask the OS which port the child took.
  const port = await new Promise<number>((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const out = fs.readFileSync("/proc/net/tcp", "utf8") + fs.readFileSync("/proc/net/tcp6", "utf8");
      const inodes = fs.readdirSync(`/proc/${child.pid}/fd`).flatMap((fd) => {
        try {
          const m = /socket:\[(\d+)\]/.exec(fs.readlinkSync(`/proc/${child.pid}/fd/${fd}`));
          return m ? [m[1]!] : [];
        } catch {
          return [];
        }
      });
      for (const line of out.split("\n")) {
        const cols = line.trim().split(/\s+/);
        if (cols[3] === "0A" && inodes.includes(cols[9]!)) return resolve(parseInt(cols[1]!.split(":")[1]!, 16));
      }
      if (Date.now() - started > 10_000) return reject(new Error("server did not start"));
      setTimeout(poll, 50);
    };
    setTimeout(poll, 100);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redress-bench-"));
  const file = path.join(dir, "bench.db");
  console.log(
    `Seeding ${COMPLAINTS.toLocaleString("en")} complaints about up to ${BUSINESSES.toLocaleString("en")} businesses...`,
  );
  const seeded = seed(file);
  console.log(
    `Seeded through the domain functions in ${seeded.seconds.toFixed(1)} s (${Math.round(COMPLAINTS / seeded.seconds).toLocaleString("en")} complaints/s).`,
  );
  const server = await startServer(file);
  const pages = [
    ["home", "/"],
    ["directory, by complaints", "/businesses?sort=complaints"],
    ["directory, name filter", "/businesses?q=number%2012"],
    ["busiest business, page 1", `/businesses/${seeded.biggest}`],
    ["busiest business, page 50", `/businesses/${seeded.biggest}?page=50`],
    ["a complaint", seeded.latestPath],
    ["most responsive ranking", "/businesses?sort=responsive"],
    ["a category", "/categories/billing-and-payments"],
    ["search, common words", "/search?q=charged+refund"],
    ["search, rare word", "/search?q=complaint+99999"],
    ["recent complaints feed", "/feed.xml"],
  ] as const;
  console.log(
    `\n${CONNECTIONS} connections, ${SECONDS} s per page, server: node dist/server.js (NODE_ENV=production)\n`,
  );
  console.log("| page | req/s | p50 ms | p99 ms | non-2xx |");
  console.log("|---|---|---|---|---|");
  const only = process.env.BENCH_ONLY;
  for (const [name, pathname] of pages.filter(([name]) => !only || name.includes(only))) {
    const result = await autocannon({ url: server.url + pathname, connections: CONNECTIONS, duration: SECONDS });
    console.log(
      `| ${name} | ${Math.round(result.requests.average).toLocaleString("en")} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} |`,
    );
  }
  await server.stop();
  if (process.env.BENCH_KEEP) console.log(`\nKept the database: ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
