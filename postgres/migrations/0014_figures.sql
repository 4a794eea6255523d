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
    dim              TEXT COLLATE "C" NOT NULL,
    key              TEXT COLLATE "C" NOT NULL,
    purchase         TEXT COLLATE "C" NOT NULL,
    docs             BIGINT NOT NULL,
    notices          BIGINT NOT NULL,
    quantity_unknown BIGINT NOT NULL,
    quantity         DOUBLE PRECISION NOT NULL,
    amount           DOUBLE PRECISION NOT NULL,
    ids              TEXT COLLATE "C" NOT NULL,
    spelling         TEXT COLLATE "C" NOT NULL,
    spelling_id      BIGINT NOT NULL,
    PRIMARY KEY (dim, key, purchase)
);
CREATE INDEX purchase_figures_purchase ON purchase_figures (purchase);
CREATE TABLE key_figures (
    dim              TEXT COLLATE "C" NOT NULL,
    key              TEXT COLLATE "C" NOT NULL,
    purchases        BIGINT NOT NULL,
    docs             BIGINT NOT NULL,
    notices          BIGINT NOT NULL,
    quantity_unknown BIGINT NOT NULL,
    quantity         TEXT COLLATE "C" NOT NULL,
    amount           TEXT COLLATE "C" NOT NULL,
    ids              TEXT COLLATE "C" NOT NULL,
    spelling         TEXT COLLATE "C" NOT NULL,
    spelling_id      BIGINT NOT NULL,
    PRIMARY KEY (dim, key)
);
