import type { Db } from "./open.js";

export function sessionsDb(db: Db) {
  const get = db.prepare<{ sid: string; now: number }, { data: string }>(
    "SELECT data FROM sessions WHERE sid = @sid AND expires_at > @now",
  );
  const set = db.prepare<{ sid: string; user_id: number | null; data: string; expires_at: number }>(
    `INSERT INTO sessions (sid, user_id, data, expires_at) VALUES (@sid, @user_id, @data, @expires_at)
     ON CONFLICT (sid) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at`,
  );
  const destroy = db.prepare<[string]>("DELETE FROM sessions WHERE sid = ?");
  const forUser = db.prepare<{ user_id: number; keep: string }>(
    "DELETE FROM sessions WHERE user_id = @user_id AND sid != @keep",
  );
  const deleteExpired = db.prepare<[number]>("DELETE FROM sessions WHERE expires_at <= ?");

  return {
    get: (sid: string, now: number) => get.get({ sid, now })?.data,
    set: (row: { sid: string; userId: number | null; data: string; expiresAt: number }) =>
      set.run({ sid: row.sid, user_id: row.userId, data: row.data, expires_at: row.expiresAt }),
    destroy: (sid: string) => destroy.run(sid),
    deleteExpired: (now: number) => deleteExpired.run(now).changes,
    /** Ends every session of a user except `keep` (the one making the change, if any). */
    endAllFor: (userId: number, keep = "") => forUser.run({ user_id: userId, keep }).changes,
  };
}
