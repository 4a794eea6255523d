-- 0001_init: documents, notices and what was extracted from them, for many
-- ingest workers sharing one PostgreSQL database (tens of millions of
-- notices). Mirrors the SQLite schema; keys and dates use the "C"
-- collation so comparisons and prefix ranges are bytewise, as in SQLite.
-- Notices carry a snapshot of their buyer's attributes (sector, level,
-- region) as extracted, so analysts' filters need no joins to orgs.
--
-- Not partitioned: notices are referenced by id from five child tables and
-- must be unique on doc across the whole table (ON CONFLICT idempotency);
-- a partitioned parent needs the partition key in every unique key and
-- foreign key, and creating month partitions on the fly takes locks that
-- stall concurrent ingest. The publication-date indexes below serve the
-- date filters instead.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE documents (
    sha256      TEXT COLLATE "C" PRIMARY KEY,
    source      TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    record_id   TEXT NOT NULL DEFAULT '',
    media_type  TEXT NOT NULL DEFAULT '',
    charset     TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    published   TEXT COLLATE "C" NOT NULL DEFAULT '',
    parent      TEXT COLLATE "C" NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('stored', 'failed')),
    error       TEXT NOT NULL DEFAULT '',
    ingested_at TIMESTAMPTZ NOT NULL,
    text        TEXT NOT NULL DEFAULT '',   -- REDACTED text only
    raw         BYTEA NOT NULL              -- the original bytes, unchanged
);
CREATE INDEX documents_status ON documents (status);
CREATE INDEX documents_parent ON documents (parent) WHERE parent <> '';
-- CJK substring search (--text): trigram index on the redacted text.
CREATE INDEX documents_text_trgm ON documents USING gin (text gin_trgm_ops);

CREATE TABLE orgs (
    key         TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    sector      TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL DEFAULT '',
    region_code TEXT COLLATE "C" NOT NULL DEFAULT '',
    region_name TEXT NOT NULL DEFAULT '',
    region_path TEXT NOT NULL DEFAULT '',
    parent      TEXT NOT NULL DEFAULT '',
    documents   BIGINT NOT NULL DEFAULT 0, -- documents naming the org in any role
    as_buyer    BIGINT NOT NULL DEFAULT 0  -- documents naming it as buyer
);
CREATE INDEX orgs_documents ON orgs (documents DESC, key);
CREATE INDEX orgs_name ON orgs (name);

