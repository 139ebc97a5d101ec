import { businessTags, type PageChanges } from "../cache/tags.js";
import { HOUR, type Clock } from "../../clock.js";
import { businessesDb, type Business } from "../../db/businesses.js";
import { claimsDb, type Claim } from "../../db/claims.js";
import { emailTokensDb } from "../../db/email-tokens.js";
import { membersDb } from "../../db/members.js";
import type { Db } from "../../db/open.js";
import type { MailQueue } from "../../mail/mailer.js";
import { claimEmailMessage } from "../../mail/messages.js";
import { usersDb, type User } from "../../db/users.js";
import { hashToken, newToken } from "../../lib/tokens.js";
import { parseWebsite } from "../../lib/websites.js";
import { Conflict, Forbidden, NotFound } from "../../web/errors.js";
import { requireVerifiedEmail } from "../accounts/verified.js";
import { complaintCounts } from "../figures/counts.js";
import { moderationCounts } from "../transparency/counts.js";
import type { notifications } from "../notifications/notifications.js";

const CLAIM_LINK_TTL = 24 * HOUR;

/** True when the address is at the domain or one of its subdomains ("jo@support.acme.com" for acme.com). */
export function emailAtDomain(email: string, domain: string): boolean {
  const host = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

export type ClaimPage =
  { mode: "member" } | { mode: "waiting"; claim: Claim } | { mode: "domain" | "manual" | "dispute" };

export type VerifyClaimResult =
  | { status: "verified"; claim: Claim }
  | { status: "in_review"; claim: Claim }
  | { status: "unknown" | "used" | "expired" };

/**
 * Claiming a business profile. A work email at the business's own domain proves it at once; any
 * other claim (no website on file, no such email, or a business someone already claimed) waits for
 * an admin. A website the claimant proposes changes nothing until an admin approves the claim.
 */
export function claims(deps: {
  db: Db;
  clock: Clock;
  baseUrl: string;
  /** The work-email link is queued in the claim's transaction. */
  mail: MailQueue;
  /** Decisions are told to the claimant from the transaction that makes them. */
  notifications: Pick<ReturnType<typeof notifications>, "claimDecision">;
  /** A claimed business shows as such (and with its website) on its page and its complaints'. */
  changes?: PageChanges;
}) {
  const { db, clock } = deps;
  const rows = claimsDb(db);
  const tokens = emailTokensDb(db);
  const members = membersDb(db);
  const businesses = businessesDb(db);
  const users = usersDb(db);
  const counts = complaintCounts(db);
  const acts = moderationCounts(db, deps.changes);

  /**
   * The work-email path proves a claim only against a website someone else put on file: whoever
   * created the business (and typed its website) goes through review, so nobody claims a business
   * by creating it with their own domain.
   */
  const domainPathOpen = (business: Business, user: User) => business.domain !== null && business.createdBy !== user.id;

  /** A single-use link, valid 24 hours, to the work email, queued in the caller's transaction. */
  function sendLink(business: Business, user: User, claimId: number, workEmail: string, at: number) {
    const { token, hash } = newToken();
    tokens.insert({
      userId: user.id,
      purpose: "claim_business",
      email: workEmail,
      subjectId: claimId,
      tokenHash: hash,
      createdAt: at,
      expiresAt: at + CLAIM_LINK_TTL,
    });
    deps.mail.enqueue(
      claimEmailMessage(workEmail, business.name, user.displayName, `${deps.baseUrl}/claims/verify?token=${token}`),
    );
  }

  /** Makes the user an owner; the first owner marks the business claimed. */
  function grant(business: Business, userId: number, at: number) {
    members.add(business.id, userId, "owner", at);
    if (businesses.markClaimed(business.id, at)) counts.claimed(business);
    deps.changes?.touched(businessTags(business));
  }

  /** Tells the claimant of a decision (an admin's, or their own link followed); inside its transaction. */
  function tellClaimant(claim: Claim, decision: "verified" | "approved" | "rejected", reason?: string) {
    const claimant = users.byId(claim.userId);
    if (claimant)
      deps.notifications.claimDecision(
        claimant,
        { name: claim.businessName, slug: claim.businessSlug },
        decision,
        reason,
      );
  }

  return {
    /** Which form the claim page shows this user. */
    pageFor(business: Business, user: User): ClaimPage {
      if (members.roleOf(business.id, user.id)) return { mode: "member" };
      const open = rows.openByUser(business.id, user.id);
      if (open) return { mode: "waiting", claim: open };
      if (business.claimedAt !== null) return { mode: "dispute" };
      return { mode: domainPathOpen(business, user) ? "domain" : "manual" };
    },

    /**
     * The normal path: a single-use link, valid 24 hours, to a work email at the business's domain,
     * queued in the claim's transaction.
     */
    startByEmail(business: Business, user: User, workEmail: string): Claim {
      requireVerifiedEmail(user);
      return db.transaction(() => {
        if (members.roleOf(business.id, user.id)) throw new Conflict("You already answer for this business.");
        if (business.claimedAt !== null)
          throw new Conflict(
            "This business is already claimed. Ask for a review instead, and an admin will look at it.",
          );
        if (!business.domain || !domainPathOpen(business, user))
          throw new Conflict(
            "This business can only be claimed through a review: ask for one and an admin will look at it.",
          );
        if (!emailAtDomain(workEmail, business.domain))
          throw new Conflict(`Use an email address at ${business.domain}.`);
        const at = clock.now();
        const id = rows.insert({
          businessId: business.id,
          userId: user.id,
          method: "domain",
          workEmail,
          isDispute: false,
          status: "email_sent",
          at,
        });
        sendLink(business, user, id, workEmail, at);
        return rows.byId(id)!;
      })();
    },

    /**
     * A claim waiting for its link: the link again, to the same address or to another one at the
     * business's domain (a typo, a colleague's inbox). The links sent before stop working.
     */
    resendLink(business: Business, user: User, workEmail: string | undefined): Claim {
      return db.transaction(() => {
        const claim = rows.openByUser(business.id, user.id);
        if (!claim || claim.status !== "email_sent" || claim.workEmail === null)
          throw new Conflict("There is no claim of yours waiting for a link.");
        const to = workEmail ?? claim.workEmail;
        if (!business.domain || !emailAtDomain(to, business.domain))
          throw new Conflict(`Use an email address at ${business.domain ?? "the business's domain"}.`);
        tokens.deleteForSubject("claim_business", claim.id);
        if (to !== claim.workEmail) rows.setWorkEmail(claim.id, to);
        sendLink(business, user, claim.id, to, clock.now());
        return rows.byId(claim.id)!;
      })();
    },

    /** The fallback: evidence for an admin to review (always, for a business already claimed). */
    requestReview(
      business: Business,
      user: User,
      input: { evidence: string; website?: string | undefined; workEmail?: string | undefined },
    ): Claim {
      requireVerifiedEmail(user);
      return db.transaction(() => {
        if (members.roleOf(business.id, user.id)) throw new Conflict("You already answer for this business.");
        if (rows.openByUser(business.id, user.id))
          throw new Conflict("You already have a claim of this business waiting.");
        const website = input.website ? parseWebsite(input.website)?.url : undefined;
        const id = rows.insert({
          businessId: business.id,
          userId: user.id,
          method: "manual",
          workEmail: input.workEmail ?? null,
          evidence: input.evidence,
          proposedWebsite: website ?? null,
          isDispute: business.claimedAt !== null,
          status: "in_review",
          at: clock.now(),
        });
        return rows.byId(id)!;
      })();
    },

    /** Follows the emailed link. If someone claimed the business meanwhile, the claim goes to review. */
    verify(token: string): VerifyClaimResult {
      return db.transaction((): VerifyClaimResult => {
        const found = tokens.byHash(hashToken(token), "claim_business");
        if (!found || found.subjectId === null) return { status: "unknown" };
        if (found.usedAt !== null) return { status: "used" };
        const at = clock.now();
        if (found.expiresAt <= at) return { status: "expired" };
        const claim = rows.byId(found.subjectId);
        if (!claim || claim.status !== "email_sent") return { status: "used" };
        tokens.markUsed(found.id, at);
        const business = businesses.byId(claim.businessId)!;
        if (business.claimedAt !== null && !members.roleOf(business.id, claim.userId)) {
          rows.setStatus(claim.id, "in_review", { at, isDispute: true });
          return { status: "in_review", claim: rows.byId(claim.id)! };
        }
        rows.setStatus(claim.id, "verified", { at });
        acts.act({ actorId: claim.userId, action: "claim.verify", targetType: "claim", targetId: claim.id, at });
        grant(business, claim.userId, at);
        const verified = rows.byId(claim.id)!;
        tellClaimant(verified, "verified");
        return { status: "verified", claim: verified };
      })();
    },

    inReview: () => rows.inReview(),

    decide(claimId: number, admin: User, decision: "approve" | "reject", reason?: string): Claim {
      if (admin.role !== "admin") throw new Forbidden("Only admins decide claims.");
      return db.transaction(() => {
        const claim = rows.byId(claimId);
        if (!claim) throw new NotFound();
        if (claim.status !== "in_review") throw new Conflict("This claim was already decided.");
        const at = clock.now();
        acts.act({
          actorId: admin.id,
          action: decision === "reject" ? "claim.reject" : "claim.approve",
          targetType: "claim",
          targetId: claim.id,
          reason: reason ?? null,
          at,
        });
        if (decision === "reject") {
          rows.setStatus(claim.id, "rejected", { by: admin.id, reason: reason ?? null, at });
        } else {
          rows.setStatus(claim.id, "approved", { by: admin.id, reason: reason ?? null, at });
          const business = businesses.byId(claim.businessId)!;
          const site = claim.proposedWebsite ? parseWebsite(claim.proposedWebsite) : undefined;
          if (site) businesses.setWebsite(business.id, site.url, site.domain);
          grant(business, claim.userId, at);
        }
        const decided = rows.byId(claim.id)!;
        tellClaimant(decided, decision === "reject" ? "rejected" : "approved", reason);
        return decided;
      })();
    },
  };
}
