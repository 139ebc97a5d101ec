import type { Db } from "./open.js";

// SQLite's month number for a ms timestamp, matching src/lib/durations.ts monthNumber().
const MONTH = (ms: string) => `(CAST(strftime('%Y', ${ms} / 1000, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', ${ms} / 1000, 'unixepoch') AS INTEGER) - 1)`;

/**
 * The statements of `npm run figures:rebuild`: every count table recomputed from the complaints and
 * their events. Fixed SQL only (the MONTH fragment included); values are bound parameters.
 */
export function figuresRebuildDb(db: Db) {
  const statements = {
    events: db.prepare<[], { complaint_id: number; type: string; created_at: number }>(
      "SELECT complaint_id, type, created_at FROM complaint_events ORDER BY complaint_id, created_at, id",
    ),
    complaintIds: db.prepare<[], { id: number; published_at: number | null }>("SELECT id, published_at FROM complaints ORDER BY id"),
    setState: db.prepare<Record<string, unknown>>(
      `UPDATE complaints SET status = @status, waiting_on = @waiting_on, waiting_since = @waiting_since, first_reply_at = @first_reply_at,
         resolved_at = @resolved_at, dispute_count = @dispute_count WHERE id = @id`,
    ),
    replied: db.prepare<[], { business_id: number; published_at: number; first_reply_at: number }>(
      "SELECT business_id, published_at, first_reply_at FROM complaints WHERE visibility = 'public' AND first_reply_at IS NOT NULL",
    ),
    addReplyTime: db.prepare<{ business_id: number; month: number; bucket: number }>(
      `INSERT INTO business_reply_times (business_id, month, bucket, count) VALUES (@business_id, @month, @bucket, 1)
       ON CONFLICT (business_id, month, bucket) DO UPDATE SET count = count + 1`,
    ),
    businessIds: db.prepare<[], { id: number }>("SELECT id FROM businesses"),
  };
  const wipe = `
    DELETE FROM business_status_counts; DELETE FROM business_daily_counts; DELETE FROM business_recent_counts;
    DELETE FROM business_monthly; DELETE FROM business_reply_times; DELETE FROM business_category_counts;
    DELETE FROM business_figures; DELETE FROM complaint_search;`;
  const recount = `
    UPDATE complaints SET me_too_count = (SELECT count(*) FROM me_toos m WHERE m.complaint_id = complaints.id);
    UPDATE businesses SET
      complaint_count = (SELECT count(*) FROM complaints c WHERE c.business_id = businesses.id AND c.visibility = 'public'),
      last_complaint_at = (SELECT max(published_at) FROM complaints c WHERE c.business_id = businesses.id AND c.visibility = 'public');
    INSERT INTO business_status_counts (business_id, status, count)
      SELECT business_id, status, count(*) FROM complaints WHERE visibility = 'public' GROUP BY business_id, status;
    INSERT INTO business_daily_counts (day, business_id, count)
      SELECT published_at / 86400000, business_id, count(*) FROM complaints WHERE visibility = 'public' GROUP BY 1, 2;
    INSERT INTO business_category_counts (category_id, business_id, count)
      SELECT category_id, business_id, count(*) FROM complaints WHERE visibility = 'public' GROUP BY 1, 2;
    INSERT INTO business_monthly (business_id, month, received)
      SELECT business_id, ${MONTH("published_at")}, count(*) FROM complaints WHERE visibility = 'public' GROUP BY 1, 2;
    INSERT INTO business_monthly (business_id, month, answered)
      SELECT business_id, ${MONTH("first_reply_at")}, count(*) FROM complaints WHERE visibility = 'public' AND first_reply_at IS NOT NULL GROUP BY 1, 2
      ON CONFLICT (business_id, month) DO UPDATE SET answered = excluded.answered;
    INSERT INTO business_monthly (business_id, month, resolved)
      SELECT c.business_id, ${MONTH("e.created_at")}, count(*) FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
      WHERE c.visibility = 'public' AND e.type = 'resolved' GROUP BY 1, 2
      ON CONFLICT (business_id, month) DO UPDATE SET resolved = excluded.resolved;
    INSERT INTO business_figures (business_id, ratings_count, ratings_sum, would_return_count)
      SELECT c.business_id, count(*), sum(json_extract(e.data, '$.rating')), sum(json_extract(e.data, '$.wouldReturn') = 1)
      FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
      WHERE c.visibility = 'public' AND e.type = 'confirmed' GROUP BY 1;
    INSERT INTO business_figures (business_id) SELECT DISTINCT business_id FROM complaints WHERE visibility = 'public' ON CONFLICT DO NOTHING;
    INSERT INTO complaint_search (rowid, title, body, business)
      SELECT c.id, c.public_title, c.public_body, b.name FROM complaints c JOIN businesses b ON b.id = c.business_id WHERE c.visibility = 'public';
    UPDATE site_counts SET value = (SELECT count(*) FROM complaints WHERE visibility = 'public') WHERE name = 'complaints';
    UPDATE site_counts SET value = (SELECT count(*) FROM businesses WHERE complaint_count > 0 OR claimed_at IS NOT NULL) WHERE name = 'businesses';`;
  const recent = db.prepare<{ start: number }>(
    "INSERT INTO business_recent_counts (business_id, count) SELECT business_id, sum(count) FROM business_daily_counts WHERE day >= @start GROUP BY 1",
  );
  const window = db.prepare<{ start: number }>(
    "INSERT INTO rolling_windows (name, start_day) VALUES ('recent', @start) ON CONFLICT (name) DO UPDATE SET start_day = excluded.start_day",
  );
  const matured = db.prepare<{ cutoff: number; window: number; now: number }>(
    `UPDATE business_figures SET
       matured_count = (SELECT count(*) FROM complaints c WHERE c.business_id = business_figures.business_id AND c.visibility = 'public' AND c.published_at < @cutoff),
       matured_answered = (SELECT count(*) FROM complaints c WHERE c.business_id = business_figures.business_id AND c.visibility = 'public'
         AND c.published_at < @cutoff AND c.first_reply_at IS NOT NULL AND c.first_reply_at - c.published_at <= @window)`,
  );
  const maturedFlags = db.prepare<{ cutoff: number; now: number }>(
    `UPDATE complaints SET matured_at = CASE WHEN visibility = 'public' AND published_at < @cutoff THEN coalesce(matured_at, @now) ELSE NULL END`,
  );

  return {
    ...statements,
    wipe: () => db.exec(wipe),
    recount: () => db.exec(recount),
    recent: (start: number) => {
      recent.run({ start });
      window.run({ start });
    },
    matured: (cutoff: number, responseWindow: number, now: number) => {
      matured.run({ cutoff, window: responseWindow, now });
      maturedFlags.run({ cutoff, now });
    },
  };
}
