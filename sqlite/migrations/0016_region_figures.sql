-- 0016_region_figures: the answers of one province join the summary
-- tables. Each purchase now also contributes, per province its notices are
-- in, the unfiltered answer's figures over those notices alone, under
-- dimensions "r<US>province<US>dim" (counting.RegionDim, <US> the byte
-- 0x1F). The migration's Go step recomputes both tables from the stored
-- notices.
--
-- The tables become rowid tables with unique indexes: their rows carry up
-- to 100 ids (6.5 KB), and a WITHOUT ROWID table keeps whole rows in its
-- key's B-tree, which SQLite advises only for rows far smaller than a page;
-- the upkeep's inserts cost 35% of a save with it.
DROP TABLE purchase_figures;
DROP TABLE key_figures;
CREATE TABLE purchase_figures (
    dim              TEXT NOT NULL,
    key              TEXT NOT NULL,
    purchase         TEXT NOT NULL,
    docs             INTEGER NOT NULL,
    notices          INTEGER NOT NULL,
    quantity_unknown INTEGER NOT NULL,
    quantity         REAL NOT NULL,
    amount           REAL NOT NULL,
    ids              TEXT NOT NULL,
    spelling         TEXT NOT NULL,
    spelling_id      INTEGER NOT NULL
);
CREATE UNIQUE INDEX purchase_figures_key ON purchase_figures (dim, key, purchase);
CREATE INDEX purchase_figures_purchase ON purchase_figures (purchase);
CREATE TABLE key_figures (
    dim              TEXT NOT NULL,
    key              TEXT NOT NULL,
    purchases        INTEGER NOT NULL,
    docs             INTEGER NOT NULL,
    notices          INTEGER NOT NULL,
    quantity_unknown INTEGER NOT NULL,
    quantity         TEXT NOT NULL,
    amount           TEXT NOT NULL,
    ids              TEXT NOT NULL,
    spelling         TEXT NOT NULL,
    spelling_id      INTEGER NOT NULL
);
CREATE UNIQUE INDEX key_figures_key ON key_figures (dim, key);
