import { describe, expect, it } from "vitest";
import type { RouteEntry } from "../src/web/route-table.js";
import { makeTestApp } from "./support/app.js";
import {
  encodedPairs,
  fillPath,
  leaks,
  rawForm,
  seededSite,
  type SeededSite,
  WALK_TIMEOUT,
} from "./support/route-cases.js";

/**
 * Every route in the route table, sent what no form of ours sends: in the query string (GET) or the
 * form (POST, with a valid token, as a user who reaches the handler), and in its URL parameters.
 * Whatever arrives, the answer is never a 5xx and never shows a stack trace or a path on the
 * server's disk; a GET writes nothing, and neither does a refused POST. Each request is undone
 * afterwards, so every one meets the same seeded site (test/support/route-cases.ts).
 */

const enc = encodeURIComponent;

/** What goes where a value goes, already percent-encoded: every route gets every one of these. */
const VALUES: Record<string, string> = {
  "an empty value": "",
  "C0 control characters": enc("a\u0000b\u0001c\u0008\u000b\u001b[2J\u007f"),
  "invalid UTF-8": "%ff%fe%c3%28",
  "malformed percent-encoding": "%zz%e0%a4%",
  "emoji and right-to-left text": enc("😀👍🏽 \u202egnp.exe\u202c שלום مرحبا"),
  "HTML and script": enc(`"'><script>alert(1)</script><img src=x onerror=alert(1)>`),
  "SQL and FTS5 syntax": enc(`" * NEAR( refund ' OR 1=1 -- AND ^ title:`),
  "a negative number": "-1",
  "a huge number": "1e30",
  "too many digits for an integer": "99999999999999999999",
  "not a number": "abc",
};

/** What goes in place of a URL parameter (":ref", ":slug", ":id", ...), as it is. */
const PATH_VALUES: Record<string, string> = {
  "invalid UTF-8": "%ff%c3%28",
  "malformed percent-encoding": "%zz%",
  "C0 control characters": "%00%1b",
  "an encoded slash": "a%2Fb",
  "emoji and right-to-left text": enc("😀\u202eשלום"),
  "HTML and script": enc("<script>alert(1)</script>"),
  "SQL and FTS5 syntax": enc(`" NEAR( * ' OR 1=1 --`),
  "a negative number": "-1",
  "a huge number": "1e30",
  "too many digits for an integer": "99999999999999999999",
  "not a number": "abc",
};

/** The body parser's limit (src/app.ts). */
const BODY_LIMIT = 100 * 1024;

interface Probe {
  kind: string;
  url: string;
  /** The form, for a POST. */
  body?: string;
  /** Another type than a form's, for the body. */
  contentType?: string;
  /** The one status that is right, when one is. */
  status?: number;
}

type Pairs = (readonly [string, string])[];

/** The fields a route's probes vary: its case's own, plus the page number (GET) or the `next` address (POST). */
function fieldsOf(site: SeededSite, route: RouteEntry): Pairs {
  const { actor, fields } = site.caseFor(route);
  const own = encodedPairs(fields(actor));
  const extra = route.method === "GET" ? (["page", "2"] as const) : (["next", enc("/")] as const);
  return own.some(([k]) => k === extra[0]) ? own : [...own, extra];
}

/** Every kind of input for one route, in its query string (GET) or its form (POST). */
function fieldProbes(site: SeededSite, route: RouteEntry, index: number): Probe[] {
  const path = fillPath(route.path, site.caseFor(route).params);
  const fields = fieldsOf(site, route);
  const at = (pairs: Pairs) =>
    route.method === "GET"
      ? { url: pairs.length ? `${path}?${rawForm(pairs)}` : path }
      : { url: path, body: rawForm(pairs) };
  // The field that goes missing or gets the long string: a different one from route to route.
  const pick = fields[index % fields.length]![0];
  const long = (size: number) => fields.map(([k, v]) => [k, k === pick ? "x".repeat(size) : v] as const);
  return [
    { kind: "no fields at all", ...at([]) },
    { kind: "a missing field", ...at(fields.filter(([k]) => k !== pick)) },
    { kind: "repeated fields", ...at(fields.flatMap(([k, v]) => [[k, v] as const, [k, "2"] as const])) },
    { kind: "nested keys", ...at([...fields.map(([k, v]) => [`${k}%5Bb%5D`, v] as const), ["__proto__%5Bx%5D", "1"]]) },
    ...Object.entries(VALUES).map(([kind, value]) => ({ kind, ...at(fields.map(([k]) => [k, value] as const)) })),
    ...(route.method === "GET"
      ? // Node answers a request line past 16 kB itself (see the last test); 10 kB reaches the handler.
        [{ kind: "a 10 kB string", ...at(long(10_000)) }]
      : [
          { kind: "a string just under the body limit", ...at(long(BODY_LIMIT - 2_000)) },
          { kind: "a form over the body limit", ...at(long(BODY_LIMIT + 1)), status: 413 },
          {
            kind: "more fields than the parser takes",
            ...at(Array.from({ length: 201 }, (_, i) => [`f${i}`, "1"] as const)),
            status: 413,
          },
          {
            kind: "a JSON body",
            url: path,
            body: JSON.stringify(Object.fromEntries(fields.map(([k, v]) => [k, decodeURIComponent(v)]))),
            contentType: "application/json",
          },
        ]),
  ];
}

