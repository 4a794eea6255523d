-- 0018_text_pairs: an index of character pairs beside the trigram
-- indexes, so that text terms of two characters (监控, 公安, 希捷) are
-- found without reading every text: pg_trgm extracts no trigram from
-- them, and at a million notices `--text 监控` read every text in 40-56 s.
-- pairs are the codes (storeutil.PairCodes) of the pairs of a notice's
-- title and redacted text, four bytes each. The migration fills the table
-- from the stored notices; 0019 then indexes it, which is quicker done
-- once than row by row.
CREATE TABLE notice_pairs (
    notice BIGINT PRIMARY KEY REFERENCES notices (id) ON DELETE CASCADE,
    pairs  INT4[] NOT NULL
);
