-- Imported screening lists: every version of each list, with its entries,
-- so a list can be re-read exactly as it was when notices were screened.
CREATE TABLE lists (
    name     TEXT COLLATE "C" NOT NULL,
    version  TEXT COLLATE "C" NOT NULL,
    source   TEXT NOT NULL DEFAULT '',
    format   TEXT NOT NULL DEFAULT '',
    count    INTEGER NOT NULL DEFAULT 0,
    imported TEXT COLLATE "C" NOT NULL,  -- RFC 3339, as given
    PRIMARY KEY (name, version)
);

CREATE TABLE list_entries (
    name    TEXT COLLATE "C" NOT NULL,
    version TEXT COLLATE "C" NOT NULL,
    seq     INTEGER NOT NULL,
    entry   TEXT NOT NULL, -- enduse.ListEntry as JSON
    PRIMARY KEY (name, version, seq),
    FOREIGN KEY (name, version) REFERENCES lists (name, version) ON DELETE CASCADE
);
