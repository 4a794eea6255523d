-- 0012_notices_agg: every column an answer's figures read from a notice
-- (sqlstore recColumns; the rowid is the id), so an answer over most
-- notices scans this narrow index instead of the table, whose rows carry
-- the notice's JSON (about 4 KB each: 4 GB read at a million notices
-- against about 230 MB). It leads with the purchase and so replaces
-- notices_purchase.
CREATE INDEX notices_agg ON notices (purchase_id, group_id, type, published, buyer, sector, level, region_code,
    budget, award_amount, doc);
DROP INDEX notices_purchase;
