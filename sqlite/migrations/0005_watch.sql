-- 0005_watch: watches (saved queries), their alerts (one per watch and
-- announcement group) and the alerts' deliveries to each target. Times are
-- Unix milliseconds so both dialects share the queries (storeutil/watch.go).
CREATE TABLE watches (
    name    TEXT PRIMARY KEY,
    filter  TEXT NOT NULL,
    created INTEGER NOT NULL
);
CREATE TABLE alerts (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    watch    TEXT NOT NULL REFERENCES watches (name) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    notice   TEXT NOT NULL,
    created  INTEGER NOT NULL,
    baseline INTEGER NOT NULL DEFAULT 0,
    row_json TEXT NOT NULL,
    UNIQUE (watch, group_id)
);
CREATE TABLE deliveries (
    alert    INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    target   TEXT NOT NULL,
    state    TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    reason   TEXT NOT NULL DEFAULT '',
    updated  INTEGER NOT NULL,
    PRIMARY KEY (alert, target)
);
