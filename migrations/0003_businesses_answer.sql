-- Businesses answer: roles, claims, members and invitations, the conversation on a complaint,
-- and notification settings.

-- admin: manages roles and claims; moderator: works the moderation queues (a later step).
ALTER TABLE users ADD COLUMN role TEXT CHECK (role IN ('admin', 'moderator'));

-- What an emailed token is about (a claim's id, ...), when it is about more than the user.
ALTER TABLE email_tokens ADD COLUMN subject_id INTEGER;

-- People who answer for a business. owner: manages members; agent: replies and resolves.
CREATE TABLE business_members (
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'agent')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (business_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX business_members_by_user ON business_members (user_id);

-- Claims of a business profile. method domain: a link to a work email at the business's domain;
-- manual: evidence reviewed by an admin (also every claim of an already-claimed business: a dispute).
-- status: email_sent -> verified, or in_review -> approved | rejected.
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  method TEXT NOT NULL CHECK (method IN ('domain', 'manual')),
  work_email TEXT,
  evidence TEXT,
  proposed_website TEXT,
  is_dispute INTEGER NOT NULL DEFAULT 0 CHECK (is_dispute IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('email_sent', 'verified', 'in_review', 'approved', 'rejected')),
  decided_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  decision_reason TEXT,
  decided_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX claims_in_review ON claims (created_at) WHERE status = 'in_review';
CREATE INDEX claims_by_business ON claims (business_id, status);
CREATE INDEX claims_by_user ON claims (user_id, created_at DESC);

-- Invitations to answer for a business, sent by an owner to any email address.
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  email TEXT NOT NULL,
  invited_by INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER,
  accepted_by INTEGER REFERENCES users (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX invitations_by_business ON invitations (business_id, created_at DESC);

-- The conversation, cached from complaint_events like status (src/features/complaints/status.ts):
-- who is expected to speak next, since when, and the facts the figures need.
ALTER TABLE complaints ADD COLUMN waiting_on TEXT NOT NULL DEFAULT 'business' CHECK (waiting_on IN ('business', 'consumer', 'nobody'));
ALTER TABLE complaints ADD COLUMN waiting_since INTEGER;
ALTER TABLE complaints ADD COLUMN first_reply_at INTEGER;
ALTER TABLE complaints ADD COLUMN resolved_at INTEGER;
ALTER TABLE complaints ADD COLUMN dispute_count INTEGER NOT NULL DEFAULT 0;
UPDATE complaints SET waiting_since = coalesce(published_at, created_at);
-- The dashboard's tabs: one business's public complaints by whose turn it is, oldest wait first.
CREATE INDEX complaints_inbox ON complaints (business_id, waiting_on, waiting_since, id) WHERE visibility = 'public';
CREATE INDEX complaints_first_replies ON complaints (business_id, published_at) WHERE visibility = 'public';

-- Extra facts of an event: a resolution's kind, a confirmation's rating, ... as JSON.
ALTER TABLE complaint_events ADD COLUMN data TEXT;

-- Emails a user asked not to receive, by kind (src/features/notifications). No row: wanted.
CREATE TABLE notification_opt_outs (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, kind)
) STRICT, WITHOUT ROWID;
