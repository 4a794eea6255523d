-- 0018_text_pairs: an index of character pairs beside the trigram index,
-- so that text terms of one or two characters (监控, 公安, 希捷) are found
-- without reading every text: trigrams hold nothing for them, and at a
-- million notices `--text 监控` read 25 GB in 215 s. Each row is a
-- notice's title and redacted text as the space-separated pairs that
-- storeutil.Pairs makes (rowid = notices.id); the ascii tokenizer keeps
-- every pair a token of its own. detail=none: a search needs only which
-- notices hold a pair, not where. contentless_delete: a notice is taken
-- out by its rowid. The migration fills it from the stored notices.
CREATE VIRTUAL TABLE notice_pairs USING fts5 (pairs, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii');
INSERT INTO notice_pairs (notice_pairs, rank) VALUES ('automerge', 16);
