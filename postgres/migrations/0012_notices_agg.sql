-- 0012_notices_agg: every column an answer's figures read from a notice
-- (sqlstore recColumns), so an answer over most notices can scan this
-- narrow index (an index-only scan) instead of the table's rows, which
-- carry the notice's JSON. It leads with the purchase and so replaces
-- notices_purchase.
CREATE INDEX notices_agg ON notices (purchase_id, group_id, id) INCLUDE (type, published, buyer, sector, level,
    region_code, budget, award_amount, doc);
DROP INDEX notices_purchase;
