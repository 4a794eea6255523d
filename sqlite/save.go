package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// HasDocument reports whether a document with this sha256 is stored.
func (db *DB) HasDocument(ctx context.Context, sha string) (bool, error) {
	var one int
	err := db.read.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE sha256 = ?`, strings.ToLower(sha)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("has document %s: %w", sha, mapErr(err))
	}
	return true, nil
}

// SaveNotice stores the document, its redacted text and its notice in one
// transaction. Saving bytes already stored returns OutcomeDuplicate and
// changes nothing. When parseErr is non-nil (or the notice carries an
// Error) the document is stored as failed with the reason. The document's
// unredacted Text is never stored: evidence snippets in the notice are
// re-cut from redacted, which must have the same rune length as d.Text
// when d.Text is set. It returns ErrInvalid for a malformed document.
func (db *DB) SaveNotice(ctx context.Context, d *enduse.Document, redacted string, n *enduse.Notice, parseErr error) (enduse.IngestOutcome, error) {
	if d == nil {
		return "", fmt.Errorf("save notice: nil document: %w", enduse.ErrInvalid)
	}
	sum := sha256.Sum256(d.Raw)
	actual := hex.EncodeToString(sum[:])
	id := strings.ToLower(strings.TrimSpace(d.SHA256))
	if id == "" {
		id = actual
	}
	if id != actual {
		return "", fmt.Errorf("save notice %s: sha256 %s does not match the bytes (%s): %w", d.Source, d.SHA256, actual, enduse.ErrInvalid)
	}
	if !utf8.ValidString(redacted) {
		return "", fmt.Errorf("save notice %s: redacted text is not valid UTF-8: %w", d.Source, enduse.ErrInvalid)
	}
	if d.Text != "" {
		if a, b := utf8.RuneCountInString(d.Text), utf8.RuneCountInString(redacted); a != b {
			return "", fmt.Errorf("save notice %s: redacted text has %d runes, document text %d (offsets would not hold): %w",
				d.Source, b, a, enduse.ErrInvalid)
		}
	}
	failure := ""
	switch {
	case parseErr != nil:
		failure = parseErr.Error()
	case n == nil:
		return "", fmt.Errorf("save notice %s: no notice and no parse error: %w", d.Source, enduse.ErrInvalid)
	case n.Error != "":
		failure = n.Error
	}
	if n != nil && n.SHA256 != "" && !strings.EqualFold(n.SHA256, id) {
		return "", fmt.Errorf("save notice %s: notice sha256 %s differs from document %s: %w", d.Source, n.SHA256, id, enduse.ErrInvalid)
	}
	if n != nil && failure == "" && n.Type != "" && !validType(n.Type) {
		return "", fmt.Errorf("save notice %s: unknown notice type %q: %w", d.Source, n.Type, enduse.ErrInvalid)
	}

	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("save notice %s: begin: %w", d.Source, mapErr(err))
	}
	defer sqlTx.Rollback()
	tx := &wtx{Tx: sqlTx, db: db}
	var one int
	switch err := tx.QueryRowContext(ctx, sqlDocExists, id).Scan(&one); {
	case err == nil:
		return enduse.OutcomeDuplicate, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", fmt.Errorf("save notice %s: %w", d.Source, mapErr(err))
	}
	status, outcome := "stored", enduse.OutcomeStored
	if failure != "" {
		status, outcome = "failed", enduse.OutcomeFailed
	}
	raw := d.Raw
	if raw == nil {
		raw = []byte{}
	}
	if _, err := tx.ExecContext(ctx, sqlInsertDocument,
		id, d.Source, d.URL, d.RecordID, d.MediaType, d.Charset, d.Title, d.Published, strings.ToLower(d.Parent),
		raw, redacted, status, failure, db.now().UTC().Format(time.RFC3339Nano)); err != nil {
		return "", fmt.Errorf("save notice %s: insert document: %w", d.Source, mapErr(err))
	}
	if failure == "" {
		if err := db.insertNotice(ctx, tx, id, d, redacted, n); err != nil {
			return "", fmt.Errorf("save notice %s: %w", d.Source, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("save notice %s: commit: %w", d.Source, mapErr(err))
	}
	return outcome, nil
}

// Statements SaveNotice runs for every document; Open prepares them once.
const (
	sqlDocExists      = `SELECT 1 FROM documents WHERE sha256 = ?`
	sqlInsertDocument = `INSERT INTO documents (sha256, source, url, record_id, media_type, charset,
		title, published, parent, raw, text, status, error, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	sqlInsertNotice = `INSERT INTO notices (doc, type, title, title_key, published, project_code, project_name,
		budget, award_amount, currency, buyer, buyer_name, buyer_en, sector, level, agency, province, region_code, region_name,
		region_path, group_id, purchase_id, simhash, detail, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	sqlInsertFTS       = `INSERT INTO notice_fts (rowid, title, text) VALUES (?, ?, ?)`
	sqlCountOrg        = `UPDATE orgs SET documents = documents + 1, as_buyer = as_buyer + ? WHERE key = ?`
	sqlInsertNoticeOrg = `INSERT INTO notice_orgs (notice, org, name, role, rank, amount, lot) VALUES (?,?,?,?,?,?,?)`
	sqlInsertItem      = `INSERT INTO items (notice, seq, name, brand_text, model, quantity, unit, unit_price,
			total, brand, company, country, us_linked, product_line, category) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	sqlInsertMention = `INSERT INTO mentions (notice, seq, text, kind, spec, brand, company, country,
			us_linked, product_line, category, start, "end") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`
	sqlUpsertBrand = `INSERT INTO brands (name, company, country, us_linked, category, documents)
			VALUES (?,?,?,?,?,1) ON CONFLICT (name) DO UPDATE SET
			company = COALESCE(NULLIF(excluded.company, ''), company),
			country = COALESCE(NULLIF(excluded.country, ''), country),
			us_linked = MAX(us_linked, excluded.us_linked),
			category = COALESCE(NULLIF(category, ''), excluded.category),
			documents = documents + 1`
	sqlInsertHit = `INSERT INTO hits (notice, role, org, name, list, entry_id, entry, relation, score, why)
			VALUES (?,?,?,?,?,?,?,?,?,?)`
	sqlInsertReason = `INSERT OR IGNORE INTO reasons (notice, class) VALUES (?, ?)`
	sqlUpsertOrg    = `INSERT INTO orgs (key, name, name_en, sector, level, region_code, region_name, region_path, parent)
		VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (key) DO UPDATE SET
		name_en = COALESCE(NULLIF(excluded.name_en, ''), name_en),
		sector = CASE WHEN excluded.sector NOT IN ('', 'unknown') THEN excluded.sector ELSE sector END,
		level = CASE WHEN excluded.level NOT IN ('', 'unknown') THEN excluded.level ELSE level END,
		region_code = COALESCE(NULLIF(excluded.region_code, ''), region_code),
		region_name = CASE WHEN excluded.region_code <> '' THEN excluded.region_name ELSE region_name END,
		region_path = CASE WHEN excluded.region_code <> '' THEN excluded.region_path ELSE region_path END,
		parent = COALESCE(NULLIF(excluded.parent, ''), parent)`
)

// writeStatements lists the statements Open prepares.
func writeStatements() []string {
	return []string{sqlDocExists, sqlInsertDocument, sqlInsertNotice, sqlInsertFTS, sqlCountOrg, sqlInsertNoticeOrg, sqlInsertItem, sqlInsertMention, sqlUpsertBrand, sqlInsertHit, sqlInsertReason, sqlUpsertOrg}
}

// noticeRow is what insertNotice derives from a notice before writing it.
type noticeRow struct {
	doc, typ, title, titleKey, published string
	buyer, buyerName, buyerEN, agency    string
	sector, level                        string
	regionCode, regionName, regionPath   string
	projectCode                          string
	awardAmount                          float64
	simhash                              uint64
	textLen                              int
}

// insertNotice writes the notice of a stored document and everything
// extracted with it.
func (db *DB) insertNotice(ctx context.Context, tx *wtx, id string, d *enduse.Document, redacted string, in *enduse.Notice) error {
	n := sanitize(in, redacted)
	n.SHA256 = id
	if n.Source == "" {
		n.Source = d.Source
	}
	if n.Type == "" {
		n.Type = enduse.TypeOther
	}
	if n.Schema == 0 {
		n.Schema = enduse.SchemaVersion
	}
	blob, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("encode notice: %w", err)
	}
	r := noticeRow{doc: id, typ: string(n.Type), title: strings.TrimSpace(n.Title), projectCode: strings.TrimSpace(n.ProjectCode),
		awardAmount: n.AwardAmount}
	if r.title == "" {
		r.title = strings.TrimSpace(d.Title)
	}
	r.titleKey = normalize(r.title)
	r.published = n.Published
	if r.published == "" {
		r.published = d.Published
	}
	if !validDate(r.published) {
		r.published = ""
	}
	if n.Buyer != nil {
		r.buyer, r.buyerName, r.buyerEN = orgKey(n.Buyer), strings.TrimSpace(n.Buyer.Name), n.Buyer.NameEN
		r.sector, r.level = string(n.Buyer.Sector), string(n.Buyer.Level)
	}
	if n.Agency != nil {
		r.agency = orgKey(n.Agency)
	}
	reg := n.Region
	if reg == nil && n.Buyer != nil {
		reg = n.Buyer.Region
	}
	if reg != nil {
		r.regionCode, r.regionName, r.regionPath = strings.TrimSpace(reg.Code), reg.Name, reg.Path
		if r.regionPath == "" {
			r.regionPath = reg.Name
		}
	}
	norm := normalize(redacted)
	r.simhash = simhash(norm)
	r.textLen = utf8.RuneCountInString(norm)

	// Organisations first: notices and notice_orgs reference them.
	refs := map[string]bool{}
	upsert := func(o *enduse.Org) error {
		k := orgKey(o)
		if k == "" {
			return nil
		}
		refs[k] = true
		return upsertOrg(ctx, tx, k, o)
	}
	if n.Buyer != nil {
		if err := upsert(n.Buyer); err != nil {
			return err
		}
	}
	if n.Agency != nil {
		if err := upsert(n.Agency); err != nil {
			return err
		}
	}
	for i := range n.Suppliers {
		if err := upsert(&n.Suppliers[i].Org); err != nil {
			return err
		}
	}
	group, purchase, err := findGroup(ctx, tx, r)
	if err != nil {
		return err
	}
	detail := 0
	for _, it := range n.Items {
		if it.Quantity > 0 {
			detail++
		}
	}
	res, err := tx.ExecContext(ctx, sqlInsertNotice,
		id, r.typ, r.title, r.titleKey, r.published, r.projectCode, n.ProjectName, n.Budget, n.AwardAmount, n.Currency,
		nullable(r.buyer), r.buyerName, r.buyerEN, r.sector, r.level, nullable(r.agency), provinceOf(r.regionCode), r.regionCode, r.regionName,
		r.regionPath, group, purchase, int64(r.simhash), detail, string(blob))
	if err != nil {
		return fmt.Errorf("insert notice: %w", mapErr(err))
	}
	nid, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("insert notice: %w", mapErr(err))
	}
	if err := insertChildren(ctx, tx, nid, n, r); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, sqlInsertFTS, nid, r.title, redacted); err != nil {
		return fmt.Errorf("index text: %w", mapErr(err))
	}
	for k := range refs {
		buyer := 0
		if k == r.buyer {
			buyer = 1
		}
		if _, err := tx.ExecContext(ctx, sqlCountOrg, buyer, k); err != nil {
			return fmt.Errorf("count org %s: %w", k, mapErr(err))
		}
	}
	return nil
}

