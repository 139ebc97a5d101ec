import type { Db } from "./open.js";

export type SiteCountName = "complaints" | "businesses";

export function siteCountsDb(db: Db) {
  const all = db.prepare<[], { name: SiteCountName; value: number }>("SELECT name, value FROM site_counts");
  const bump = db.prepare<{ name: SiteCountName; delta: number }>(
    "UPDATE site_counts SET value = value + @delta WHERE name = @name",
  );
  return {
    all(): Record<SiteCountName, number> {
      const counts = { complaints: 0, businesses: 0 };
      for (const row of all.all()) counts[row.name] = row.value;
      return counts;
    },
    bump: (name: SiteCountName, delta: number) => bump.run({ name, delta }),
  };
}
