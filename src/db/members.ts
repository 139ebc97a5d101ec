import type { Db } from "./open.js";

export type MemberRole = "owner" | "agent";

export interface Member {
  userId: number;
  displayName: string;
  email: string;
  role: MemberRole;
  since: number;
}

export function membersDb(db: Db) {
  const roleOf = db.prepare<{ business_id: number; user_id: number }, { role: MemberRole }>(
    "SELECT role FROM business_members WHERE business_id = @business_id AND user_id = @user_id",
  );
  const add = db.prepare<{ business_id: number; user_id: number; role: MemberRole; at: number }>(
    `INSERT INTO business_members (business_id, user_id, role, created_at) VALUES (@business_id, @user_id, @role, @at)
     ON CONFLICT (business_id, user_id) DO UPDATE SET role = CASE WHEN role = 'owner' THEN 'owner' ELSE excluded.role END`,
  );
  const remove = db.prepare<{ business_id: number; user_id: number }>(
    "DELETE FROM business_members WHERE business_id = @business_id AND user_id = @user_id",
  );
  const ofBusiness = db.prepare<
    [number],
    { user_id: number; display_name: string; email: string; role: MemberRole; created_at: number }
  >(
    `SELECT m.user_id, u.display_name, u.email, m.role, m.created_at FROM business_members m JOIN users u ON u.id = m.user_id
     WHERE m.business_id = ? ORDER BY m.role DESC, u.display_name`,
  );
  const anyFor = db.prepare<[number], { one: number }>(
    "SELECT 1 AS one FROM business_members WHERE user_id = ? LIMIT 1",
  );
  const businessesOf = db.prepare<[number], { business_id: number; role: MemberRole }>(
    "SELECT business_id, role FROM business_members WHERE user_id = ?",
  );

  return {
    roleOf: (businessId: number, userId: number) => roleOf.get({ business_id: businessId, user_id: userId })?.role,
    /** Adds a member; an owner stays an owner. */
    add: (businessId: number, userId: number, role: MemberRole, at: number) =>
      add.run({ business_id: businessId, user_id: userId, role, at }),
    remove: (businessId: number, userId: number) =>
      remove.run({ business_id: businessId, user_id: userId }).changes === 1,
    ofBusiness: (businessId: number): Member[] =>
      ofBusiness.all(businessId).map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        email: r.email,
        role: r.role,
        since: r.created_at,
      })),
    /** Whether the user answers for any business (the account menu's "Business dashboard"). */
    answersForAny: (userId: number) => anyFor.get(userId) !== undefined,
    businessesOf: (userId: number) =>
      businessesOf.all(userId).map((r) => ({ businessId: r.business_id, role: r.role })),
  };
}

export type MembersDb = ReturnType<typeof membersDb>;
