-- 0011_document_parent: a notice's attachments are found by their parent
-- (re-reading a notice when a crawled attachment arrives after it, see
-- sqlstore.Family); PostgreSQL has had this index since 0001.
CREATE INDEX documents_parent ON documents (parent) WHERE parent <> '';
