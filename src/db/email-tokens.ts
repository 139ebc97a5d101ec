import type { Db } from "./open.js";

export type EmailTokenPurpose = "verify_email" | "claim_business" | "reset_password" | "change_email";

export interface EmailToken {
  id: number;
  userId: number;
  purpose: EmailTokenPurpose;
  email: string;
  subjectId: number | null;
  /** A local path the link leads on to (verification after a sign-up with `next`). */
  nextPath: string | null;
  expiresAt: number;
  usedAt: number | null;
}

interface EmailTokenRow {
  id: number;
  user_id: number;
  purpose: EmailTokenPurpose;
  email: string;
  subject_id: number | null;
  next_path: string | null;
  expires_at: number;
  used_at: number | null;
}

export function emailTokensDb(db: Db) {
  const insert = db.prepare(
    `INSERT INTO email_tokens (user_id, purpose, email, subject_id, next_path, token_hash, created_at, expires_at)
     VALUES (@user_id, @purpose, @email, @subject_id, @next_path, @token_hash, @created_at, @expires_at)`,
  );
  const byHash = db.prepare<{ token_hash: string; purpose: string }, EmailTokenRow>(
    "SELECT * FROM email_tokens WHERE token_hash = @token_hash AND purpose = @purpose",
  );
  const deleteForUser = db.prepare<[number]>("DELETE FROM email_tokens WHERE user_id = ?");
  const deleteForSubject = db.prepare<{ purpose: string; subject_id: number }>(
    "DELETE FROM email_tokens WHERE purpose = @purpose AND subject_id = @subject_id",
  );
  const voidCredentialLinks = db.prepare<{ user_id: number; at: number }>(
    `UPDATE email_tokens SET used_at = @at
     WHERE user_id = @user_id AND used_at IS NULL AND purpose IN ('reset_password', 'change_email')`,
  );
  const markUsed = db.prepare<{ id: number; at: number }>(
    "UPDATE email_tokens SET used_at = @at WHERE id = @id AND used_at IS NULL",
  );

  return {
    /** Every outstanding reset and email-change link of the user stops working (as if used). */
    voidCredentialLinks: (userId: number, at: number) => voidCredentialLinks.run({ user_id: userId, at }),
    insert(token: {
      userId: number;
      purpose: EmailTokenPurpose;
      email: string;
      subjectId?: number;
      nextPath?: string | undefined;
      tokenHash: string;
      createdAt: number;
      expiresAt: number;
    }) {
      insert.run({
        user_id: token.userId,
        purpose: token.purpose,
        email: token.email,
        subject_id: token.subjectId ?? null,
        next_path: token.nextPath ?? null,
        token_hash: token.tokenHash,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
      });
    },
    byHash(tokenHash: string, purpose: EmailTokenPurpose): EmailToken | undefined {
      const row = byHash.get({ token_hash: tokenHash, purpose });
      return (
        row && {
          id: row.id,
          userId: row.user_id,
          purpose: row.purpose,
          email: row.email,
          subjectId: row.subject_id,
          nextPath: row.next_path,
          expiresAt: row.expires_at,
          usedAt: row.used_at,
        }
      );
    },
    deleteForUser: (userId: number) => deleteForUser.run(userId),
    /** Forgets every link sent about one thing (a claim whose link is sent anew): the old ones stop working. */
    deleteForSubject: (purpose: string, subjectId: number) => deleteForSubject.run({ purpose, subject_id: subjectId }),
    /** False when another request used it first. */
    markUsed(id: number, at: number): boolean {
      return markUsed.run({ id, at }).changes === 1;
    },
  };
}
