-- 0019_text_pairs_index: the GIN index that answers a pair code
-- (`pairs @> ARRAY[code]`), built after 0018 filled the table.
CREATE INDEX notice_pairs_gin ON notice_pairs USING gin (pairs);
