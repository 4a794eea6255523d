-- 0014_figures: the figures of the unfiltered answer, kept up to date in
-- the transaction of every save and replacement (sqlstore/figures.go), so
-- the broad answer reads a few thousand key rows instead of every notice.
-- purchase_figures is each purchase's contribution to each key it counts
-- under (counting.Contribution: dim is the breakdown, "all" with an empty
-- key for the total); key_figures is their sum per key (counting.Total:
-- quantity and amount as exact sums in hexadecimal, ids the smallest
-- representatives' doc ids, space-separated). The migration's Go step
-- fills both from the stored notices.
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
    spelling_id      INTEGER NOT NULL,
    PRIMARY KEY (dim, key, purchase)
) WITHOUT ROWID;
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
    spelling_id      INTEGER NOT NULL,
    PRIMARY KEY (dim, key)
) WITHOUT ROWID;
