-- How documents.raw holds a document's original bytes: '' as they are,
-- 'zstd' as one zstd frame of them (storeutil.Raws). Documents stored
-- before keep theirs as they are.
ALTER TABLE documents ADD COLUMN raw_codec TEXT NOT NULL DEFAULT '';
