-- 0013_fts_automerge: FTS5 merges a level of the search index once 16
-- segments sit in it, not 4 (the default). Every save transaction writes
-- one segment, so with 4 the saver spent about 1 CPU-s of a 2,692-notice
-- ingest re-merging the same postings (fts5IndexMergeLevel); with 16 it
-- spends about 0.4 s. A search reads at most 16 segments a level instead
-- of 4, over a few levels: measured no slower on that corpus. The setting
-- is stored in the index's own config table, so it holds for every
-- connection and every enduse that opens the file.
INSERT INTO notice_fts (notice_fts, rank) VALUES ('automerge', 16);
