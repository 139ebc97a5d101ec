import { describe, expect, it } from "vitest";
import { textOf } from "./support/browser.js";
import {
  encodedPairs,
  fillPath,
  rawForm,
  seededSite,
  type SeededSite,
  type Visitor,
  WALK_TIMEOUT,
} from "./support/route-cases.js";

/**
 * Every POST in the route table, sent by someone who may do it, but without the form's token or with
 * a token from another session: a 403 that changes nothing, not even a rate-limit counter, since the
 * check comes before every handler. The same request with the right token is then accepted (and
 * undone), so each refusal is the token's doing and not the user's.
 */

const posts = (site: SeededSite) => site.routes.filter((r) => r.method === "POST");

async function refusesEveryPost(site: SeededSite, token: (actor: Visitor) => string | null) {
  const problems: string[] = [];
  for (const route of posts(site)) {
    const { actor, params, fields } = site.caseFor(route);
    const visitor = site.visitors[actor];
    const url = fillPath(route.path, params);
    const body = rawForm(encodedPairs(fields(actor)));
    const { res: refused, changed } = await site.send(() => visitor.post(url, body, token(visitor)));
    if (refused.status !== 403) problems.push(`POST ${route.path} as ${actor}: ${refused.status}, not 403`);
    else if (!textOf(refused.text).includes("This form has expired"))
      problems.push(`POST ${route.path} as ${actor}: a 403 that is not the form-token refusal`);
    if (changed.length) problems.push(`POST ${route.path} as ${actor} changed ${changed.join("; ")}`);
    const { res: accepted } = await site.send(() => visitor.post(url, body));
    if (accepted.status >= 400)
      problems.push(
        `POST ${route.path} as ${actor}: ${accepted.status} even with the token, so the case proves nothing`,
      );
  }
  return problems;
}

describe("CSRF on every POST route", () => {
  it(
    "refuses every POST route without a form token with 403, and changes nothing",
    async () => {
      const site = await seededSite();
      expect(posts(site).length).toBeGreaterThan(30);
      expect(await refusesEveryPost(site, () => null)).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    "refuses every POST route with a token from another session with 403, and changes nothing",
    async () => {
      const site = await seededSite();
      // A token the attacker got honestly, from their own session (or, for anonymous forms, from a logged-in one).
      const stranger = (actor: Visitor) =>
        (actor.kind === "anonymous" ? site.visitors.consumer : site.visitors.anonymous).token;
      expect(await refusesEveryPost(site, stranger)).toEqual([]);
    },
    WALK_TIMEOUT,
  );
});
