-- Reputation figures, kept up to date as events happen (src/features/complaints/counts.ts) and
-- rebuilt from the events by `npm run figures:rebuild`; and the full-text search index.

-- Per business: what the rates rest on. Rates are stored in permille so rankings can use an index.
CREATE TABLE business_figures (
  business_id INTEGER PRIMARY KEY REFERENCES businesses (id),
  -- public complaints more than 15 days old, and how many of them got a business reply within 15 days
  matured_count INTEGER NOT NULL DEFAULT 0 CHECK (matured_count >= 0),
  matured_answered INTEGER NOT NULL DEFAULT 0 CHECK (matured_answered >= 0),
  ratings_count INTEGER NOT NULL DEFAULT 0 CHECK (ratings_count >= 0),
  ratings_sum INTEGER NOT NULL DEFAULT 0 CHECK (ratings_sum >= 0),
  would_return_count INTEGER NOT NULL DEFAULT 0 CHECK (would_return_count >= 0),
  -- NULL while there are too few complaints to say (under 5)
  response_rate INTEGER,
  confirmed_rate INTEGER
) STRICT;
CREATE INDEX business_figures_ranking ON business_figures (response_rate DESC, confirmed_rate DESC) WHERE response_rate IS NOT NULL;

-- When a public complaint was counted into matured_count (NULL: not yet 15 days old).
ALTER TABLE complaints ADD COLUMN matured_at INTEGER;
CREATE INDEX complaints_to_mature ON complaints (published_at) WHERE visibility = 'public' AND matured_at IS NULL;

-- The monthly chart: per business and month (year * 12 + month - 1, UTC), complaints received
-- (published), answered (first business reply) and resolved (resolution events) in that month.
CREATE TABLE business_monthly (
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  month INTEGER NOT NULL,
  received INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
  answered INTEGER NOT NULL DEFAULT 0 CHECK (answered >= 0),
  resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved >= 0),
  PRIMARY KEY (business_id, month)
) STRICT, WITHOUT ROWID;

-- Times to first reply, by the month the complaint was published, in buckets (src/lib/durations):
-- "typically answers within N" is the bucket that holds the median.
CREATE TABLE business_reply_times (
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  month INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (business_id, month, bucket)
) STRICT, WITHOUT ROWID;

-- Public complaints per category and business, for the category pages' rankings.
CREATE TABLE business_category_counts (
  category_id INTEGER NOT NULL REFERENCES categories (id),
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (category_id, business_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX complaints_public_by_category ON complaints (category_id, published_at DESC, id DESC) WHERE visibility = 'public';

-- Full-text search over public complaints: the masked title and story, and the business's name.
-- English stemming (porter) over unicode61 with diacritics folded. rowid = complaints.id.
CREATE VIRTUAL TABLE complaint_search USING fts5 (
  title, body, business,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Ranking: a match in the title weighs 5, in the business's name 3, in the story 1. Set as the
-- table's default rank so "ORDER BY rank LIMIT n" runs inside FTS5 without a join.
INSERT INTO complaint_search (complaint_search, rank) VALUES ('rank', 'bm25(5.0, 1.0, 3.0)');
