/**
 * `npm run bench:varnish-check`: proof that deploy/varnish/redress.vcl caches and purges as Redress
 * expects, against a tiny fake backend that sends the headers Redress sends. Not a test of
 * `npm test` (it needs varnishd); it prints each check and exits 1 if one fails.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort, startVarnish } from "./servers.js";

const HEADERS: Record<string, Record<string, string>> = {
  "/public": { "cache-control": "public, max-age=0, s-maxage=60", "surrogate-key": "business:42 home" },
  "/other": { "cache-control": "public, s-maxage=60", "surrogate-key": "business:7 complaint:9001" },
  "/short": { "cache-control": "public, s-maxage=1", "surrogate-key": "short" },
  "/private": { "cache-control": "private, no-store" },
  "/plain": {},
  "/cookie": { "cache-control": "public, s-maxage=60", "set-cookie": "redress.csrf=abc; Path=/; HttpOnly" },
};

// Each answer says how many times the backend has been asked for it, and the cookie it received.
const served = new Map<string, number>();
const backend = http.createServer((req, res) => {
  const key = req.url ?? "/";
  served.set(key, (served.get(key) ?? 0) + 1);
  res.writeHead(200, {
    "content-type": "text/plain",
    ...HEADERS[key.split("?")[0]!],
    "x-backend-count": String(served.get(key)),
    "x-backend-cookie": req.headers.cookie ?? "",
  });
  res.end(`${key} ${served.get(key)}\n`);
});
const backendPort = await freePort();
await new Promise<void>((resolve) => backend.listen(backendPort, "127.0.0.1", resolve));

// Also listen on an address that is not loopback, so a PURGE can come from outside the ACL.
const outside = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
const outsidePort = await freePort();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "redress-varnish-check-"));
const varnish = await startVarnish(backendPort, work, outside ? `${outside}:${outsidePort}` : undefined);

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(varnish.url + url, { headers });
  const body = await res.text();
  return { status: res.status, body, count: Number(res.headers.get("x-backend-count")), res };
}
const purge = async (keys: string, base = varnish.url) => {
  const res = await fetch(`${base}/`, { method: "PURGE", headers: { "surrogate-key": keys } });
  return { status: res.status, body: (await res.text()).trim() };
};

let failed = 0;
function check(what: string, ok: boolean, detail = "") {
  if (!ok) failed++;
  process.stdout.write(`${ok ? "ok  " : "FAIL"} ${what}${detail ? `: ${detail}` : ""}\n`);
}

try {
  const first = await get("/public");
  const second = await get("/public");
  check(
    "public, s-maxage answers are cached",
    first.count === 1 && second.count === 1,
    `backend asked ${second.count} time(s)`,
  );
  check("a hit says so", second.res.headers.get("x-cache") === "HIT" && first.res.headers.get("x-cache") === "MISS");
  check(
    "the tags stay in the cache",
    second.res.headers.get("surrogate-key") === null && second.res.headers.get("xkey") === null,
  );
  for (const url of ["/private", "/plain", "/cookie"]) {
    await get(url);
    const again = await get(url);
    check(`${url} is never cached`, again.count === 2, `backend asked ${again.count} time(s)`);
  }
  const withSession = await get("/public", { cookie: "redress.sid=s%3Aabc.def" });
  check("a request with the session cookie goes to the app", withSession.count === 2, `count ${withSession.count}`);
  const withFlash = await get("/public", { cookie: "redress.flash=s%3Ax" });
  check("a request with a flash cookie goes to the app", withFlash.count === 3, `count ${withFlash.count}`);
  const anonymous = await get("/public", { cookie: "_ga=GA1.2.3; theme=dark" });
  check("other cookies do not stop a hit", anonymous.res.headers.get("x-cache") === "HIT");
  const kept = await get("/other?cookies", { cookie: "_ga=GA1; redress.csrf=tok; theme=dark" });
  check(
    "only the CSRF cookie reaches the app from an anonymous visitor",
    kept.res.headers.get("x-backend-cookie") === "redress.csrf=tok",
    kept.res.headers.get("x-backend-cookie") ?? "",
  );
  await get("/other");
  const purged = await purge("home");
  check(
    "PURGE with a tag answers 200 and the count",
    purged.status === 200 && /Invalidated 1 objects/.test(purged.body),
    purged.body,
  );
  const afterPurge = await get("/public");
  check("a purged page is fetched again", afterPurge.count === 4 && afterPurge.res.headers.get("x-cache") === "MISS");
  const untouched = await get("/other");
  check("a page without the tag stays cached", untouched.res.headers.get("x-cache") === "HIT");
  const two = await purge("business:42 complaint:9001");
  // /public (business:42), /other and /other?cookies (complaint:9001): three objects.
  check(
    "PURGE of two tags removes the objects of either",
    two.status === 200 && /Invalidated 3 objects/.test(two.body),
    two.body,
  );
  const none = await fetch(`${varnish.url}/`, { method: "PURGE" });
  check("PURGE without tags is refused", none.status === 400, String(none.status));
  if (outside) {
    const refused = await purge("home", `http://${outside}:${outsidePort}`);
    check("PURGE from outside the ACL is refused", refused.status === 403, String(refused.status));
  } else process.stdout.write("skip PURGE from outside the ACL: no non-loopback address here\n");
  await get("/short");
  await new Promise((resolve) => setTimeout(resolve, 2100));
  const expired = await get("/short");
  check("s-maxage is honoured (no stale answer past it)", expired.count === 2, `count ${expired.count}`);
  const post = await fetch(`${varnish.url}/public`, { method: "POST", body: "x=1" });
  check("a POST goes to the app", Number(post.headers.get("x-backend-count")) > 4);
} finally {
  await varnish.stop();
  backend.close();
  fs.rmSync(work, { recursive: true, force: true });
}
process.stdout.write(failed ? `${failed} check(s) failed\n` : "all checks passed\n");
process.exit(failed ? 1 : 0);