CREATE TABLE notices (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc          TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES documents (sha256) ON DELETE CASCADE,
    type         TEXT COLLATE "C" NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    title_key    TEXT COLLATE "C" NOT NULL DEFAULT '',  -- normalised title, for grouping re-publications
    published    TEXT COLLATE "C" NOT NULL DEFAULT '',  -- YYYY-MM-DD or ''
    project_code TEXT NOT NULL DEFAULT '',
    project_name TEXT NOT NULL DEFAULT '',
    budget       DOUBLE PRECISION NOT NULL DEFAULT 0,
    award_amount DOUBLE PRECISION NOT NULL DEFAULT 0,
    currency     TEXT NOT NULL DEFAULT '',
    buyer        TEXT COLLATE "C" REFERENCES orgs (key),
    buyer_name   TEXT NOT NULL DEFAULT '',
    buyer_en     TEXT NOT NULL DEFAULT '',
    sector       TEXT COLLATE "C" NOT NULL DEFAULT '',
    level        TEXT COLLATE "C" NOT NULL DEFAULT '',
    agency       TEXT COLLATE "C" REFERENCES orgs (key),
    province     TEXT COLLATE "C" NOT NULL DEFAULT '',  -- first two digits of region_code
    region_code  TEXT COLLATE "C" NOT NULL DEFAULT '',  -- the notice's region, else the buyer's
    region_name  TEXT NOT NULL DEFAULT '',
    region_path  TEXT NOT NULL DEFAULT '',
    group_id     TEXT COLLATE "C" NOT NULL,             -- re-publications of one announcement share it
    purchase_id  TEXT COLLATE "C" NOT NULL,             -- announcements of one purchase share it
    simhash      BIGINT NOT NULL DEFAULT 0,
    detail       INTEGER NOT NULL DEFAULT 0,            -- items with a quantity
    json         TEXT NOT NULL                          -- the notice as stored (json, not jsonb: keeps \u0000)
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
CREATE INDEX notices_title_key ON notices (type, title_key) WHERE buyer IS NULL;
CREATE INDEX notices_title_trgm ON notices USING gin (title gin_trgm_ops);

CREATE TABLE notice_orgs (
    notice BIGINT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    org    TEXT COLLATE "C" NOT NULL REFERENCES orgs (key),
    name   TEXT NOT NULL,                  -- the name as written in the notice
    role   TEXT COLLATE "C" NOT NULL,      -- buyer, agency, winner, candidate, bidder, single_source, supplier
    rank   INTEGER NOT NULL DEFAULT 0,
    amount DOUBLE PRECISION NOT NULL DEFAULT 0,
    lot    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (notice, seq)
);
CREATE INDEX notice_orgs_org ON notice_orgs (org, role, notice);
CREATE INDEX notice_orgs_name_trgm ON notice_orgs USING gin (name gin_trgm_ops);

CREATE TABLE items (
    notice       BIGINT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    brand_text   TEXT NOT NULL DEFAULT '',  -- the brand cell as written
    model        TEXT NOT NULL DEFAULT '',
    quantity     DOUBLE PRECISION NOT NULL DEFAULT 0,
    unit         TEXT NOT NULL DEFAULT '',
    unit_price   DOUBLE PRECISION NOT NULL DEFAULT 0,
    total        DOUBLE PRECISION NOT NULL DEFAULT 0,
    brand        TEXT NOT NULL DEFAULT '',  -- resolved canonical brand
    company      TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    us_linked    BOOLEAN NOT NULL DEFAULT false,
    product_line TEXT NOT NULL DEFAULT '',
    category     TEXT COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (notice, seq)
);
CREATE INDEX items_brand ON items (lower(brand), notice);
CREATE INDEX items_brand_text ON items (lower(brand_text), notice);

CREATE TABLE mentions (
    notice       BIGINT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL DEFAULT '',
    spec         BOOLEAN NOT NULL DEFAULT false,
    brand        TEXT NOT NULL DEFAULT '',
    company      TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    us_linked    BOOLEAN NOT NULL DEFAULT false,
    product_line TEXT NOT NULL DEFAULT '',
    category     TEXT COLLATE "C" NOT NULL DEFAULT '',
    start_pos    INTEGER NOT NULL DEFAULT 0,
    end_pos      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (notice, seq)
);
CREATE INDEX mentions_brand ON mentions (lower(brand), notice);
CREATE INDEX mentions_text ON mentions (lower(text), notice);
CREATE INDEX mentions_product_line ON mentions (lower(product_line), notice);
CREATE INDEX mentions_category ON mentions (category, notice);

CREATE TABLE hits (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- insertion order
    notice   BIGINT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    role     TEXT NOT NULL DEFAULT '',      -- buyer, agency, supplier
    org      TEXT COLLATE "C" NOT NULL DEFAULT '',  -- org key, when known
    name     TEXT NOT NULL DEFAULT '',
    list     TEXT NOT NULL,
    entry_id TEXT NOT NULL DEFAULT '',
    entry    TEXT NOT NULL DEFAULT '',
    relation TEXT NOT NULL DEFAULT '',
    score    DOUBLE PRECISION NOT NULL DEFAULT 0,
    why      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX hits_notice ON hits (notice, role);
CREATE INDEX hits_org ON hits (org);

CREATE TABLE reasons (
    notice BIGINT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    class  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (notice, class)
);
CREATE INDEX reasons_class ON reasons (class, notice);

CREATE TABLE brands (
    lname     TEXT COLLATE "C" PRIMARY KEY, -- lower(name): brands compare case-insensitively
    name      TEXT NOT NULL,
    company   TEXT NOT NULL DEFAULT '',
    country   TEXT NOT NULL DEFAULT '',
    us_linked BOOLEAN NOT NULL DEFAULT false,
    category  TEXT NOT NULL DEFAULT '',
    documents BIGINT NOT NULL DEFAULT 0
);
