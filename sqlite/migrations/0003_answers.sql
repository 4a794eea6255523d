-- 0003_answers: computed answers kept between queries. A broad query (the
-- search page before any filter, a brand seen in a fifth of all notices)
-- aggregates hundreds of thousands of notices; its answer is stored here
-- and served until the data it was computed from changes.
--
-- generation counts changes to the tables answers are computed from;
-- triggers bump it, so every writer (ingest, list re-screening, future
-- code) invalidates stored answers without knowing about them.
CREATE TABLE generation (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO generation (id, value) VALUES (1, 0);

CREATE TABLE answers (
    kind       TEXT NOT NULL,    -- query, brand, org
    key        TEXT NOT NULL,    -- the canonical filter, brand or organisation
    generation INTEGER NOT NULL, -- generation.value the answer was computed at
    answer     BLOB NOT NULL,    -- the answer as JSON
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

CREATE TRIGGER documents_insert_generation AFTER INSERT ON documents
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER documents_update_generation AFTER UPDATE ON documents
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER documents_delete_generation AFTER DELETE ON documents
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER notices_insert_generation AFTER INSERT ON notices
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER notices_update_generation AFTER UPDATE ON notices
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER notices_delete_generation AFTER DELETE ON notices
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER notice_orgs_insert_generation AFTER INSERT ON notice_orgs
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER notice_orgs_update_generation AFTER UPDATE ON notice_orgs
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER notice_orgs_delete_generation AFTER DELETE ON notice_orgs
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER items_insert_generation AFTER INSERT ON items
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER items_update_generation AFTER UPDATE ON items
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER items_delete_generation AFTER DELETE ON items
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER mentions_insert_generation AFTER INSERT ON mentions
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER mentions_update_generation AFTER UPDATE ON mentions
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER mentions_delete_generation AFTER DELETE ON mentions
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER hits_insert_generation AFTER INSERT ON hits
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER hits_update_generation AFTER UPDATE ON hits
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER hits_delete_generation AFTER DELETE ON hits
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER reasons_insert_generation AFTER INSERT ON reasons
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER reasons_update_generation AFTER UPDATE ON reasons
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER reasons_delete_generation AFTER DELETE ON reasons
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER orgs_insert_generation AFTER INSERT ON orgs
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER orgs_update_generation AFTER UPDATE ON orgs
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER orgs_delete_generation AFTER DELETE ON orgs
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER brands_insert_generation AFTER INSERT ON brands
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER brands_update_generation AFTER UPDATE ON brands
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER brands_delete_generation AFTER DELETE ON brands
BEGIN UPDATE generation SET value = value + 1 WHERE id = 1; END;
