import type { Db } from "./open.js";

// SQLite's month number for a ms timestamp, matching src/lib/durations.ts monthNumber().
const MONTH = (ms: string) =>
  `(CAST(strftime('%Y', ${ms} / 1000, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', ${ms} / 1000, 'unixepoch') AS INTEGER) - 1)`;

/**
 * The statements of `npm run figures:rebuild`: every count table recomputed from the complaints and
 * their events, for all businesses or one (@b). Fixed SQL only (the MONTH and B fragments included);
 * values are bound parameters.
 */
export function figuresRebuildDb(db: Db) {
  const statements = {
    // Hidden entries (removed by moderators) no longer move a complaint's state.
    events: db.prepare<{ b: number | null }, { complaint_id: number; type: string; created_at: number }>(
      `SELECT e.complaint_id, e.type, e.created_at FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
       WHERE e.hidden_at IS NULL AND (@b IS NULL OR c.business_id = @b) ORDER BY e.complaint_id, e.created_at, e.id`,
    ),
    complaintIds: db.prepare<{ b: number | null }, { id: number; published_at: number | null }>(
      "SELECT id, published_at FROM complaints WHERE @b IS NULL OR business_id = @b ORDER BY id",
    ),
    setState: db.prepare<Record<string, unknown>>(
      `UPDATE complaints SET status = @status, waiting_on = @waiting_on, waiting_since = @waiting_since, first_reply_at = @first_reply_at,
         resolved_at = @resolved_at, dispute_count = @dispute_count WHERE id = @id`,
    ),
    replied: db.prepare<{ b: number | null }, { business_id: number; published_at: number; first_reply_at: number }>(
      "SELECT business_id, published_at, first_reply_at FROM complaints WHERE visibility = 'public' AND first_reply_at IS NOT NULL AND (@b IS NULL OR business_id = @b)",
    ),
    addReplyTime: db.prepare<{ business_id: number; month: number; bucket: number }>(
      `INSERT INTO business_reply_times (business_id, month, bucket, count) VALUES (@business_id, @month, @bucket, 1)
       ON CONFLICT (business_id, month, bucket) DO UPDATE SET count = count + 1`,
    ),
    businessIds: db.prepare<{ b: number | null }, { id: number }>(
      "SELECT id FROM businesses WHERE @b IS NULL OR id = @b",
    ),
  };
  // Each statement takes @b: one business's rows, or all when NULL.
  const B = "(@b IS NULL OR business_id = @b)";
  const wipe = [
    `DELETE FROM business_status_counts WHERE ${B}`,
    `DELETE FROM business_waiting_counts WHERE ${B}`,
    `DELETE FROM business_daily_counts WHERE ${B}`,
    `DELETE FROM business_recent_counts WHERE ${B}`,
    `DELETE FROM business_monthly WHERE ${B}`,
    `DELETE FROM business_reply_times WHERE ${B}`,
    `DELETE FROM business_category_counts WHERE ${B}`,
    `DELETE FROM business_figures WHERE ${B}`,
    "DELETE FROM complaint_search WHERE @b IS NULL OR rowid IN (SELECT id FROM complaints WHERE business_id = @b)",
  ].map((sql) => db.prepare<{ b: number | null }>(sql));
  const recount = [
    "UPDATE complaints SET me_too_count = (SELECT count(*) FROM me_toos m WHERE m.complaint_id = complaints.id) WHERE @b IS NULL OR business_id = @b",
    `UPDATE businesses SET
      complaint_count = (SELECT count(*) FROM complaints c WHERE c.business_id = businesses.id AND c.visibility = 'public'),
      last_complaint_at = (SELECT max(published_at) FROM complaints c WHERE c.business_id = businesses.id AND c.visibility = 'public')
     WHERE @b IS NULL OR id = @b`,
    `INSERT INTO business_status_counts (business_id, status, count)
      SELECT business_id, status, count(*) FROM complaints WHERE visibility = 'public' AND ${B} GROUP BY business_id, status`,
    `INSERT INTO business_waiting_counts (business_id, waiting_on, count)
      SELECT business_id, waiting_on, count(*) FROM complaints WHERE visibility = 'public' AND ${B} GROUP BY business_id, waiting_on`,
    `INSERT INTO business_daily_counts (day, business_id, count)
      SELECT published_at / 86400000, business_id, count(*) FROM complaints WHERE visibility = 'public' AND ${B} GROUP BY 1, 2`,
    `INSERT INTO business_category_counts (category_id, business_id, count)
      SELECT category_id, business_id, count(*) FROM complaints WHERE visibility = 'public' AND ${B} GROUP BY 1, 2`,
    `INSERT INTO business_monthly (business_id, month, received)
      SELECT business_id, ${MONTH("published_at")}, count(*) FROM complaints WHERE visibility = 'public' AND ${B} GROUP BY 1, 2`,
    `INSERT INTO business_monthly (business_id, month, answered)
      SELECT business_id, ${MONTH("first_reply_at")}, count(*) FROM complaints WHERE visibility = 'public' AND first_reply_at IS NOT NULL AND ${B} GROUP BY 1, 2
      ON CONFLICT (business_id, month) DO UPDATE SET answered = excluded.answered`,
    `INSERT INTO business_monthly (business_id, month, resolved)
      SELECT c.business_id, ${MONTH("e.created_at")}, count(*) FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
      WHERE c.visibility = 'public' AND e.type = 'resolved' AND e.hidden_at IS NULL AND (@b IS NULL OR c.business_id = @b) GROUP BY 1, 2
      ON CONFLICT (business_id, month) DO UPDATE SET resolved = excluded.resolved`,
    `INSERT INTO business_figures (business_id, ratings_count, ratings_sum, would_return_count)
      SELECT c.business_id, count(*), sum(json_extract(e.data, '$.rating')), sum(json_extract(e.data, '$.wouldReturn') = 1)
      FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
      WHERE c.visibility = 'public' AND e.type = 'confirmed' AND e.hidden_at IS NULL AND (@b IS NULL OR c.business_id = @b) GROUP BY 1`,
    `INSERT INTO business_figures (business_id) SELECT DISTINCT business_id FROM complaints WHERE visibility = 'public' AND ${B} ON CONFLICT DO NOTHING`,
    `INSERT INTO complaint_search (rowid, title, body, business)
      SELECT c.id, c.public_title, c.public_body, b.name FROM complaints c JOIN businesses b ON b.id = c.business_id
      WHERE c.visibility = 'public' AND (@b IS NULL OR c.business_id = @b)`,
    "UPDATE site_counts SET value = (SELECT count(*) FROM complaints WHERE visibility = 'public') WHERE name = 'complaints'",
    "UPDATE site_counts SET value = (SELECT count(*) FROM businesses WHERE complaint_count > 0 OR claimed_at IS NOT NULL) WHERE name = 'businesses'",
  ].map((sql) => db.prepare<{ b: number | null }>(sql));
  const recent = db.prepare<{ start: number; b: number | null }>(
    `INSERT INTO business_recent_counts (business_id, count) SELECT business_id, sum(count) FROM business_daily_counts WHERE day >= @start AND ${B} GROUP BY 1`,
  );
  const window = db.prepare<{ start: number }>(
    "INSERT INTO rolling_windows (name, start_day) VALUES ('recent', @start) ON CONFLICT (name) DO UPDATE SET start_day = excluded.start_day",
  );
  const matured = db.prepare<{ cutoff: number; window: number; now: number; b: number | null }>(
    `UPDATE business_figures SET
       matured_count = (SELECT count(*) FROM complaints c WHERE c.business_id = business_figures.business_id AND c.visibility = 'public' AND c.published_at < @cutoff),
       matured_answered = (SELECT count(*) FROM complaints c WHERE c.business_id = business_figures.business_id AND c.visibility = 'public'
         AND c.published_at < @cutoff AND c.first_reply_at IS NOT NULL AND c.first_reply_at - c.published_at <= @window)
     WHERE ${B}`,
  );
  const maturedFlags = db.prepare<{ cutoff: number; now: number; b: number | null }>(
    `UPDATE complaints SET matured_at = CASE WHEN visibility = 'public' AND published_at < @cutoff THEN coalesce(matured_at, @now) ELSE NULL END
     WHERE ${B}`,
  );

  return {
    ...statements,
    wipe: (b: number | null) => wipe.forEach((statement) => statement.run({ b })),
    recount: (b: number | null) => recount.forEach((statement) => statement.run({ b })),
    recent: (start: number, b: number | null) => {
      recent.run({ start, b });
      if (b === null) window.run({ start });
    },
    matured: (cutoff: number, responseWindow: number, now: number, b: number | null) => {
      matured.run({ cutoff, window: responseWindow, now, b });
      maturedFlags.run({ cutoff, now, b });
    },
  };
}
