import type { Db } from "./open.js";

/**
 * The kept counts of businesses' public complaints: the total, per status, by whose turn it is, per
 * day and in the rolling 30-day window. Written only by features/figures/counts.ts, in the transaction of the
 * event counted; pages read them through businesses.ts and the figures read model.
 */
export function businessCountsDb(db: Db) {
  const addPublished = db.prepare<{ id: number; at: number }>(
    "UPDATE businesses SET complaint_count = complaint_count + 1, last_complaint_at = max(coalesce(last_complaint_at, 0), @at) WHERE id = @id",
  );
  // An upsert checks its candidate row before the conflict, so a negative delta must be an UPDATE.
  const addStatus = db.prepare<{ business_id: number; status: string; delta: number }>(
    `INSERT INTO business_status_counts (business_id, status, count) VALUES (@business_id, @status, @delta)
     ON CONFLICT (business_id, status) DO UPDATE SET count = count + excluded.count`,
  );
  const subtractStatus = db.prepare<{ business_id: number; status: string; delta: number }>(
    "UPDATE business_status_counts SET count = count + @delta WHERE business_id = @business_id AND status = @status",
  );
  const addWaiting = db.prepare<{ business_id: number; waiting_on: string; delta: number }>(
    `INSERT INTO business_waiting_counts (business_id, waiting_on, count) VALUES (@business_id, @waiting_on, @delta)
     ON CONFLICT (business_id, waiting_on) DO UPDATE SET count = count + excluded.count`,
  );
  const subtractWaiting = db.prepare<{ business_id: number; waiting_on: string; delta: number }>(
    "UPDATE business_waiting_counts SET count = count + @delta WHERE business_id = @business_id AND waiting_on = @waiting_on",
  );
  const waitingCounts = db.prepare<[number], { waiting_on: string; count: number }>(
    "SELECT waiting_on, count FROM business_waiting_counts WHERE business_id = ?",
  );
  const bumpDaily = db.prepare<{ day: number; business_id: number; delta: number }>(
    `INSERT INTO business_daily_counts (day, business_id, count) VALUES (@day, @business_id, @delta)
     ON CONFLICT (day, business_id) DO UPDATE SET count = count + excluded.count`,
  );
  const bumpRecent = db.prepare<{ business_id: number; delta: number }>(
    `INSERT INTO business_recent_counts (business_id, count) VALUES (@business_id, @delta)
     ON CONFLICT (business_id) DO UPDATE SET count = count + excluded.count`,
  );
  // Subtracts the days [from, to) that leave the 30-day window, in one statement however many days.
  const dropRecentDays = db.prepare<{ from: number; to: number }>(
    `UPDATE business_recent_counts SET count = count - d.gone
     FROM (SELECT business_id, sum(count) AS gone FROM business_daily_counts WHERE day >= @from AND day < @to GROUP BY business_id) d
     WHERE business_recent_counts.business_id = d.business_id`,
  );
  const windowStart = db.prepare<[string], { start_day: number }>(
    "SELECT start_day FROM rolling_windows WHERE name = ?",
  );
  const setWindowStart = db.prepare<{ name: string; day: number }>(
    "INSERT INTO rolling_windows (name, start_day) VALUES (@name, @day) ON CONFLICT (name) DO UPDATE SET start_day = excluded.start_day",
  );

  return {
    addPublishedComplaint: (id: number, at: number) => addPublished.run({ id, at }),
    bumpStatusCount: (businessId: number, status: string, delta: number) =>
      (delta < 0 ? subtractStatus : addStatus).run({ business_id: businessId, status, delta }),
    bumpWaitingCount: (businessId: number, waitingOn: string, delta: number) =>
      (delta < 0 ? subtractWaiting : addWaiting).run({ business_id: businessId, waiting_on: waitingOn, delta }),
    /** A business's public complaints by whose turn it is: { business: 3, consumer: 1 }. */
    waitingCounts(businessId: number): Record<string, number> {
      return Object.fromEntries(waitingCounts.all(businessId).map((r) => [r.waiting_on, r.count]));
    },
    bumpDailyCount: (day: number, businessId: number, delta: number) =>
      bumpDaily.run({ day, business_id: businessId, delta }),
    bumpRecentCount: (businessId: number, delta: number) => bumpRecent.run({ business_id: businessId, delta }),
    recentWindowStart: () => windowStart.get("recent")?.start_day,
    /** Moves the window's first day to `to`, subtracting the days in between. */
    rollRecentWindow(from: number, to: number) {
      dropRecentDays.run({ from, to });
      setWindowStart.run({ name: "recent", day: to });
    },
  };
}
