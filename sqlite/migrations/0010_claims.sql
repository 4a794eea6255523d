-- 0010_claims: documents claimed by ingest workers (enduse.DocumentClaimer),
-- so several workers ingesting the same inputs into one database parse each
-- document once. A claim is a lease (Unix milliseconds): a crashed worker's
-- claim expires and another worker retakes the document. Saving a document
-- deletes its claim.
CREATE TABLE claims (
    sha256      TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,
    lease_until INTEGER NOT NULL
) WITHOUT ROWID;
