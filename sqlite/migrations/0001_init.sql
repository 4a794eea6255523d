-- 0001_init: documents, notices and what was extracted from them.
-- Notices carry a snapshot of their buyer's attributes (sector, level,
-- region) as extracted, so analysts' filters need no joins to orgs.

CREATE TABLE documents (
    sha256      TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    record_id   TEXT NOT NULL DEFAULT '',
    media_type  TEXT NOT NULL DEFAULT '',
    charset     TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    published   TEXT NOT NULL DEFAULT '',
    parent      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('stored', 'failed')),
    error       TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL,
    -- Large columns last, so reading the metadata skips their overflow pages.
    text        TEXT NOT NULL DEFAULT '',   -- REDACTED text only
    raw         BLOB NOT NULL               -- the original bytes, unchanged
);
CREATE INDEX documents_status ON documents (status);

CREATE TABLE orgs (
    key         TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    sector      TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL DEFAULT '',
    region_code TEXT NOT NULL DEFAULT '',
    region_name TEXT NOT NULL DEFAULT '',
    region_path TEXT NOT NULL DEFAULT '',
    parent      TEXT NOT NULL DEFAULT '',
    documents   INTEGER NOT NULL DEFAULT 0, -- documents naming the org in any role
    as_buyer    INTEGER NOT NULL DEFAULT 0  -- documents naming it as buyer
) WITHOUT ROWID;
CREATE INDEX orgs_documents ON orgs (documents DESC);

CREATE TABLE notices (
    id           INTEGER PRIMARY KEY,
    doc          TEXT NOT NULL UNIQUE REFERENCES documents (sha256) ON DELETE CASCADE,
    type         TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    title_key    TEXT NOT NULL DEFAULT '',  -- normalised title, for grouping re-publications
    published    TEXT NOT NULL DEFAULT '',
    project_code TEXT NOT NULL DEFAULT '',
    project_name TEXT NOT NULL DEFAULT '',
    budget       REAL NOT NULL DEFAULT 0,
    award_amount REAL NOT NULL DEFAULT 0,
    currency     TEXT NOT NULL DEFAULT '',
    buyer        TEXT REFERENCES orgs (key),
    buyer_name   TEXT NOT NULL DEFAULT '',
    buyer_en     TEXT NOT NULL DEFAULT '',
    sector       TEXT NOT NULL DEFAULT '',
    level        TEXT NOT NULL DEFAULT '',
    agency       TEXT REFERENCES orgs (key),
    province     TEXT NOT NULL DEFAULT '',  -- first two digits of region_code
    region_code  TEXT NOT NULL DEFAULT '',  -- the notice's region, else the buyer's
    region_name  TEXT NOT NULL DEFAULT '',
    region_path  TEXT NOT NULL DEFAULT '',
    group_id     TEXT NOT NULL,             -- re-publications of one announcement share it
    purchase_id  TEXT NOT NULL,             -- announcements of one purchase share it
    simhash      INTEGER NOT NULL DEFAULT 0,
    detail       INTEGER NOT NULL DEFAULT 0, -- items with a quantity
    json         TEXT NOT NULL
);
CREATE INDEX notices_published ON notices (published);
CREATE INDEX notices_type_published ON notices (type, published);
-- The analysts' typical question narrows by place, kind of buyer, notice
-- type and period: one index answers it with a few range scans.
CREATE INDEX notices_place ON notices (province, sector, type, published);
CREATE INDEX notices_region ON notices (region_code, published);
CREATE INDEX notices_buyer ON notices (buyer, type, published);
CREATE INDEX notices_group ON notices (group_id);
CREATE INDEX notices_purchase ON notices (purchase_id);
CREATE INDEX notices_title_key ON notices (type, title_key);

CREATE TABLE notice_orgs (
    notice INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    org    TEXT NOT NULL REFERENCES orgs (key),
    name   TEXT NOT NULL,                  -- the name as written in the notice
    role   TEXT NOT NULL,                  -- buyer, agency, winner, candidate, bidder, single_source
    rank   INTEGER NOT NULL DEFAULT 0,
    amount REAL NOT NULL DEFAULT 0,
    lot    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notice_orgs_org ON notice_orgs (org, role, notice);
CREATE INDEX notice_orgs_notice ON notice_orgs (notice, role);

CREATE TABLE items (
    notice       INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    brand_text   TEXT NOT NULL DEFAULT '',  -- the brand cell as written
    model        TEXT NOT NULL DEFAULT '',
    quantity     REAL NOT NULL DEFAULT 0,
    unit         TEXT NOT NULL DEFAULT '',
    unit_price   REAL NOT NULL DEFAULT 0,
    total        REAL NOT NULL DEFAULT 0,
    brand        TEXT NOT NULL DEFAULT '',  -- resolved canonical brand
    company      TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    us_linked    INTEGER NOT NULL DEFAULT 0,
    product_line TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (notice, seq)
) WITHOUT ROWID;
CREATE INDEX items_brand ON items (brand COLLATE NOCASE, notice);
CREATE INDEX items_brand_text ON items (brand_text COLLATE NOCASE, notice);

CREATE TABLE mentions (
    notice       INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL DEFAULT '',
    spec         INTEGER NOT NULL DEFAULT 0,
    brand        TEXT NOT NULL DEFAULT '',
    company      TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    us_linked    INTEGER NOT NULL DEFAULT 0,
    product_line TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT '',
    start        INTEGER NOT NULL DEFAULT 0,
    "end"        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (notice, seq)
) WITHOUT ROWID;
CREATE INDEX mentions_brand ON mentions (brand COLLATE NOCASE, notice);
CREATE INDEX mentions_text ON mentions (text COLLATE NOCASE, notice);
CREATE INDEX mentions_product_line ON mentions (product_line COLLATE NOCASE, notice);
CREATE INDEX mentions_category ON mentions (category, notice);

CREATE TABLE hits (
    notice   INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    role     TEXT NOT NULL DEFAULT '',      -- buyer, agency, supplier
    org      TEXT NOT NULL DEFAULT '',      -- org key, when known
    name     TEXT NOT NULL DEFAULT '',
    list     TEXT NOT NULL,
    entry_id TEXT NOT NULL DEFAULT '',
    entry    TEXT NOT NULL DEFAULT '',
    relation TEXT NOT NULL DEFAULT '',
    score    REAL NOT NULL DEFAULT 0,
    why      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX hits_notice ON hits (notice, role);
CREATE INDEX hits_org ON hits (org);

CREATE TABLE reasons (
    notice INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    class  TEXT NOT NULL,
    PRIMARY KEY (notice, class)
) WITHOUT ROWID;
CREATE INDEX reasons_class ON reasons (class, notice);

CREATE TABLE brands (
    name      TEXT PRIMARY KEY COLLATE NOCASE,
    company   TEXT NOT NULL DEFAULT '',
    country   TEXT NOT NULL DEFAULT '',
    us_linked INTEGER NOT NULL DEFAULT 0,
    category  TEXT NOT NULL DEFAULT '',
    documents INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Full-text search over title and redacted text. Contentless: the text
-- lives once, in documents; rowid = notices.id.
CREATE VIRTUAL TABLE notice_fts USING fts5 (title, text, content = '', tokenize = 'trigram');
