-- GET /complaints filtered by status alone (every public complaint with that status, newest first,
-- in keyset pages): the other filters have their indexes already (0002, 0004).
CREATE INDEX complaints_public_by_status ON complaints (status, published_at DESC, id DESC) WHERE visibility = 'public';
