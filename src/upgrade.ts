import type { Clock } from "./clock.js";
import { migrate, rebuildAsked } from "./db/migrate.js";
import type { Db } from "./db/open.js";
import { rebuildFigures } from "./features/figures/rebuild.js";
import { rebuildModerationCounts } from "./features/transparency/rebuild.js";

/**
 * Brings a database up to this version, for the server and every CLI alike: applies the pending
 * migrations, then, only when one of them asks (migrate.ts: REBUILD_MARKER), recomputes the kept
 * figures and moderation counts from what they count. A start with nothing pending does neither.
 */
export function upgradeDatabase(db: Db, clock: Clock) {
  const applied = migrate(db, clock);
  if (!rebuildAsked(applied)) return { applied, rebuilt: undefined };
  return { applied, rebuilt: { figures: rebuildFigures(db, clock), moderation: rebuildModerationCounts(db) } };
}
