package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/safetext"
)

// runQuery answers filters over the store.
func runQuery(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlags(env, "query", "[--db DSN] [filters] [--json|--csv]")
	db := fs.String("db", cfg.DB, "database: SQLite file path or postgres:// DSN")
	asJSON := fs.Bool("json", false, "print the whole answer as JSON")
	asCSV := fs.Bool("csv", false, "print the matching rows as CSV")
	filter := filterFlags(fs)
	args, err := parseFlags(fs, "query", args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return usagef("query", "unexpected argument %q (filters are flags, e.g. --text %s)", args[0], args[0])
	}
	if *asJSON && *asCSV {
		return usagef("query", "choose one of --json and --csv")
	}
	f, err := filter()
	if err != nil {
		return usagef("query", "%v", err)
	}
	res, err := answer(ctx, cfg, *db, f)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		return writeJSON(env.Stdout, res)
	case *asCSV:
		return writeRowsCSV(env.Stdout, res.Rows)
	default:
		printResult(env.Stdout, res)
		return nil
	}
}

// answer opens the store, resolves brand and company to their canonical
// names and runs the query.
func answer(ctx context.Context, cfg Config, dsn string, f enduse.Filter) (*enduse.Result, error) {
	f, err := resolveFilter(cfg, f)
	if err != nil {
		return nil, err
	}
	st, err := openExistingStore(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Query(ctx, f)
}

// printResult prints an answer as sentences and tables for a person.
func printResult(w io.Writer, r *enduse.Result) {
	fmt.Fprintf(w, "%d unique notices (%d documents) from %d buyers", r.Notices, r.Documents, r.Buyers)
	if n, ok := enduse.CountedQuantity(r.Quantity); ok {
		fmt.Fprintf(w, "; %s items", num(float64(n)))
	} else if r.Quantity > 0 {
		fmt.Fprint(w, "; item quantities in mixed units")
	}
	if r.QuantityUnknown > 0 {
		// named without a count: units unknown, not zero
		fmt.Fprintf(w, "; %d notices with quantity unknown", r.QuantityUnknown)
	}
	if r.Amount > 0 {
		fmt.Fprintf(w, "; %s yuan", num(r.Amount))
	}
	fmt.Fprintln(w)
	for _, part := range []struct {
		name string
		m    map[string]enduse.Figure
	}{
		{"type", r.ByType}, {"brand", r.ByBrand}, {"product line", r.ByProductLine}, {"category", r.ByCategory},
		{"co-mentioned", r.CoMentions}, {"sector", r.BySector}, {"level", r.ByLevel}, {"region", r.ByRegion},
		{"pathway", r.ByPathway},
	} {
		if len(part.m) > 0 {
			fmt.Fprintf(w, "by %s: %s\n", part.name, figures(part.m, 8))
		}
	}
	if len(r.Rows) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED\tTYPE\tBUYER\tWINNER\tAMOUNT\tBRANDS\tTITLE")
	for _, row := range r.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", short(row.ID), row.Published, row.Type, clip(row.Buyer, 24),
			clip(row.Winner, 24), yuan(row.Amount), strings.Join(row.Brands, ","), clip(row.Title, 40))
	}
	tw.Flush()
	if r.Total > len(r.Rows) {
		fmt.Fprintf(w, "(%d of %d rows; use --limit and --offset for more)\n", len(r.Rows), r.Total)
	}
}

// figures formats the largest figures of a breakdown: "Seagate 12 (248 items), WD 3".
func figures(m map[string]enduse.Figure, max int) string {
	keys := sortedKeys(m)
	sort.SliceStable(keys, func(i, j int) bool { return m[keys[i]].Notices > m[keys[j]].Notices })
	var parts []string
	for i, k := range keys {
		if i == max {
			parts = append(parts, fmt.Sprintf("… %d more", len(keys)-max))
			break
		}
		s := fmt.Sprintf("%s %d", k, m[k].Notices)
		q, u := m[k].Quantity, m[k].QuantityUnknown
		// A fractional sum adds metres or tonnes to sets: no item count.
		n, counted := enduse.CountedQuantity(q)
		switch {
		case counted && n > 0 && u > 0:
			s += fmt.Sprintf(" (%s items, %d with quantity unknown)", num(float64(n)), u)
		case counted && n > 0:
			s += fmt.Sprintf(" (%s items)", num(float64(n)))
		case u > 0:
			s += fmt.Sprintf(" (%d with quantity unknown)", u)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// writeRowsCSV writes answer rows with a header. Every cell goes through
// safetext.CSVCell, so a title such as =HYPERLINK(…) opens as text in a
// spreadsheet; plain numbers (the amount and quantity columns) are kept.
func writeRowsCSV(w io.Writer, rows []enduse.Row) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "published", "type", "title", "project_code", "buyer", "buyer_en", "sector", "level",
		"region", "region_name", "winner", "amount", "quantity", "brands", "source", "url", "group"})
	for _, r := range rows {
		cw.Write(safetext.CSVRecord([]string{r.ID, r.Published, string(r.Type), r.Title, r.ProjectCode, r.Buyer, r.BuyerEN, string(r.Sector),
			string(r.Level), r.Region, r.RegionName, r.Winner, strconv.FormatFloat(r.Amount, 'f', -1, 64),
			strconv.FormatFloat(r.Quantity, 'f', -1, 64), strings.Join(r.Brands, ";"), r.Source, r.URL, r.Group}))
	}
	cw.Flush()
	return cw.Error()
}

// short abbreviates a sha256 id for tables.
func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// num formats a number without a needless fraction.
func num(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
