import type { Db } from "./open.js";

export interface Invitation {
  id: number;
  businessId: number;
  email: string;
  invitedBy: number;
  expiresAt: number;
  acceptedAt: number | null;
}

export function invitationsDb(db: Db) {
  const insert = db.prepare<{
    business_id: number;
    email: string;
    invited_by: number;
    token_hash: string;
    at: number;
    expires_at: number;
  }>(
    `INSERT INTO invitations (business_id, email, invited_by, token_hash, created_at, expires_at)
     VALUES (@business_id, @email, @invited_by, @token_hash, @at, @expires_at)`,
  );
  const byHash = db.prepare<
    [string],
    {
      id: number;
      business_id: number;
      email: string;
      invited_by: number;
      expires_at: number;
      accepted_at: number | null;
    }
  >("SELECT id, business_id, email, invited_by, expires_at, accepted_at FROM invitations WHERE token_hash = ?");
  const accept = db.prepare<{ id: number; user_id: number; at: number }>(
    "UPDATE invitations SET accepted_at = @at, accepted_by = @user_id WHERE id = @id AND accepted_at IS NULL",
  );
  const pending = db.prepare<{ business_id: number; now: number }, { id: number; email: string; created_at: number }>(
    "SELECT id, email, created_at FROM invitations WHERE business_id = @business_id AND accepted_at IS NULL AND expires_at > @now ORDER BY created_at DESC",
  );
  return {
    insert: (i: {
      businessId: number;
      email: string;
      invitedBy: number;
      tokenHash: string;
      at: number;
      expiresAt: number;
    }) =>
      insert.run({
        business_id: i.businessId,
        email: i.email,
        invited_by: i.invitedBy,
        token_hash: i.tokenHash,
        at: i.at,
        expires_at: i.expiresAt,
      }),
    byHash(hash: string): Invitation | undefined {
      const r = byHash.get(hash);
      return (
        r && {
          id: r.id,
          businessId: r.business_id,
          email: r.email,
          invitedBy: r.invited_by,
          expiresAt: r.expires_at,
          acceptedAt: r.accepted_at,
        }
      );
    },
    accept: (id: number, userId: number, at: number) => accept.run({ id, user_id: userId, at }).changes === 1,
    pending: (businessId: number, now: number) =>
      pending.all({ business_id: businessId, now }).map((r) => ({ id: r.id, email: r.email, createdAt: r.created_at })),
  };
}
