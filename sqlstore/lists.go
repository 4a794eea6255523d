package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/counting"
)

// SaveList stores one version of a list with its entries, replacing a
// stored version of the same name and version. Concurrent imports of one
// version are serialised. It returns ErrInvalid without a name or version.
func (s *Store) SaveList(ctx context.Context, l enduse.ScreeningList, entries []enduse.ListEntry) error {
	if strings.TrimSpace(l.Name) == "" || strings.TrimSpace(l.Version) == "" {
		return fmt.Errorf("save list: name and version are required: %w", enduse.ErrInvalid)
	}
	blobs := make([]string, len(entries))
	for i, e := range entries {
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("save list %s entry %s: %w", l.Name, e.ID, err)
		}
		blobs[i] = string(b)
	}
	// Two imports of one version take turns (the write lock): the last
	// one's entries stand.
	err := s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM lists WHERE name = $1 AND version = $2`, l.Name, l.Version); err != nil {
			return s.mapErr(err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO lists (name, version, source, format, count, imported) VALUES ($1, $2, $3, $4, $5, $6)`,
			l.Name, l.Version, l.Source, l.Format, len(entries), l.Imported); err != nil {
			return s.mapErr(err)
		}
		ins, err := tx.tx.PrepareContext(ctx, `INSERT INTO list_entries (name, version, seq, entry) VALUES ($1, $2, $3, $4)`)
		if err != nil {
			return s.mapErr(err)
		}
		defer ins.Close()
		name, version := s.d.Clean(l.Name), s.d.Clean(l.Version)
		for i, b := range blobs {
			if _, err := ins.ExecContext(ctx, name, version, i, s.d.Clean(b)); err != nil {
				return s.mapErr(err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save list %s: %w", l.Name, err)
	}
	return nil
}

// Lists returns every stored list version, newest import first.
func (s *Store) Lists(ctx context.Context) ([]enduse.ScreeningList, error) {
	var out []enduse.ScreeningList
	err := s.scanRows(ctx, s.read, `SELECT name, version, source, format, count, imported FROM lists
		ORDER BY imported DESC, name, version DESC`, nil, func(scan func(...any) error) error {
		var l enduse.ScreeningList
		if err := scan(&l.Name, &l.Version, &l.Source, &l.Format, &l.Count, &l.Imported); err != nil {
			return err
		}
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lists: %w", err)
	}
	return out, nil
}

// ListEntries returns the entries of one stored list version. It returns
// ErrNotFound when there is no such version.
func (s *Store) ListEntries(ctx context.Context, name, version string) ([]enduse.ListEntry, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", name, err)
	}
	defer tx.Rollback()
	var one int
	err = s.queryRow(ctx, tx, `SELECT 1 FROM lists WHERE name = $1 AND version = $2`, name, version).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("list %s version %s: %w", name, version, enduse.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", name, s.mapErr(err))
	}
	var out []enduse.ListEntry
	err = s.scanRows(ctx, tx, `SELECT entry FROM list_entries WHERE name = $1 AND version = $2 ORDER BY seq`,
		[]any{name, version}, func(scan func(...any) error) error {
			var blob string
			if err := scan(&blob); err != nil {
				return err
			}
			var e enduse.ListEntry
			if err := json.Unmarshal([]byte(blob), &e); err != nil {
				return fmt.Errorf("stored entry: %w", err)
			}
			out = append(out, e)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", name, err)
	}
	return out, nil
}

// ReplaceOrgHits replaces the hits recorded for an organisation in every
// notice that names it: one hit per list entry for each (notice, role) the
// organisation has, so a newly imported list takes effect on stored
// notices.
func (s *Store) ReplaceOrgHits(ctx context.Context, orgKey string, hits []enduse.Hit) error {
	err := s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM hits WHERE org = $1`, orgKey); err != nil {
			return s.mapErr(err)
		}
		if len(hits) == 0 {
			return nil
		}
		type use struct {
			notice     int64
			role, name string
		}
		var uses []use
		seen := map[use]bool{}
		rows, err := tx.Query(ctx, `SELECT notice, role, name FROM notice_orgs o WHERE org = $1 ORDER BY notice, `+
			s.d.Seq("notice_orgs", "o"), orgKey)
		if err != nil {
			return s.mapErr(err)
		}
		for rows.Next() {
			var u use
			if err := rows.Scan(&u.notice, &u.role, &u.name); err != nil {
				rows.Close()
				return s.mapErr(err)
			}
			u.role = hitRole(u.role)
			if k := (use{notice: u.notice, role: u.role}); !seen[k] {
				seen[k] = true
				uses = append(uses, u)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return s.mapErr(err)
		}
		w := s.rows(tx, s.sql.hit)
		for _, u := range uses {
			for _, h := range hits {
				if err := w.add(ctx, u.notice, u.role, orgKey, u.name, h.List, h.EntryID, h.Entry,
					string(h.Relation), h.Score, h.Why); err != nil {
					return err
				}
			}
		}
		return w.flush(ctx)
	})
	if err != nil {
		return fmt.Errorf("replace hits of %s: %w", orgKey, err)
	}
	return nil
}

// hitRole maps a notice role to the role a hit is recorded under.
func hitRole(role string) string {
	switch role {
	case counting.RoleBuyer, counting.RoleAgency:
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
func (s *Store) EachOrg(ctx context.Context, fn func(key, name string) error) error {
	after, first := "", true
	for {
		var page [][2]string
		err := s.scanRows(ctx, s.read, `SELECT key, name FROM orgs WHERE $1 OR key > $2 ORDER BY key LIMIT $3`,
			[]any{first, after, eachOrgPage}, func(scan func(...any) error) error {
				var k, n string
				if err := scan(&k, &n); err != nil {
					return err
				}
				page = append(page, [2]string{k, n})
				return nil
			})
		if err != nil {
			return fmt.Errorf("orgs: %w", err)
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