// insertChildren writes the notice's organisations, items, mentions, hits
// and reasons, and counts its brands.
func insertChildren(ctx context.Context, tx *wtx, nid int64, n *enduse.Notice, r noticeRow) error {
	link := func(o *enduse.Org, role string, rank int, amount float64, lot string) error {
		k := orgKey(o)
		if k == "" {
			return nil
		}
		if _, err := tx.ExecContext(ctx, sqlInsertNoticeOrg,
			nid, k, strings.TrimSpace(o.Name), role, rank, amount, lot); err != nil {
			return fmt.Errorf("insert %s %s: %w", role, k, mapErr(err))
		}
		return nil
	}
	if n.Buyer != nil {
		if err := link(n.Buyer, roleBuyer, 0, 0, ""); err != nil {
			return err
		}
	}
	if n.Agency != nil {
		if err := link(n.Agency, roleAgency, 0, 0, ""); err != nil {
			return err
		}
	}
	for i := range n.Suppliers {
		s := &n.Suppliers[i]
		role := string(s.Role)
		if role == "" {
			role = roleSupplier
		}
		if err := link(&s.Org, role, s.Rank, s.Amount, s.Lot); err != nil {
			return err
		}
	}
	brands := map[string]enduse.Resolution{}
	for i, it := range n.Items {
		var res enduse.Resolution
		if it.Resolved != nil {
			res = *it.Resolved
		}
		if _, err := tx.ExecContext(ctx, sqlInsertItem,
			nid, i, it.Name, strings.TrimSpace(it.Brand), it.Model, it.Quantity, it.Unit, it.UnitPrice, it.Total,
			res.Brand, res.Company, res.Country, res.USLinked, res.ProductLine, res.Category); err != nil {
			return fmt.Errorf("insert item %d: %w", i, mapErr(err))
		}
		if res.Brand != "" {
			brands[strings.ToLower(res.Brand)] = res
		}
	}
	for i, m := range n.Mentions {
		if _, err := tx.ExecContext(ctx, sqlInsertMention,
			nid, i, m.Text, string(m.Kind), m.Spec, m.Brand, m.Company, m.Country, m.USLinked, m.ProductLine, m.Category,
			m.Start, m.End); err != nil {
			return fmt.Errorf("insert mention %d: %w", i, mapErr(err))
		}
		if m.Brand != "" && !m.Spec {
			if _, ok := brands[strings.ToLower(m.Brand)]; !ok || m.Company != "" {
				brands[strings.ToLower(m.Brand)] = m.Resolution
			}
		}
	}
	for _, b := range brands {
		if _, err := tx.ExecContext(ctx, sqlUpsertBrand, b.Brand, b.Company, b.Country, b.USLinked, b.Category); err != nil {
			return fmt.Errorf("count brand %s: %w", b.Brand, mapErr(err))
		}
	}
	for i, h := range n.Hits {
		org := hitOrg(n, h, r)
		if _, err := tx.ExecContext(ctx, sqlInsertHit, nid, h.Org, org, h.Name, h.List, h.EntryID, h.Entry, string(h.Relation), h.Score, h.Why); err != nil {
			return fmt.Errorf("insert hit %d: %w", i, mapErr(err))
		}
	}
	if n.Reason != nil {
		for _, c := range n.Reason.Classes {
			if _, err := tx.ExecContext(ctx, sqlInsertReason, nid, string(c)); err != nil {
				return fmt.Errorf("insert reason %s: %w", c, mapErr(err))
			}
		}
	}
	return nil
}

