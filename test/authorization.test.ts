import { describe, expect, it } from "vitest";
import { textOf } from "./support/browser.js";
import {
  encodedPairs,
  fillPath,
  rawForm,
  seededSite,
  USER_KINDS,
  type UserKind,
  WALK_TIMEOUT,
} from "./support/route-cases.js";

/**
 * Who may write what: every POST in the route table against every kind of user, and the answer
 * each gets today. 303 (or 200 for the forms that answer with a page) is "done"; 403 is "not
 * allowed"; 409 is "allowed, but not in this state". Every request meets the same seeded site
 * (test/support/route-cases.ts): Acme Widgets with its owner and agent, a complaint by the author
 * with a business reply, a resolved one, Globex (the other member's business), a claim in review.
 *
 * A suspended user's sessions end with the suspension, so on reloading a form they are anonymous.
 */
const ALL_REFUSED = { anonymous: 403, suspended: 403 } as const;
const EVERYONE = (status: number) => Object.fromEntries(USER_KINDS.map((k) => [k, status])) as Record<UserKind, number>;
const LOGGED_IN = (status: number) => ({ ...EVERYONE(status), ...ALL_REFUSED });
const ONLY = (status: number, ...kinds: UserKind[]) => ({
  ...EVERYONE(403),
  ...Object.fromEntries(kinds.map((k) => [k, status])),
});

const NOT_FOUND = (...kinds: UserKind[]) => Object.fromEntries(kinds.map((k) => [k, 404]));

//                                            route -> user kind -> status
const EXPECTED: Record<string, Record<UserKind, number>> = {
  // Anyone: the account forms and the links whose token is the proof.
  "/signup": EVERYONE(303),
  "/login": { ...EVERYONE(303), suspended: 403 }, // each with their own password: a suspended account is told so
  "/logout": EVERYONE(303),
  "/password/forgot": EVERYONE(200),
  "/password/reset": EVERYONE(303),
  "/notifications/unsubscribe": EVERYONE(200),
  // Only an unverified address has a link to resend.
  "/verify-email/resend": { ...LOGGED_IN(409), unverified: 303 },
  // Each user's own account.
  "/settings/profile": LOGGED_IN(303),
  "/settings/email": LOGGED_IN(303),
  "/settings/password": LOGGED_IN(303),
  "/settings/delete": LOGGED_IN(303),
  "/settings/notifications": LOGGED_IN(303),
  // An invitation's link is the proof: whoever is logged in and presses the button joins.
  "/invitations/accept": LOGGED_IN(303),
  // Filing: any account (an unverified one's complaint waits for the address to be verified).
  "/complaints": LOGGED_IN(303),
  // The conversation: permissions.ts decides.
  "/complaints/:ref/me-too": ONLY(303, "consumer", "otherMember", "moderator", "admin"),
  "/complaints/:ref/updates": ONLY(303, "author"),
  "/complaints/:ref/replies": ONLY(303, "author", "agent", "owner"),
  "/complaints/:ref/resolve": ONLY(303, "agent", "owner"),
  "/complaints/:ref/confirm": ONLY(303, "author"),
  "/complaints/:ref/dispute": ONLY(303, "author"),
  // The private side (visibility.ts's privateAccess): whoever may not see it gets a 404.
  "/complaints/:ref/private-details": {
    ...ONLY(303, "author"),
    ...NOT_FOUND("unverified", "consumer", "otherMember", "agent", "owner", "moderator", "admin"),
  },
  "/complaints/:ref/detail-requests": {
    ...ONLY(303, "agent", "owner"),
    ...NOT_FOUND("unverified", "consumer", "otherMember", "author", "moderator", "admin"),
  },
  "/complaints/:ref/messages": {
    ...ONLY(303, "author", "agent", "owner"),
    ...NOT_FOUND("unverified", "consumer", "otherMember", "moderator", "admin"),
  },
  // Verified accounts: claiming an unclaimed business, reporting what they can see.
  "/businesses/:slug/claim": { ...LOGGED_IN(303), unverified: 403 },
  // Only the claimant whose claim waits for its link has one to send again.
  "/businesses/:slug/claim/resend": { ...LOGGED_IN(409), consumer: 303 },
  "/reports": { ...LOGGED_IN(303), unverified: 403 },
  // The business's members: its owner only, not its agent, not the site's admins.
  "/dashboard/:slug/members": ONLY(303, "owner"),
  "/dashboard/:slug/members/:userId/remove": ONLY(303, "owner"),
  // Moderators (and admins).
  "/admin/reports/:id/dismiss": ONLY(303, "moderator", "admin"),
  "/admin/complaints/:id/hide": ONLY(303, "moderator", "admin"),
  "/admin/complaints/:id/restore": ONLY(303, "moderator", "admin"),
  "/admin/complaints/:id/redact": ONLY(303, "moderator", "admin"),
  "/admin/replies/:id/hide": ONLY(303, "moderator", "admin"),
  "/admin/replies/:id/restore": ONLY(303, "moderator", "admin"),
  "/admin/messages/:id/hide": ONLY(303, "moderator", "admin"),
  "/admin/messages/:id/restore": ONLY(303, "moderator", "admin"),
  "/admin/attachments/:id/remove": ONLY(303, "moderator", "admin"),
  // Admins only, not moderators.
  "/admin/users/:id/suspend": ONLY(303, "admin"),
  "/admin/users/:id/unsuspend": ONLY(303, "admin"),
  "/admin/claims/:id/approve": ONLY(303, "admin"),
  "/admin/claims/:id/reject": ONLY(303, "admin"),
  "/admin/mail/:id/retry": ONLY(303, "admin"),
};

describe("authorization of every write", () => {
  it(
    "answers every POST route as the table says for every kind of user, and every refusal changes nothing",
    async () => {
      const site = await seededSite();
      const posts = site.routes.filter((r) => r.method === "POST");
      // The table and the router list the same routes: a new POST needs a row before this passes.
      expect(Object.keys(EXPECTED).sort()).toEqual(posts.map((r) => r.path).sort());
      expect(site.staleCases()).toEqual([]); // nor does route-cases.ts describe a route that is gone

      const answered: string[] = [];
      const expected: string[] = [];
      const problems: string[] = [];
      for (const route of posts) {
        const { actor, params, fields } = site.caseFor(route);
        const row = EXPECTED[route.path]!;
        const status = row[actor];
        if (status >= 400) problems.push(`POST ${route.path}: the case's actor (${actor}) is refused in the table`);
        for (const kind of USER_KINDS) {
          const url = fillPath(route.path, params);
          const body = rawForm(encodedPairs(fields(kind)));
          // Rate-limit counters are left out: they count attempts, refused ones too, by design.
          const { res, changed } = await site.send(() => site.visitors[kind].post(url, body), ["rate_limits"]);
          if (res.status >= 400 && changed.length)
            problems.push(
              `POST ${route.path} as ${kind}: refused with ${res.status} but changed ${changed.join("; ")}`,
            );
          if (res.status === 403 && textOf(res.text).includes("This form has expired"))
            problems.push(`POST ${route.path} as ${kind}: refused for its token, so the guard was never asked`);
          answered.push(`POST ${route.path} as ${kind} -> ${res.status}`);
          expected.push(`POST ${route.path} as ${kind} -> ${row[kind]}`);
        }
      }
      expect(answered).toEqual(expected);
      expect(problems).toEqual([]);
    },
    WALK_TIMEOUT,
  );
});
