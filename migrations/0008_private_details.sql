-- Private case details: what the author tells only the business (and moderators handling a report
-- on the complaint, each view audited). One row per complaint; an empty field is NULL. Never read
-- by a public page, feed, search or the API (features/complaints/private-details.ts).
CREATE TABLE complaint_private_details (
  complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id),
  order_reference TEXT,
  account_number TEXT,
  known_name TEXT,
  phone TEXT,
  postal_address TEXT,
  notes TEXT,
  updated_at INTEGER NOT NULL
) STRICT;

-- A member of the business asking the author for some of those details ("fields": the keys asked
-- for, comma-separated, e.g. "order_reference,phone").
CREATE TABLE detail_requests (
  id INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  requested_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
  fields TEXT NOT NULL CHECK (fields <> ''),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX detail_requests_by_complaint ON detail_requests (complaint_id, id);
