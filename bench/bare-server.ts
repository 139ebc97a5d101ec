/**
 * The baseline every benchmark row is compared with (not part of the app): node:http and
 * better-sqlite3 with nothing in between. For any GET it renders an HTML page of 20 escaped rows
 * from a 1,000,000-row table, read by one indexed query, the shape of a business's page.
 *
 *   PORT=4000 tsx bench/bare-server.ts      prints "listening <port>" once it accepts connections
 *
 * The table is built once (a few seconds) in a temporary file and reused by later runs.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { seededRandom } from "../src/lib/random.js";

const ROWS = 1_000_000;
const GROUPS = 1_000;
const file = process.env.BARE_DB ?? path.join(os.tmpdir(), "redress-bench-bare.db");

function build(): void {
  const tmp = `${file}.${process.pid}`;
  const db = new Database(tmp);
  db.pragma("journal_mode = OFF");
  db.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, grp INTEGER NOT NULL, title TEXT NOT NULL,
    excerpt TEXT NOT NULL, at INTEGER NOT NULL) STRICT`);
  const { int, pick } = seededRandom(1);
  const vocabulary =
    "refund order charged twice delivery never arrived support promised call back weeks broken & <angle> 'quoted' \"double\"".split(
      " ",
    );
  const text = (n: number) => Array.from({ length: n }, () => pick(vocabulary)).join(" ");
  const insert = db.prepare("INSERT INTO items (grp, title, excerpt, at) VALUES (?, ?, ?, ?)");
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(int(GROUPS), text(8), text(30), 1_700_000_000_000 + i * 1000);
  })();
  db.exec("CREATE INDEX items_by_group ON items (grp, at DESC, id DESC)");
  db.close();
  fs.renameSync(tmp, file);
}

if (!fs.existsSync(file)) build();
const db = new Database(file, { readonly: true });
const page = db.prepare<[number], { id: number; title: string; excerpt: string; at: number }>(
  "SELECT id, title, excerpt, at FROM items WHERE grp = ? ORDER BY at DESC, id DESC LIMIT 20",
);

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const server = http.createServer((req, res) => {
  // A group from the URL, so different URLs read different rows.
  let hash = 0;
  for (const c of req.url ?? "/") hash = (hash * 31 + c.charCodeAt(0)) % GROUPS;
  const rows = page.all(hash);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Group ${hash}</title></head><body><main><h1>Group ${hash}</h1><ol>${rows
    .map(
      (r) =>
        `<li><h2><a href="/items/${r.id}">${escape(r.title)}</a></h2><p>${escape(r.excerpt)}</p><time datetime="${new Date(r.at).toISOString()}">${new Date(r.at).toDateString()}</time></li>`,
    )
    .join("")}</ol></main></body></html>`;
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : ""}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
