-- Businesses, complaints and their timelines, categories, "me too", and the counts pages show.
-- Counts are kept up to date by the domain code in the same transaction as the change they count.

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  position INTEGER NOT NULL
) STRICT;

INSERT INTO categories (slug, name, position) VALUES
  ('billing-and-payments', 'Billing and payments', 1),
  ('delivery-and-shipping', 'Delivery and shipping', 2),
  ('product-quality', 'Product quality', 3),
  ('customer-service', 'Customer service', 4),
  ('refunds-and-returns', 'Refunds and returns', 5),
  ('fraud-and-scams', 'Fraud and scams', 6),
  ('privacy-and-data', 'Privacy and data', 7),
  ('contracts-and-subscriptions', 'Contracts and subscriptions', 8),
  ('other', 'Other', 9);

CREATE TABLE businesses (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  -- lower case, no accents or punctuation: "ACME, Inc." = "Acme Inc" = "acme inc." (src/lib/names.ts)
  normalized_name TEXT NOT NULL UNIQUE,
  website TEXT,
  -- the website's host without "www.", used later to verify claims by email domain
  domain TEXT,
  city TEXT,
  country TEXT,
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  claimed_at INTEGER,
  -- public complaints about it, and when the latest was published
  complaint_count INTEGER NOT NULL DEFAULT 0 CHECK (complaint_count >= 0),
  last_complaint_at INTEGER
) STRICT;
CREATE INDEX businesses_by_domain ON businesses (domain) WHERE domain IS NOT NULL;
-- The directory lists businesses with public complaints (or a claimed profile), A-Z or by count.
CREATE INDEX businesses_listed_by_name ON businesses (normalized_name) WHERE complaint_count > 0 OR claimed_at IS NOT NULL;
CREATE INDEX businesses_listed_by_count ON businesses (complaint_count DESC, normalized_name) WHERE complaint_count > 0 OR claimed_at IS NOT NULL;

-- Trigram index of business names: "did you mean", name filters, and suggestions as you type.
-- Kept in step with businesses by triggers, so it can never drift.
CREATE VIRTUAL TABLE business_names USING fts5 (name, tokenize = 'trigram remove_diacritics 1');
CREATE TRIGGER businesses_names_insert AFTER INSERT ON businesses BEGIN
  INSERT INTO business_names (rowid, name) VALUES (new.id, new.normalized_name);
END;
CREATE TRIGGER businesses_names_update AFTER UPDATE OF normalized_name ON businesses BEGIN
  UPDATE business_names SET name = new.normalized_name WHERE rowid = new.id;
END;
CREATE TRIGGER businesses_names_delete AFTER DELETE ON businesses BEGIN
  DELETE FROM business_names WHERE rowid = old.id;
END;

CREATE TABLE complaints (
  id INTEGER PRIMARY KEY,
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
  -- What the author wrote, kept for the author and moderators ...
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  -- ... and what the public sees: emails, phone and card numbers masked (src/lib/personal-data.ts).
  public_title TEXT NOT NULL,
  public_body TEXT NOT NULL,
  category_id INTEGER NOT NULL REFERENCES categories (id),
  incident_date TEXT NOT NULL CHECK (incident_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  desired_outcome TEXT NOT NULL CHECK (desired_outcome IN ('refund', 'replacement', 'repair', 'apology', 'explanation', 'other')),
  amount_cents INTEGER CHECK (amount_cents IS NULL OR amount_cents >= 0),
  currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3 AND currency = upper(currency)),
  -- A cache of the status derived from complaint_events (src/features/complaints/status.ts),
  -- written in the same transaction as each event.
  status TEXT NOT NULL DEFAULT 'open',
  -- pending: the author's email is not verified yet; public; hidden: removed by moderators.
  visibility TEXT NOT NULL DEFAULT 'pending' CHECK (visibility IN ('pending', 'public', 'hidden')),
  me_too_count INTEGER NOT NULL DEFAULT 0 CHECK (me_too_count >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  published_at INTEGER
) STRICT;
CREATE INDEX complaints_public_recent ON complaints (published_at DESC, id DESC) WHERE visibility = 'public';
CREATE INDEX complaints_public_by_business ON complaints (business_id, published_at DESC, id DESC) WHERE visibility = 'public';
CREATE INDEX complaints_public_by_business_status ON complaints (business_id, status, published_at DESC, id DESC) WHERE visibility = 'public';
CREATE INDEX complaints_by_author ON complaints (author_id, created_at DESC, id DESC);

-- The timeline. type: filed, update (the author's follow-up); later issues add replies and status changes.
CREATE TABLE complaint_events (
  id INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  type TEXT NOT NULL,
  actor_id INTEGER REFERENCES users (id),
  body TEXT,
  public_body TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX complaint_events_by_complaint ON complaint_events (complaint_id, created_at, id);

CREATE TABLE me_toos (
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (complaint_id, user_id)
) STRICT, WITHOUT ROWID;

-- Public complaints per business and status, for the profile's counts and the status filter.
CREATE TABLE business_status_counts (
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  status TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (business_id, status)
) STRICT, WITHOUT ROWID;

-- Public complaints per business and UTC day (days since 1970-01-01), the source of rolling counts.
CREATE TABLE business_daily_counts (
  day INTEGER NOT NULL,
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  count INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (day, business_id)
) STRICT, WITHOUT ROWID;

-- Public complaints per business over the last 30 days ("most complaints, last 30 days"): +1 when a
-- complaint is published, and the days that leave the window are subtracted when it rolls forward
-- (src/features/complaints/counts.ts). rolling_windows.start_day is the first day still counted.
CREATE TABLE business_recent_counts (
  business_id INTEGER PRIMARY KEY REFERENCES businesses (id),
  count INTEGER NOT NULL CHECK (count >= 0)
) STRICT;
CREATE INDEX business_recent_counts_by_count ON business_recent_counts (count DESC) WHERE count > 0;
CREATE TABLE rolling_windows (
  name TEXT PRIMARY KEY,
  start_day INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Site-wide totals for the home page: complaints (public), businesses (listed).
CREATE TABLE site_counts (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL CHECK (value >= 0)
) STRICT, WITHOUT ROWID;
INSERT INTO site_counts (name, value) VALUES ('complaints', 0), ('businesses', 0);