// hitOrg is the key of the organisation a hit was recorded for.
func hitOrg(n *enduse.Notice, h enduse.Hit, r noticeRow) string {
	switch h.Org {
	case roleBuyer:
		if h.Name == "" || n.Buyer == nil || sameOrg(n.Buyer, h.Name) {
			return r.buyer
		}
	case roleAgency:
		if h.Name == "" || n.Agency == nil || sameOrg(n.Agency, h.Name) {
			return r.agency
		}
	}
	for i := range n.Suppliers {
		if sameOrg(&n.Suppliers[i].Org, h.Name) {
			return orgKey(&n.Suppliers[i].Org)
		}
	}
	if n.Buyer != nil && sameOrg(n.Buyer, h.Name) {
		return r.buyer
	}
	return strings.TrimSpace(h.Name)
}

// sameOrg reports whether name is o's name or key.
func sameOrg(o *enduse.Org, name string) bool {
	name = strings.TrimSpace(name)
	return name != "" && (name == strings.TrimSpace(o.Name) || name == strings.TrimSpace(o.Key))
}

// upsertOrg records an organisation; later non-empty attributes win.
func upsertOrg(ctx context.Context, tx *wtx, key string, o *enduse.Org) error {
	name := strings.TrimSpace(o.Name)
	if name == "" {
		name = key
	}
	var code, rname, rpath string
	if o.Region != nil {
		code, rname, rpath = strings.TrimSpace(o.Region.Code), o.Region.Name, o.Region.Path
	}
	_, err := tx.ExecContext(ctx, sqlUpsertOrg,
		key, name, o.NameEN, string(o.Sector), string(o.Level), code, rname, rpath, o.Parent)
	if err != nil {
		return fmt.Errorf("upsert org %s: %w", key, mapErr(err))
	}
	return nil
}

