import type { Db } from "./open.js";

export type Role = "admin" | "moderator";

export interface User {
  id: number;
  email: string;
  displayName: string;
  emailVerifiedAt: number | null;
  role: Role | null;
  suspendedAt: number | null;
  deletedAt: number | null;
  createdAt: number;
}

/** Only the log-in path ever sees the hash. */
export interface UserWithPassword extends User {
  passwordHash: string;
}

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  email_verified_at: number | null;
  role: Role | null;
  suspended_at: number | null;
  deleted_at: number | null;
  created_at: number;
  password_hash: string;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  emailVerifiedAt: row.email_verified_at,
  role: row.role,
  suspendedAt: row.suspended_at,
  deletedAt: row.deleted_at,
  createdAt: row.created_at,
});

export function usersDb(db: Db) {
  const byId = db.prepare<[number], UserRow>("SELECT * FROM users WHERE id = ?");
  const byEmail = db.prepare<[string], UserRow>("SELECT * FROM users WHERE email = ?");
  const insert = db.prepare<{ email: string; password_hash: string; display_name: string; at: number }, { id: number }>(
    `INSERT INTO users (email, password_hash, display_name, created_at, updated_at)
     VALUES (@email, @password_hash, @display_name, @at, @at) ON CONFLICT (email) DO NOTHING RETURNING id`,
  );
  const markVerified = db.prepare<{ id: number; at: number }>(
    "UPDATE users SET email_verified_at = @at, updated_at = @at WHERE id = @id AND email_verified_at IS NULL",
  );

  const setPassword = db.prepare<{ id: number; hash: string; at: number }>(
    "UPDATE users SET password_hash = @hash, updated_at = @at WHERE id = @id",
  );
  const setDisplayName = db.prepare<{ id: number; name: string; at: number }>(
    "UPDATE users SET display_name = @name, updated_at = @at WHERE id = @id",
  );
  const setEmail = db.prepare<{ id: number; email: string; at: number }, { id: number }>(
    "UPDATE users SET email = @email, email_verified_at = @at, updated_at = @at WHERE id = @id AND NOT EXISTS (SELECT 1 FROM users WHERE email = @email) RETURNING id",
  );
  // Deletion keeps the row (complaints point at it) and nothing personal: a placeholder address
  // that can never receive mail, a password no hash matches, and the public name "Former member".
  const erase = db.prepare<{ id: number; at: number }>(
    `UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', password_hash = '!', display_name = 'Former member',
       email_verified_at = NULL, role = NULL, deleted_at = @at, updated_at = @at WHERE id = @id`,
  );
  const setSuspended = db.prepare<{ id: number; at: number | null; now: number }>(
    "UPDATE users SET suspended_at = @at, updated_at = @now WHERE id = @id",
  );
  const setRole = db.prepare<{ id: number; role: Role | null; at: number }>(
    "UPDATE users SET role = @role, updated_at = @at WHERE id = @id",
  );

  return {
    setRole: (id: number, role: Role | null, at: number) => setRole.run({ id, role, at }),
    setSuspended: (id: number, at: number | null, now: number) => setSuspended.run({ id, at, now }),
    setPassword: (id: number, hash: string, at: number) => setPassword.run({ id, hash, at }),
    setDisplayName: (id: number, name: string, at: number) => setDisplayName.run({ id, name, at }),
    /** False when the address belongs to another account. */
    setEmail: (id: number, email: string, at: number) => setEmail.get({ id, email, at }) !== undefined,
    erase: (id: number, at: number) => erase.run({ id, at }),
    passwordHash: (id: number) => byId.get(id)?.password_hash,
    byEmail(email: string): User | undefined {
      const row = byEmail.get(email);
      return row && toUser(row);
    },
    byId(id: number): User | undefined {
      const row = byId.get(id);
      return row && toUser(row);
    },
    byEmailWithPassword(email: string): UserWithPassword | undefined {
      const row = byEmail.get(email);
      return row && { ...toUser(row), passwordHash: row.password_hash };
    },
    /** Returns the new id, or undefined when the email is taken (also under concurrent sign-ups). */
    insert(user: { email: string; passwordHash: string; displayName: string; at: number }): number | undefined {
      return insert.get({
        email: user.email,
        password_hash: user.passwordHash,
        display_name: user.displayName,
        at: user.at,
      })?.id;
    },
    markVerified(id: number, at: number): boolean {
      return markVerified.run({ id, at }).changes === 1;
    },
  };
}

export type UsersDb = ReturnType<typeof usersDb>;
