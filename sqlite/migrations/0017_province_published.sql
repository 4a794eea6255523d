-- 0017_province_published: one province's notices in publication order.
-- The page of rows of an answer read from the summary tables is found by
-- walking the matched notices newest first; walking every notice's
-- publication order to find a sparse province's took 49 s at 1M notices
-- (Xinjiang, 5,000 of them).
CREATE INDEX notices_province_published ON notices (province, published);
