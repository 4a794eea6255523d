package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

var _ enduse.ListStore = (*DB)(nil)

// SaveList stores one version of a list with its entries, replacing a
// stored version of the same name and version. Concurrent imports of one
// version are serialised. It returns ErrInvalid without a name or version.
func (db *DB) SaveList(ctx context.Context, l enduse.ScreeningList, entries []enduse.ListEntry) error {
	if strings.TrimSpace(l.Name) == "" || strings.TrimSpace(l.Version) == "" {
		return fmt.Errorf("save list: name and version are required: %w", enduse.ErrInvalid)
	}
	rows := make([][]any, len(entries))
	for i, e := range entries {
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("save list %s entry %s: %w", l.Name, e.ID, err)
		}
		rows[i] = []any{clean(l.Name), clean(l.Version), i, string(b)}
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
			clean("list\x00"+l.Name+"\x00"+l.Version)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM lists WHERE name = $1 AND version = $2`, clean(l.Name), clean(l.Version)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO lists (name, version, source, format, count, imported) VALUES ($1, $2, $3, $4, $5, $6)`,
			clean(l.Name), clean(l.Version), clean(l.Source), clean(l.Format), len(entries), clean(l.Imported)); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"list_entries"}, []string{"name", "version", "seq", "entry"}, pgx.CopyFromRows(rows))
		return err
	})
	if err != nil {
		return fmt.Errorf("save list %s: %w", l.Name, mapErr(err))
	}
	return nil
}

// Lists returns every stored list version, newest import first.
func (db *DB) Lists(ctx context.Context) ([]enduse.ScreeningList, error) {
	rows, err := db.pool.Query(ctx, `SELECT name, version, source, format, count, imported FROM lists
		ORDER BY imported DESC, name, version DESC`)
	if err != nil {
		return nil, fmt.Errorf("lists: %w", mapErr(err))
	}
	defer rows.Close()
	var out []enduse.ScreeningList
	for rows.Next() {
		var l enduse.ScreeningList
		if err := rows.Scan(&l.Name, &l.Version, &l.Source, &l.Format, &l.Count, &l.Imported); err != nil {
			return nil, fmt.Errorf("lists: %w", mapErr(err))
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("lists: %w", mapErr(err))
	}
	return out, nil
}

// ListEntries returns the entries of one stored list version. It returns
// ErrNotFound when there is no such version.
func (db *DB) ListEntries(ctx context.Context, name, version string) ([]enduse.ListEntry, error) {
	var out []enduse.ListEntry
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var ok bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM lists WHERE name = $1 AND version = $2)`,
			clean(name), clean(version)).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("version %s: %w", version, enduse.ErrNotFound)
		}
		rows, err := tx.Query(ctx, `SELECT entry FROM list_entries WHERE name = $1 AND version = $2 ORDER BY seq`, clean(name), clean(version))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			var e enduse.ListEntry
			if err := json.Unmarshal([]byte(s), &e); err != nil {
				return fmt.Errorf("stored entry: %w", err)
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", name, mapErr(err))
	}
	return out, nil
}

// ReplaceOrgHits replaces the hits recorded for an organisation in every
// notice that names it: one hit per list entry for each (notice, role) the
// organisation has, so a newly imported list takes effect on stored
// notices.
func (db *DB) ReplaceOrgHits(ctx context.Context, orgKey string, hits []enduse.Hit) error {
	key := clean(orgKey)
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM hits WHERE org = $1`, key); err != nil {
			return err
		}
		if len(hits) == 0 {
			return nil
		}
		type use struct {
			notice     int64
			role, name string
		}
		rows, err := tx.Query(ctx, `SELECT notice, role, name FROM notice_orgs WHERE org = $1 ORDER BY notice, seq`, key)
		if err != nil {
			return err
		}
		var uses []use
		seen := map[use]bool{}
		for rows.Next() {
			var u use
			if err := rows.Scan(&u.notice, &u.role, &u.name); err != nil {
				rows.Close()
				return err
			}
			u.role = hitRole(u.role)
			if k := (use{notice: u.notice, role: u.role}); !seen[k] {
				seen[k] = true
				uses = append(uses, u)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		b := &pgx.Batch{}
		for _, u := range uses {
			for _, h := range hits {
				b.Queue(`INSERT INTO hits (notice, role, org, name, list, entry_id, entry, relation, score, why)
					VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, u.notice, u.role, key, u.name, clean(h.List), clean(h.EntryID),
					clean(h.Entry), clean(string(h.Relation)), h.Score, clean(h.Why))
			}
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("replace hits of %s: %w", orgKey, mapErr(err))
	}
	return nil
}

// hitRole maps a notice role to the role a hit is recorded under.
func hitRole(role string) string {
	switch role {
	case storeutil.RoleBuyer, storeutil.RoleAgency:
		return role
	}
	return "supplier"
}

// eachOrgPage is how many organisations EachOrg reads at a time.
const eachOrgPage = 1000

// EachOrg calls fn with the key and name of every stored organisation in
// key order, stopping at fn's first error. It reads a page of keys at a
// time and holds no transaction while fn runs, so fn may write to the
// database and millions of organisations need not fit in memory.
func (db *DB) EachOrg(ctx context.Context, fn func(key, name string) error) error {
	after, first := "", true
	for {
		rows, err := db.pool.Query(ctx, `SELECT key, name FROM orgs WHERE $1 OR key > $2 ORDER BY key LIMIT $3`, first, after, eachOrgPage)
		if err != nil {
			return fmt.Errorf("orgs: %w", mapErr(err))
		}
		var page [][2]string
		for rows.Next() {
			var k, n string
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return fmt.Errorf("orgs: %w", mapErr(err))
			}
			page = append(page, [2]string{k, n})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("orgs: %w", mapErr(err))
		}
		for _, o := range page {
			if err := fn(o[0], o[1]); err != nil {
				return err
			}
		}
		if len(page) < eachOrgPage {
			return nil
		}
		after, first = page[len(page)-1][0], false
	}
}
