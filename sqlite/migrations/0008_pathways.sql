-- 0008_pathways: the pathway of each brand mention and item (how the
-- product reached the buyer: direct, subsidiary, joint_venture, acquired,
-- distributor, unknown_third_party), evaluated as of the notice's date,
-- for the --pathway filter and counts by pathway. Rows stored before this
-- migration have no pathway ('') until they are re-ingested.
ALTER TABLE items ADD COLUMN pathway TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN pathway TEXT NOT NULL DEFAULT '';
CREATE INDEX mentions_pathway ON mentions (pathway, notice);
CREATE INDEX items_pathway ON items (pathway, notice);