// maxRepublishDays is how far apart re-publications of one announcement may
// be published.
const maxRepublishDays = 31

// maxSimhashDistance is the number of differing simhash bits under which two
// texts count as near-identical.
const maxSimhashDistance = 3

// findGroup decides the announcement group and purchase of a new notice.
// Same type + buyer + project code is one announcement (unless the award
// amounts differ: lots awarded separately); without a project
// code, a notice of the same type and buyer published within a month with
// the same normalised title, or near-identical text (simhash), and no
// conflicting award amount is a re-publication and joins its group and
// purchase. Award and contract notices of one buyer and project code are
// one purchase.
func findGroup(ctx context.Context, tx *wtx, r noticeRow) (group, purchase string, err error) {
	if r.buyer != "" && r.projectCode != "" {
		code := normalize(r.projectCode)
		group, purchase = "p"+shortHash(r.typ, r.buyer, code), "b"+shortHash(r.buyer, code)
		if r.awardAmount <= 0 {
			return group, purchase, nil
		}
		// Announcements of one project with different award amounts (lots
		// awarded separately) are different announcements of one purchase.
		rows, err := tx.QueryContext(ctx, `SELECT award_amount FROM notices WHERE group_id = ? LIMIT 100`, group)
		if err != nil {
			return "", "", fmt.Errorf("find group: %w", mapErr(err))
		}
		defer rows.Close()
		members, conflicts := 0, 0
		for rows.Next() {
			var a float64
			if err := rows.Scan(&a); err != nil {
				return "", "", fmt.Errorf("find group: %w", mapErr(err))
			}
			members++
			if a > 0 && !closeAmount(a, r.awardAmount) {
				conflicts++
			}
		}
		if err := rows.Err(); err != nil {
			return "", "", fmt.Errorf("find group: %w", mapErr(err))
		}
		if members > 0 && conflicts == members {
			group = "p" + shortHash(r.typ, r.buyer, code, strconv.FormatFloat(r.awardAmount, 'f', 2, 64))
		}
		return group, purchase, nil
	}
	// Candidates: same type and buyer, published close by.
	q := `SELECT group_id, purchase_id, title_key, published, award_amount, simhash FROM notices
		WHERE type = ? AND buyer IS ? AND `
	args := []any{r.typ, nullable(r.buyer)}
	switch {
	case r.buyer == "" && r.titleKey == "":
		return "d" + r.doc[:16], "d" + r.doc[:16], nil
	case r.buyer == "":
		// Without a buyer only the title can tell; use its index.
		q = `SELECT group_id, purchase_id, title_key, published, award_amount, simhash FROM notices
			WHERE type = ? AND title_key = ? AND buyer IS NULL AND `
		args = []any{r.typ, r.titleKey}
	}
	if r.published != "" {
		q += `(published = '' OR published BETWEEN date(?, '-31 days') AND date(?, '+31 days'))`
		args = append(args, r.published, r.published)
	} else {
		q += `1`
	}
	q += ` ORDER BY id LIMIT 2000`
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return "", "", fmt.Errorf("find group: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var g, p, tk, pub string
		var amount float64
		var sh int64
		if err := rows.Scan(&g, &p, &tk, &pub, &amount, &sh); err != nil {
			return "", "", fmt.Errorf("find group: %w", mapErr(err))
		}
		if amount > 0 && r.awardAmount > 0 && !closeAmount(amount, r.awardAmount) {
			continue
		}
		if (tk != "" && tk == r.titleKey) || (r.textLen >= minSimhashRunes && hamming(uint64(sh), r.simhash) <= maxSimhashDistance) {
			return g, p, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", "", fmt.Errorf("find group: %w", mapErr(err))
	}
	return "d" + r.doc[:16], "d" + r.doc[:16], nil
}

// closeAmount reports whether two amounts are the same up to rounding.
func closeAmount(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 0.5 || d <= 1e-6*max(a, b)
}

// shortHash is a 64-bit hex digest of parts, for opaque group ids.
func shortHash(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:8])
}

