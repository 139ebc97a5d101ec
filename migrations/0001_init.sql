-- Accounts, sessions, single-use email links and rate-limit counters: the ground floor.
-- Times are INTEGER milliseconds UTC from the app's clock.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  -- Stored trimmed and lower-cased, so uniqueness is case-insensitive. Never shown publicly.
  email TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 2 AND 40),
  email_verified_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- express-session rows. user_id lets us end every session of one account (password change, suspension).
CREATE TABLE sessions (
  sid TEXT PRIMARY KEY,
  user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Single-use links sent by email. Only a SHA-256 of the token is stored, so a leaked
-- database does not hand out working links. purpose: verify_email (later: password reset, ...).
CREATE TABLE email_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  email TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;
CREATE INDEX email_tokens_by_user ON email_tokens (user_id, purpose);

-- Counters of rate-limiter-flexible's RateLimiterSQLite (its own schema; keys carry a per-limit prefix).
-- Kept in the database so limits survive a restart.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  points INTEGER NOT NULL DEFAULT 0,
  expire INTEGER
) STRICT;
CREATE INDEX rate_limits_by_expiry ON rate_limits (expire);
