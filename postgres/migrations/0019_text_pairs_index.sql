-- 0019_text_pairs_index: the GIN index that answers a pair code
-- (`pairs @> ARRAY[code]`), built after 0018 filled the table. A GIN
-- build sorts its entries in maintenance_work_mem, and the default 64 MB
-- makes a million notices' billion entries many passes; the setting
-- holds for this transaction only.
SET LOCAL maintenance_work_mem = '512MB';
CREATE INDEX notice_pairs_gin ON notice_pairs USING gin (pairs);