// nullable maps "" to NULL, for foreign keys.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// orgKey is the key an organisation is stored under: its canonical key,
// else its name.
func orgKey(o *enduse.Org) string {
	if o == nil {
		return ""
	}
	if k := strings.TrimSpace(o.Key); k != "" {
		return k
	}
	return strings.TrimSpace(o.Name)
}

// validDate reports whether s is a YYYY-MM-DD date.
func validDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// validType reports whether t is a known notice type.
func validType(t enduse.NoticeType) bool {
	for _, k := range enduse.NoticeTypes {
		if k == t {
			return true
		}
	}
	return false
}

// sanitize returns a copy of n whose evidence snippets are cut from the
// redacted text, so no unredacted span reaches the database. Snippets whose
// offsets do not fit the text are dropped rather than trusted.
func sanitize(in *enduse.Notice, redacted string) *enduse.Notice {
	n := *in
	text := []rune(redacted)
	cut := func(start, end int) (string, bool) {
		if start < 0 || end < start || end > len(text) {
			return "", false
		}
		return string(text[start:end]), true
	}
	fix := func(e enduse.Evidence) enduse.Evidence {
		e.Text, _ = cut(e.Start, e.End)
		return e
	}
	if in.Evidence != nil {
		n.Evidence = make(map[string]enduse.Evidence, len(in.Evidence))
		for k, e := range in.Evidence {
			n.Evidence[k] = fix(e)
		}
	}
	if in.Items != nil {
		n.Items = make([]enduse.Item, len(in.Items))
		copy(n.Items, in.Items)
		for i := range n.Items {
			if e := n.Items[i].Evidence; e != nil {
				fe := fix(*e)
				n.Items[i].Evidence = &fe
			}
		}
	}
	if in.Mentions != nil {
		n.Mentions = make([]enduse.Mention, len(in.Mentions))
		copy(n.Mentions, in.Mentions)
		for i := range n.Mentions {
			if s, ok := cut(n.Mentions[i].Start, n.Mentions[i].End); ok && s != "" {
				n.Mentions[i].Text = s
			}
		}
	}
	if in.Reason != nil {
		rs := *in.Reason
		rs.Evidence = fix(rs.Evidence)
		switch {
		case rs.Evidence.Text != "":
			rs.Text = rs.Evidence.Text
		case !strings.Contains(redacted, rs.Text):
			rs.Text = "" // not verifiable against the redacted text
		}
		n.Reason = &rs
	}
	return &n
}

// wtx is a write transaction that runs the statements Open prepared (the
// same few for every document) without preparing them again.
type wtx struct {
	*sql.Tx
	db *DB
}

// stmt returns the prepared form of q, or nil when q is not one of the
// statements Open prepared.
func (t *wtx) stmt(q string) *sql.Stmt {
	return t.db.stmts[q]
}

// ExecContext runs q with args in the transaction.
func (t *wtx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := t.stmt(q); s != nil {
		return t.Tx.StmtContext(ctx, s).ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, q, args...)
}

// QueryRowContext runs q with args in the transaction.
func (t *wtx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if s := t.stmt(q); s != nil {
		return t.Tx.StmtContext(ctx, s).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, q, args...)
}

// QueryContext runs q with args in the transaction.
func (t *wtx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if s := t.stmt(q); s != nil {
		return t.Tx.StmtContext(ctx, s).QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, q, args...)
}

// provinceOf is the two-digit province part of a GB/T 2260 code, or "".
func provinceOf(code string) string {
	if len(code) < 2 || !isDigits(code) {
		return ""
	}
	return code[:2]
}
