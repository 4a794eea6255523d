package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/enduse/enduse/sqlstore"
	"github.com/enduse/enduse/storeutil"
)

// dialect is PostgreSQL's side of sqlstore.Dialect: lower() (the indexes
// are on lower(col)), arrays for list parameters, ILIKE over pg_trgm
// indexes for text search, real booleans, and transaction-level advisory
// locks so that concurrent workers group re-publications consistently.
type dialect struct{}

var _ sqlstore.Dialect = dialect{}

func (dialect) Name() string { return "postgres" }

func (dialect) EqFold(col, ph string) string { return "lower(" + col + ") = lower(" + ph + ")" }

func (dialect) InFold(col string, phs []string) string {
	low := make([]string, len(phs))
	for i, ph := range phs {
		low[i] = "lower(" + ph + ")"
	}
	return "lower(" + col + ") IN (" + strings.Join(low, ", ") + ")"
}

func (dialect) In(col, ph string) string { return col + " = ANY(" + ph + ")" }

// List is vals itself: pgx sends Go slices as arrays.
func (dialect) List(vals any) any {
	if ss, ok := vals.([]string); ok {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = clean(s)
		}
		return out
	}
	return vals
}

func (dialect) Like(col, ph string) string { return col + " ILIKE " + ph }

// JSONText implements sqlstore.Dialect.
func (dialect) JSONText(col, key string) string {
	return "(" + col + "::json->>'" + key + "')"
}

func (dialect) True(col string) string  { return col }
func (dialect) False(col string) string { return "NOT " + col }

// Text matches each term of three or more characters with ILIKE, which
// pg_trgm's GIN indexes on titles and texts answer, and terms of one or
// two pair characters through the GIN index of their codes
// (storeutil.PairCodes). Other short terms (with a character pairs never
// hold), which no index answers, are checked on the candidates the other
// conditions leave.
func (dialect) Text(p *sqlstore.Plan, terms []string) {
	var codes []int32
	for _, t := range terms {
		if c, ok := storeutil.PairCode(t); ok {
			codes = append(codes, c)
			continue
		}
		l := p.Arg(storeutil.LikeArg(t))
		if utf8.RuneCountInString(t) >= 3 {
			p.Add("n.id IN (SELECT t.id FROM notices t WHERE t.title ILIKE " + l +
				" UNION SELECT t.id FROM documents d JOIN notices t ON t.doc = d.sha256 WHERE d.text ILIKE " + l + ")")
			continue
		}
		p.AddScan("(n.title ILIKE " + l + " OR EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = n.doc AND d.text ILIKE " + l + "))")
	}
	if len(codes) > 0 {
		p.Add("n.id IN (SELECT notice FROM notice_pairs WHERE pairs @> " + p.Arg(codes) + "::int4[])")
	}
}

// IndexPairs stores the pair codes of the new notices, in one statement.
func (dialect) IndexPairs(ctx context.Context, tx *sqlstore.Tx, texts []sqlstore.IndexedText) error {
	if len(texts) == 0 {
		return nil
	}
	var q strings.Builder
	q.WriteString(`INSERT INTO notice_pairs (notice, pairs) VALUES `)
	args := make([]any, 0, 2*len(texts))
	for i, t := range texts {
		if i > 0 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "($%d, $%d)", 2*i+1, 2*i+2)
		args = append(args, t.Notice, storeutil.PairCodes(t.Pairs))
	}
	_, err := tx.Exec(ctx, q.String(), args...)
	return err
}

// ClearPairs deletes every row of notice_pairs (in the transaction,
// where TRUNCATE would lock out readers).
func (dialect) ClearPairs(ctx context.Context, tx *sqlstore.Tx) error {
	_, err := tx.Exec(ctx, `DELETE FROM notice_pairs`)
	return err
}

// UnindexPairs deletes a notice's pairs (the trigram indexes follow the
// rows themselves).
func (dialect) UnindexPairs(ctx context.Context, tx *sqlstore.Tx, notice int64) error {
	_, err := tx.Exec(ctx, `DELETE FROM notice_pairs WHERE notice = $1`, notice)
	return err
}

// Lock takes a transaction-level advisory lock on key.
func (dialect) Lock(ctx context.Context, tx *sqlstore.Tx, key string) error {
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, key)
	return err
}

func (dialect) Seq(table, alias string) string {
	if table == "hits" {
		return alias + ".id"
	}
	return alias + ".seq"
}

func (dialect) MentionPos() string { return "start_pos, end_pos" }

func (dialect) NoticeOrgSeq() bool { return true }

// RoundTrips implements sqlstore.Dialect: every statement goes to the
// server and back.
func (dialect) RoundTrips() bool { return true }

func (dialect) OneWriter() bool { return false }

// UpsertBrand keys brands by lower(name): they compare case-insensitively.
func (dialect) UpsertBrand() string {
	return `INSERT INTO brands AS b (lname, name, company, country, us_linked, category, documents)
		VALUES (lower($1), $1, $2, $3, $4, $5, 1) ON CONFLICT (lname) DO UPDATE SET
		company = COALESCE(NULLIF(excluded.company, ''), b.company),
		country = COALESCE(NULLIF(excluded.country, ''), b.country),
		us_linked = b.us_linked OR excluded.us_linked,
		category = COALESCE(NULLIF(b.category, ''), excluded.category),
		documents = b.documents + 1`
}

func (dialect) Time(t time.Time) any { return t.UTC() }

func (dialect) TimestampType() string { return "TIMESTAMPTZ" }

func (dialect) Clean(s string) string { return clean(s) }

func (dialect) IndexedBy(string) string { return "" }

// ReadTx is a repeatable-read snapshot: every query of an answer sees the
// same data while workers write.
func (dialect) ReadTx() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

func (dialect) MapErr(err error) error { return mapErr(err) }

func (dialect) Retryable(err error) bool { return retryable(err) }

// clean makes s storable as PostgreSQL text, which cannot hold NUL or
// invalid UTF-8: each becomes U+FFFD, so rune offsets into redacted text
// still hold (a NUL is one rune, as is its replacement).
func clean(s string) string {
	if strings.IndexByte(s, 0) < 0 && utf8.ValidString(s) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}
