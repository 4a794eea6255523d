package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/enduse/enduse/sqlstore"
	"github.com/enduse/enduse/storeutil"
)

// dialect is SQLite's side of sqlstore.Dialect: NOCASE collations (the
// indexes are built with them), JSON arrays for list parameters, text
// search through an FTS5 index of character pairs, 0/1 booleans and no
// locks (SQLite has one writer).
type dialect struct{}

var _ sqlstore.Dialect = dialect{}

// sqlInsertPairs indexes the character pairs of a notice's title and
// redacted text (rowid = notices.id).
const sqlInsertPairs = `INSERT INTO notice_pairs (rowid, pairs) VALUES ($1, $2)`

func (dialect) Name() string { return "sqlite" }

func (dialect) EqFold(col, ph string) string { return col + " = " + ph + " COLLATE NOCASE" }

func (dialect) InFold(col string, phs []string) string {
	return col + " COLLATE NOCASE IN (" + strings.Join(phs, ", ") + ")"
}

func (dialect) In(col, ph string) string {
	return col + " IN (SELECT value FROM json_each(" + ph + "))"
}

// List is vals as a JSON array, which json_each reads.
func (dialect) List(vals any) any {
	b, err := json.Marshal(vals)
	if err != nil {
		// Only string and int64 slices are passed; they always marshal.
		panic("sqlite: list parameter: " + err.Error())
	}
	return string(b)
}

func (dialect) Like(col, ph string) string { return col + " LIKE " + ph + ` ESCAPE '\'` }

// JSONText implements sqlstore.Dialect.
func (dialect) JSONText(col, key string) string {
	return "json_extract(" + col + ", '$." + key + "')"
}

func (dialect) True(col string) string  { return col + " = 1" }
func (dialect) False(col string) string { return col + " = 0" }

// Text finds the notices holding every term through the pairs index
// (storeutil.Pairs): a term of one or two pair characters exactly (one
// character as the prefix of a pair), a longer one among the notices
// holding all its pairs, whose titles and texts are then read for the
// term itself (LIKE, or storeutil.Contains registered as enduse_contains
// for a term with non-ASCII letters that have a case). A term
// without pair characters (ASCII punctuation, spaces) is read for on the
// candidates the other conditions leave.
//
// FTS5 trigrams answered the longer terms from the index alone until
// migration 0019, but writing them was half of what a save cost the one
// writer: an ingest of 2,692 notices takes ×0.82 the time without them,
// for searches of 3 to 5 characters at a million notices 10–50% slower
// (视频监控 0.30–0.36 s against 0.24–0.32 s) with the texts in the page
// cache (docs/scale.md).
func (dialect) Text(p *sqlstore.Plan, terms []string) {
	var match []string
	for _, t := range terms {
		toks, exact := storeutil.PairTokens(t)
		for _, tok := range toks {
			q := `"` + tok + `"` // pair characters hold no quote
			if utf8.RuneCountInString(tok) == 1 {
				q += "*"
			}
			match = append(match, q)
		}
		if exact {
			continue
		}
		// LIKE, which folds ASCII case only, where that is all the term
		// has: it reads the text where it lies, where a Go function is
		// handed a copy (监控系统 at 1M: 0.46 against 0.74–0.88 s warm).
		var has func(col string) string
		if storeutil.ASCIICase(t) {
			a := p.Arg(storeutil.LikeArg(t))
			has = func(col string) string { return col + ` LIKE ` + a + ` ESCAPE '\'` }
		} else {
			a := p.Arg(storeutil.Fold(t))
			has = func(col string) string { return "enduse_contains(" + col + ", " + a + ")" }
		}
		p.AddScan(`(` + has("n.title") + ` OR EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = n.doc AND ` + has("d.text") + `))`)
	}
	if len(match) > 0 {
		p.Add("n.id IN (SELECT rowid FROM notice_pairs WHERE notice_pairs MATCH " + p.Arg(strings.Join(match, " AND ")) + ")")
	}
}

// IndexPairs inserts one row a notice: a single-row INSERT into FTS5
// opens no statement savepoint, so the rows stay in FTS5's pending index
// and are written out together when the transaction commits.
func (dialect) IndexPairs(ctx context.Context, tx *sqlstore.Tx, texts []sqlstore.IndexedText) error {
	for _, t := range texts {
		if _, err := tx.Exec(ctx, sqlInsertPairs, t.Notice, t.Pairs); err != nil {
			return fmt.Errorf("notice %d: %w", t.Notice, err)
		}
	}
	return nil
}

// ClearPairs uses FTS5's delete-all, which a contentless table allows.
func (dialect) ClearPairs(ctx context.Context, tx *sqlstore.Tx) error {
	_, err := tx.Exec(ctx, `INSERT INTO notice_pairs (notice_pairs) VALUES ('delete-all')`)
	return err
}

// UnindexPairs deletes a notice from the pairs index by rowid
// (contentless_delete).
func (dialect) UnindexPairs(ctx context.Context, tx *sqlstore.Tx, notice int64) error {
	_, err := tx.Exec(ctx, `DELETE FROM notice_pairs WHERE rowid = $1`, notice)
	return err
}

func (dialect) Lock(context.Context, *sqlstore.Tx, string) error { return nil }

func (dialect) Seq(_, alias string) string { return alias + ".rowid" }

func (dialect) MentionPos() string { return `start, "end"` }

func (dialect) NoticeOrgSeq() bool { return false }

// RoundTrips implements sqlstore.Dialect: SQLite runs in this process.
func (dialect) RoundTrips() bool { return false }

func (dialect) OneWriter() bool { return true }

func (dialect) UpsertBrand() string {
	return `INSERT INTO brands (name, company, country, us_linked, category, documents)
		VALUES ($1, $2, $3, $4, $5, 1) ON CONFLICT (name) DO UPDATE SET
		company = COALESCE(NULLIF(excluded.company, ''), company),
		country = COALESCE(NULLIF(excluded.country, ''), country),
		us_linked = MAX(us_linked, excluded.us_linked),
		category = COALESCE(NULLIF(category, ''), excluded.category),
		documents = documents + 1`
}

func (dialect) Time(t time.Time) any { return t.UTC().Format(time.RFC3339Nano) }

func (dialect) TimestampType() string { return "TEXT" }

func (dialect) Clean(s string) string { return s }

func (dialect) IndexedBy(index string) string { return " INDEXED BY " + index }

func (dialect) ReadTx() *sql.TxOptions { return &sql.TxOptions{ReadOnly: true} }

func (dialect) MapErr(err error) error { return mapErr(err) }

// Retryable reports a write that found the database locked by another
// process's writer for longer than the busy timeout: SQLite lets waiting
// writers in in no order, so one that keeps writing (another ingest) can
// hold others off past it.
func (dialect) Retryable(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}
