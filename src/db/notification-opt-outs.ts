import type { Db } from "./open.js";

export function notificationOptOutsDb(db: Db) {
  const of = db.prepare<[number], { kind: string }>("SELECT kind FROM notification_opt_outs WHERE user_id = ?");
  const add = db.prepare<{ user_id: number; kind: string; at: number }>(
    "INSERT INTO notification_opt_outs (user_id, kind, created_at) VALUES (@user_id, @kind, @at) ON CONFLICT DO NOTHING",
  );
  const remove = db.prepare<{ user_id: number; kind: string }>(
    "DELETE FROM notification_opt_outs WHERE user_id = @user_id AND kind = @kind",
  );
  const clear = db.prepare<[number]>("DELETE FROM notification_opt_outs WHERE user_id = ?");
  return {
    clear: (userId: number) => clear.run(userId),
    kindsOptedOut: (userId: number) => new Set(of.all(userId).map((r) => r.kind)),
    optOut: (userId: number, kind: string, at: number) => add.run({ user_id: userId, kind, at }),
    optIn: (userId: number, kind: string) => remove.run({ user_id: userId, kind }),
  };
}
