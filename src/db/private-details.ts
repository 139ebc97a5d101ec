import type { Db } from "./open.js";

/** The keys of the private case details, in the order the forms show them. */
export const PRIVATE_DETAIL_FIELDS = [
  "order_reference",
  "account_number",
  "known_name",
  "phone",
  "postal_address",
  "notes",
] as const;
export type PrivateDetailField = (typeof PRIVATE_DETAIL_FIELDS)[number];

/** A complaint's private details: an empty field is undefined. */
export type PrivateDetails = { [K in PrivateDetailField]?: string | undefined };

export interface DetailRequest {
  id: number;
  fields: PrivateDetailField[];
  createdAt: number;
}

/** complaint_private_details and detail_requests: read only by the private-details domain. */
export function privateDetailsDb(db: Db) {
  const byComplaint = db.prepare<[number], Record<PrivateDetailField, string | null>>(
    `SELECT order_reference, account_number, known_name, phone, postal_address, notes
     FROM complaint_private_details WHERE complaint_id = ?`,
  );
  const save = db.prepare<Record<string, unknown>>(
    `INSERT INTO complaint_private_details
       (complaint_id, order_reference, account_number, known_name, phone, postal_address, notes, updated_at)
     VALUES (@complaint_id, @order_reference, @account_number, @known_name, @phone, @postal_address, @notes, @at)
     ON CONFLICT (complaint_id) DO UPDATE SET order_reference = excluded.order_reference,
       account_number = excluded.account_number, known_name = excluded.known_name, phone = excluded.phone,
       postal_address = excluded.postal_address, notes = excluded.notes, updated_at = excluded.updated_at`,
  );
  const eraseForAuthor = db.prepare<[number]>(
    "DELETE FROM complaint_private_details WHERE complaint_id IN (SELECT id FROM complaints WHERE author_id = ?)",
  );
  const insertRequest = db.prepare<{ complaint_id: number; by: number; fields: string; at: number }>(
    "INSERT INTO detail_requests (complaint_id, requested_by, fields, created_at) VALUES (@complaint_id, @by, @fields, @at)",
  );
  const requests = db.prepare<[number], { id: number; fields: string; created_at: number }>(
    "SELECT id, fields, created_at FROM detail_requests WHERE complaint_id = ? ORDER BY id DESC LIMIT 20",
  );
  const openReports = db.prepare<{ id: number }, { n: number }>(
    `SELECT count(*) AS n FROM reports WHERE status = 'open' AND (
       (target_type = 'complaint' AND target_id = @id)
       OR (target_type = 'reply' AND target_id IN (SELECT id FROM complaint_events WHERE complaint_id = @id))
       OR (target_type = 'message' AND target_id IN (SELECT id FROM private_messages WHERE complaint_id = @id)))`,
  );

  return {
    byComplaint(complaintId: number): PrivateDetails {
      const row = byComplaint.get(complaintId);
      const details: PrivateDetails = {};
      if (row) for (const field of PRIVATE_DETAIL_FIELDS) if (row[field] !== null) details[field] = row[field];
      return details;
    },
    save: (complaintId: number, details: PrivateDetails, at: number) =>
      save.run({
        complaint_id: complaintId,
        ...Object.fromEntries(PRIVATE_DETAIL_FIELDS.map((field) => [field, details[field] ?? null])),
        at,
      }),
    /** Inside an account's deletion: its private details are personal data, and go with it. */
    eraseForAuthor: (userId: number) => eraseForAuthor.run(userId),
    addRequest: (complaintId: number, by: number, fields: PrivateDetailField[], at: number) =>
      insertRequest.run({ complaint_id: complaintId, by, fields: fields.join(","), at }),
    requests: (complaintId: number): DetailRequest[] =>
      requests.all(complaintId).map((r) => ({
        id: r.id,
        fields: r.fields
          .split(",")
          .filter((f): f is PrivateDetailField => (PRIVATE_DETAIL_FIELDS as readonly string[]).includes(f)),
        createdAt: r.created_at,
      })),
    /** Whether a report on the complaint, an entry of its timeline or a private message waits for a moderator. */
    hasOpenReport: (complaintId: number) => openReports.get({ id: complaintId })!.n > 0,
  };
}
