import type { Db } from "./open.js";

export interface FiguresRow {
  maturedCount: number;
  maturedAnswered: number;
  ratingsCount: number;
  ratingsSum: number;
  wouldReturnCount: number;
  responseRate: number | null;
  confirmedRate: number | null;
}

export type MonthlyField = "received" | "answered" | "resolved";

/** The statements behind the reputation figures, search and rankings. */
export function figuresDb(db: Db) {
  const ensure = db.prepare<[number]>("INSERT INTO business_figures (business_id) VALUES (?) ON CONFLICT DO NOTHING");
  const get = db.prepare<
    [number],
    {
      matured_count: number;
      matured_answered: number;
      ratings_count: number;
      ratings_sum: number;
      would_return_count: number;
      response_rate: number | null;
      confirmed_rate: number | null;
    }
  >("SELECT * FROM business_figures WHERE business_id = ?");
  const monthly = Object.fromEntries(
    (["received", "answered", "resolved"] as const).map((field) => [
      field,
      // The column name is one of three fixed words, never input.
      db.prepare<{ business_id: number; month: number }>(
        `INSERT INTO business_monthly (business_id, month, ${field}) VALUES (@business_id, @month, 1)
         ON CONFLICT (business_id, month) DO UPDATE SET ${field} = ${field} + 1`,
      ),
    ]),
  ) as Record<MonthlyField, ReturnType<typeof db.prepare<{ business_id: number; month: number }>>>;
  const months = db.prepare<
    { business_id: number; from: number },
    { month: number; received: number; answered: number; resolved: number }
  >(
    "SELECT month, received, answered, resolved FROM business_monthly WHERE business_id = @business_id AND month >= @from ORDER BY month",
  );
  const replyTime = db.prepare<{ business_id: number; month: number; bucket: number }>(
    `INSERT INTO business_reply_times (business_id, month, bucket, count) VALUES (@business_id, @month, @bucket, 1)
     ON CONFLICT (business_id, month, bucket) DO UPDATE SET count = count + 1`,
  );
  const replyTimes = db.prepare<{ business_id: number; from: number }, { bucket: number; n: number }>(
    "SELECT bucket, sum(count) AS n FROM business_reply_times WHERE business_id = @business_id AND month >= @from GROUP BY bucket",
  );
  const rating = db.prepare<{ business_id: number; rating: number; yes: number }>(
    "UPDATE business_figures SET ratings_count = ratings_count + 1, ratings_sum = ratings_sum + @rating, would_return_count = would_return_count + @yes WHERE business_id = @business_id",
  );
  const dueToMature = db.prepare<
    { cutoff: number; limit: number },
    { id: number; business_id: number; published_at: number; first_reply_at: number | null }
  >(
    `SELECT id, business_id, published_at, first_reply_at FROM complaints
     WHERE visibility = 'public' AND matured_at IS NULL AND published_at < @cutoff ORDER BY published_at LIMIT @limit`,
  );
  const markMatured = db.prepare<{ id: number; at: number }>("UPDATE complaints SET matured_at = @at WHERE id = @id");
  const bumpMatured = db.prepare<{ business_id: number; answered: number }>(
    "UPDATE business_figures SET matured_count = matured_count + 1, matured_answered = matured_answered + @answered WHERE business_id = @business_id",
  );
  const setRates = db.prepare<{ business_id: number; response: number | null; confirmed: number | null }>(
    "UPDATE business_figures SET response_rate = @response, confirmed_rate = @confirmed WHERE business_id = @business_id",
  );
  const addCategory = db.prepare<{ category_id: number; business_id: number }>(
    `INSERT INTO business_category_counts (category_id, business_id, count) VALUES (@category_id, @business_id, 1)
     ON CONFLICT (category_id, business_id) DO UPDATE SET count = count + 1`,
  );
  const index = db.prepare<{ id: number; title: string; body: string; business: string }>(
    "INSERT INTO complaint_search (rowid, title, body, business) VALUES (@id, @title, @body, @business)",
  );

  return {
    ensure: (businessId: number) => ensure.run(businessId),
    get(businessId: number): FiguresRow | undefined {
      const r = get.get(businessId);
      return (
        r && {
          maturedCount: r.matured_count,
          maturedAnswered: r.matured_answered,
          ratingsCount: r.ratings_count,
          ratingsSum: r.ratings_sum,
          wouldReturnCount: r.would_return_count,
          responseRate: r.response_rate,
          confirmedRate: r.confirmed_rate,
        }
      );
    },
    bumpMonthly: (businessId: number, month: number, field: MonthlyField) =>
      monthly[field].run({ business_id: businessId, month }),
    months: (businessId: number, from: number) => months.all({ business_id: businessId, from }),
    addReplyTime: (businessId: number, month: number, bucket: number) =>
      replyTime.run({ business_id: businessId, month, bucket }),
    replyTimes: (businessId: number, from: number) => replyTimes.all({ business_id: businessId, from }),
    addRating: (businessId: number, value: number, wouldReturn: boolean) =>
      rating.run({ business_id: businessId, rating: value, yes: wouldReturn ? 1 : 0 }),
    dueToMature: (cutoff: number, limit: number) => dueToMature.all({ cutoff, limit }),
    markMatured: (id: number, at: number) => markMatured.run({ id, at }),
    bumpMatured: (businessId: number, answered: boolean) =>
      bumpMatured.run({ business_id: businessId, answered: answered ? 1 : 0 }),
    setRates: (businessId: number, response: number | null, confirmed: number | null) =>
      setRates.run({ business_id: businessId, response, confirmed }),
    addCategory: (categoryId: number, businessId: number) =>
      addCategory.run({ category_id: categoryId, business_id: businessId }),
    index: (c: { id: number; title: string; body: string; business: string }) => index.run(c),
  };
}

export type FiguresDb = ReturnType<typeof figuresDb>;
