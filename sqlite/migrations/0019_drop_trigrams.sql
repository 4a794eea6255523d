-- Text search finds every term through the pairs index (0018) and reads
-- the candidates' texts for terms of three or more characters, so the
-- trigram index goes: writing it was half of what a save cost the one
-- writer. Dropping it frees its pages for later writes; VACUUM gives them
-- back to the file system.
DROP TABLE notice_fts;