/** Each URL parameter of the route replaced, in turn, by every path value. */
function pathProbes(site: SeededSite, route: RouteEntry): Probe[] {
  const { actor, params, fields } = site.caseFor(route);
  const body = route.method === "POST" ? { body: rawForm(encodedPairs(fields(actor))) } : {};
  return Object.keys(params).flatMap((name) =>
    Object.entries(PATH_VALUES).map(([kind, value]) => ({
      kind: `${kind} in :${name}`,
      url: fillPath(route.path, { ...params, [name]: value }),
      ...body,
    })),
  );
}

/** Sends each probe as the route's case's user; returns what was wrong with the answers. */
async function problemsWith(site: SeededSite, route: RouteEntry, probes: Probe[]): Promise<string[]> {
  const problems: string[] = [];
  const visitor = site.visitors[site.caseFor(route).actor];
  for (const probe of probes) {
    const where = `${route.method} ${probe.url.slice(0, 100)} (${probe.kind})`;
    const { res, changed } = await site.send(
      () =>
        probe.body === undefined
          ? visitor.get(probe.url)
          : probe.contentType
            ? visitor.postOther(probe.url, probe.contentType, probe.body)
            : visitor.post(probe.url, probe.body),
      ["rate_limits"], // they count attempts, refused ones too, by design
    );
    if (res.status >= 500) problems.push(`${where}: ${res.status}`);
    if (probe.status && res.status !== probe.status) problems.push(`${where}: ${res.status}, not ${probe.status}`);
    const leak = leaks(site.t, res.text);
    if (leak) problems.push(`${where}: the body shows ${leak}`);
    if (changed.length && (route.method === "GET" || res.status >= 400))
      problems.push(`${where}: answered ${res.status} and changed ${changed.join("; ")}`);
  }
  return problems;
}

/** The routes `select` picks, each sent its `probes`: the routes, and what was wrong with the answers. */
async function fuzz(
  select: (route: RouteEntry) => boolean,
  probes: (site: SeededSite, route: RouteEntry, index: number) => Probe[],
) {
  const site = await seededSite();
  const routes = site.routes.filter(select);
  const problems: string[] = [];
  for (const [index, route] of routes.entries())
    problems.push(...(await problemsWith(site, route, probes(site, route, index))));
  return { routes, problems };
}

describe("fuzzed input on every route", () => {
  it(
    "answers every GET route's fuzzed query string without a 5xx or a leak, and writes nothing",
    async () => {
      const { routes, problems } = await fuzz((r) => r.method === "GET", fieldProbes);
      expect(routes.length).toBeGreaterThan(30);
      expect(problems).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    "answers every POST route's fuzzed form without a 5xx or a leak, and a refusal writes nothing",
    async () => {
      const { routes, problems } = await fuzz((r) => r.method === "POST", fieldProbes);
      expect(routes.length).toBeGreaterThan(30);
      expect(problems).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    "answers fuzzed URL parameters on every route that has them without a 5xx or a leak, and a refusal writes nothing",
    async () => {
      const { routes, problems } = await fuzz((r) => r.path.includes(":"), pathProbes);
      expect(routes.length).toBeGreaterThan(20);
      expect(problems).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it("answers a query string too long for the server with 431 before the app, and nothing of the server's", async () => {
    const t = makeTestApp();
    const res = await t.browser().get(`/search?q=${"x".repeat(BODY_LIMIT)}`);
    expect(res.status).toBe(431);
    expect(leaks(t, res.text ?? "")).toBeUndefined();
  });
});
