package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/storeutil"
)

var _ enduse.ListStore = (*DB)(nil)

// SaveList stores one version of a list with its entries, replacing a
// stored version of the same name and version.
func (db *DB) SaveList(ctx context.Context, l enduse.ScreeningList, entries []enduse.ListEntry) error {
	if l.Name == "" || l.Version == "" {
		return fmt.Errorf("save list: name and version are required: %w", enduse.ErrInvalid)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save list %s: %w", l.Name, mapErr(err))
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM lists WHERE name = ? AND version = ?`, l.Name, l.Version); err != nil {
		return fmt.Errorf("save list %s: %w", l.Name, mapErr(err))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO lists (name, version, source, format, count, imported) VALUES (?, ?, ?, ?, ?, ?)`,
		l.Name, l.Version, l.Source, l.Format, len(entries), l.Imported); err != nil {
		return fmt.Errorf("save list %s: %w", l.Name, mapErr(err))
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO list_entries (name, version, seq, entry) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("save list %s: %w", l.Name, mapErr(err))
	}
	defer ins.Close()
	for i, e := range entries {
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("save list %s entry %s: %w", l.Name, e.ID, err)
		}
		if _, err := ins.ExecContext(ctx, l.Name, l.Version, i, string(b)); err != nil {
			return fmt.Errorf("save list %s: %w", l.Name, mapErr(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save list %s: %w", l.Name, mapErr(err))
	}
	return nil
}

// Lists returns every stored list version, newest import first.
func (db *DB) Lists(ctx context.Context) ([]enduse.ScreeningList, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT name, version, source, format, count, imported FROM lists ORDER BY imported DESC, name, version DESC`)
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
	return out, rows.Err()
}

// ListEntries returns the entries of one stored list version.
func (db *DB) ListEntries(ctx context.Context, name, version string) ([]enduse.ListEntry, error) {
	var one int
	err := db.read.QueryRowContext(ctx, `SELECT 1 FROM lists WHERE name = ? AND version = ?`, name, version).Scan(&one)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("list %s version %s: %w", name, version, enduse.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", name, mapErr(err))
	}
	rows, err := db.read.QueryContext(ctx, `SELECT entry FROM list_entries WHERE name = ? AND version = ? ORDER BY seq`, name, version)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", name, mapErr(err))
	}
	defer rows.Close()
	var out []enduse.ListEntry
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("list %s: %w", name, mapErr(err))
		}
		var e enduse.ListEntry
		if err := json.Unmarshal([]byte(s), &e); err != nil {
			return nil, fmt.Errorf("list %s: stored entry: %w", name, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ReplaceOrgHits replaces the hits recorded for an organisation in every
// notice that names it.
func (db *DB) ReplaceOrgHits(ctx context.Context, orgKey string, hits []enduse.Hit) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace hits of %s: %w", orgKey, mapErr(err))
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM hits WHERE org = ?`, orgKey); err != nil {
		return fmt.Errorf("replace hits of %s: %w", orgKey, mapErr(err))
	}
	if len(hits) > 0 {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT notice, role, name FROM notice_orgs WHERE org = ?`, orgKey)
		if err != nil {
			return fmt.Errorf("replace hits of %s: %w", orgKey, mapErr(err))
		}
		type use struct {
			notice     int64
			role, name string
		}
		var uses []use
		for rows.Next() {
			var u use
			if err := rows.Scan(&u.notice, &u.role, &u.name); err != nil {
				rows.Close()
				return fmt.Errorf("replace hits of %s: %w", orgKey, mapErr(err))
			}
			uses = append(uses, u)
		}
		rows.Close()
		seen := map[[2]any]bool{}
		for _, u := range uses {
			role := hitRole(u.role)
			if seen[[2]any{u.notice, role}] {
				continue
			}
			seen[[2]any{u.notice, role}] = true
			for _, h := range hits {
				if _, err := tx.ExecContext(ctx, `INSERT INTO hits (notice, role, org, name, list, entry_id, entry, relation, score, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					u.notice, role, orgKey, u.name, h.List, h.EntryID, h.Entry, string(h.Relation), h.Score, h.Why); err != nil {
					return fmt.Errorf("replace hits of %s: %w", orgKey, mapErr(err))
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace hits of %s: %w", orgKey, mapErr(err))
	}
	return nil
}

// hitRole maps a notice role to the role a hit is recorded under.
func hitRole(role string) string {
	switch role {
	case storeutil.RoleBuyer, storeutil.RoleAgency:
		return role
	default:
		return "supplier"
	}
}

// EachOrg calls fn for every stored organisation in key order. The keys are
// read first so fn may write to the database.
func (db *DB) EachOrg(ctx context.Context, fn func(key, name string) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT key, name FROM orgs ORDER BY key`)
	if err != nil {
		return fmt.Errorf("orgs: %w", mapErr(err))
	}
	var all [][2]string
	for rows.Next() {
		var k, n string
		if err := rows.Scan(&k, &n); err != nil {
			rows.Close()
			return fmt.Errorf("orgs: %w", mapErr(err))
		}
		all = append(all, [2]string{k, n})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("orgs: %w", mapErr(err))
	}
	for _, o := range all {
		if err := fn(o[0], o[1]); err != nil {
			return err
		}
	}
	return nil
}
