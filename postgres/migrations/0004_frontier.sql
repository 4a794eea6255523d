-- 0004_frontier: crawl state (enduse.Frontier). Times are Unix
-- milliseconds so both dialects share the queries (storeutil/frontier.go).
CREATE TABLE frontier (
    site          TEXT NOT NULL,
    url           TEXT NOT NULL,
    kind          TEXT NOT NULL,
    parent        TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    published     TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT 'queued',
    attempts      INTEGER NOT NULL DEFAULT 0,
    reason        TEXT NOT NULL DEFAULT '',
    next_try      BIGINT NOT NULL DEFAULT 0,
    lease_owner   TEXT NOT NULL DEFAULT '',
    lease_until   BIGINT NOT NULL DEFAULT 0,
    body          BYTEA,
    content_type  TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    sha256        TEXT NOT NULL DEFAULT '',
    seq           BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (site, url)
);
CREATE INDEX frontier_due ON frontier (site, state, next_try);
