package notice

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// amountSpan trims an amount value to its first clause.
// A parenthesis after the figure starts a note (tax,
// the 大写 form, the price before tax), which is left out.
func (x *extractor) amountSpan(sp span) span {
	digit := false
	for i := sp.s; i < sp.e; i++ {
		r := x.nr[i]
		if r == '(' && digit && i+3 < sp.e && (x.nr[i+1] == '元' || x.nr[i+1] == '万' && x.nr[i+2] == '元') {
			continue // a unit in brackets: 123.4（万元）
		}
		if r == ';' || r == '。' || r == '\t' || digit && r == '(' {
			sp.e = i
			break
		}
		if isDigit(r) {
			digit = true
		}
	}
	return trim(x.rs, sp)
}

// lotAmountRe reads one lot's sum inside a value: "二标段为369855.4元".
var lotAmountRe = regexp.MustCompile(`(?:第?([一二三四五六七八九十\dⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3})(?:标段|包|标项|标包|分包|子包)|(?:标段|包|标项|标包|分包|子包)\s*([一二三四五六七八九十\dⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}))(?:的)?(?:为|:|是)?\s*((?:人民币)?\s*¥?\s*\d[\d,]*(?:\.\d+)?\s*(?:万元|元|万)?)`)

// lotAmounts reads per-lot sums from a value that names several lots.
func (x *extractor) lotAmounts(k kv) []amountAt {
	s := string(x.nr[k.v.s:k.v.e])
	ms := lotAmountRe.FindAllStringSubmatchIndex(s, -1)
	if len(ms) < 2 {
		return nil
	}
	var out []amountAt
	for _, m := range ms {
		num := ""
		if m[2] >= 0 {
			num = s[m[2]:m[3]]
		} else {
			num = s[m[4]:m[5]]
		}
		lot := lotOf("包" + num)
		v, ok := ParseAmount(s[m[6]:m[7]], k.unit)
		if !ok || lot == "" {
			return nil
		}
		st := k.v.s + utf8.RuneCountInString(s[:m[6]])
		out = append(out, amountAt{v: v, sp: trim(x.rs, span{st, st + utf8.RuneCountInString(s[m[6]:m[7]])}), lot: lot, line: k.line})
	}
	return out
}

// isTotalLabel reports whether an amount label says it is a total.
func isTotalLabel(label string) bool {
	c := compact(label)
	return strings.Contains(c, "总") || strings.Contains(c, "合计")
}

// attach gives amount a to the nearest supplier above it with one of the
// roles and no amount yet.
func (x *extractor) attach(a amountAt, roles ...enduse.SupplierRole) bool {
	best := -1
	for i, s := range x.sups {
		if s.Amount > 0 || s.line > a.line || a.line-s.line > 6 {
			continue
		}
		if s.Lot != "" && a.lot != "" && s.Lot != a.lot {
			continue
		}
		for _, r := range roles {
			if s.Role == r && (best < 0 || s.line >= x.sups[best].line) {
				best = i
			}
		}
	}
	if best < 0 {
		return false
	}
	x.sups[best].Amount, x.sups[best].amount = a.v, a.sp
	// A consortium's price is every member's.
	if c := x.sups[best].Consortium; c != "" {
		for i := range x.sups {
			s := &x.sups[i]
			if s.Consortium == c && s.Lot == x.sups[best].Lot && s.Role == x.sups[best].Role && s.Amount == 0 {
				s.Amount, s.amount = a.v, a.sp
			}
		}
	}
	return true
}

// amounts sets the budget, the award amount, supplier amounts and lots.
func (x *extractor) amounts(n *enduse.Notice, ev map[string]enduse.Evidence) {
	var awards, budgets, caps []amountAt
	for _, k := range x.kvs {
		switch k.f {
		case fAward, fBudget, fBudgetCap, fBid:
		default:
			continue
		}
		sp := x.amountSpan(k.v)
		v, ok := ParseAmount(x.text(sp), k.unit)
		if las := x.lotAmounts(k); len(las) > 0 {
			// "一标段为577648元，二标段为369855.4元": one sum per lot.
			ok = false
			for _, la := range las {
				switch k.f {
				case fAward:
					awards = append(awards, la)
				case fBudget:
					budgets = append(budgets, la)
				case fBudgetCap:
					caps = append(caps, la)
				}
			}
		}
		if !ok {
			continue
		}
		a := amountAt{v: v, sp: sp, lot: k.lot, line: k.line, total: isTotalLabel(k.label)}
		switch k.f {
		case fAward:
			awards = append(awards, a)
			x.attach(a, enduse.RoleWinner, enduse.RoleSingleSource)
		case fBid:
			x.attach(a, enduse.RoleCandidate, enduse.RoleBidder)
		case fBudget:
			budgets = append(budgets, a)
		case fBudgetCap:
			caps = append(caps, a)
		}
	}
	if len(budgets) == 0 && len(caps) == 0 {
		budgets = x.tableBudgets()
	}

	// Lots: more than one lot among the amounts and winners.
	lotSet := map[string]bool{}
	var lotOrder []string
	note := func(l string) {
		if l != "" && !lotSet[l] {
			lotSet[l] = true
			lotOrder = append(lotOrder, l)
		}
	}
	for _, s := range x.sups {
		if s.Role == enduse.RoleWinner {
			note(s.Lot)
		}
	}
	for _, a := range awards {
		note(a.lot)
	}
	for _, a := range append(append([]amountAt{}, budgets...), caps...) {
		note(a.lot)
	}
	multi := len(lotOrder) > 1
	if !multi {
		for i := range x.sups {
			x.sups[i].Lot = ""
		}
	}

	awarded := x.typ == enduse.TypeAward || x.typ == enduse.TypeContract || x.typ == enduse.TypeSingleSource || x.typ == enduse.TypeOther
	if awarded {
		if v, sp, ok := x.decide(awards, multi); ok {
			n.AwardAmount = v
			x.evidence(ev, "award_amount", sp)
		} else if len(awards) == 0 {
			// Amounts only in a winners' table.
			var sum float64
			var count int
			var first span
			seen := map[string]bool{} // a consortium's price counts once
			for _, s := range x.sups {
				if s.Consortium != "" {
					if seen[s.Consortium+"\x00"+s.Lot] {
						continue
					}
					seen[s.Consortium+"\x00"+s.Lot] = true
				}
				if s.Role == enduse.RoleWinner {
					count++
					if s.Amount > 0 {
						if sum == 0 {
							first = s.amount
						}
						sum += s.Amount
					} else {
						sum = -1e18
					}
				}
			}
			if count > 0 && sum > 0 {
				n.AwardAmount = round2(sum)
				if count == 1 {
					x.evidence(ev, "award_amount", first)
				}
			}
		}
	}
	if v, sp, ok := x.decideBudget(budgets, multi); ok {
		n.Budget = v
		x.evidence(ev, "budget", sp)
	} else if v, sp, ok := x.decideBudget(caps, multi); ok {
		n.Budget = v
		x.evidence(ev, "budget", sp)
	}

	if multi {
		for _, l := range lotOrder {
			lot := enduse.Lot{Code: l}
			for _, k := range x.kvs {
				if k.f == fLotName && k.lot == l {
					lot.Name = strings.Clone(strings.TrimSpace(x.text(trim(x.rs, k.v))))
					break
				}
			}
			key := "lots[" + strconv.Itoa(len(n.Lots)) + "]"
			for _, a := range awards {
				if a.lot == l && lot.AwardAmount == 0 && awarded {
					lot.AwardAmount = a.v
					x.evidence(ev, key+".award_amount", a.sp)
				}
			}
			if lot.AwardAmount == 0 && awarded {
				for _, s := range x.sups {
					if s.Lot == l && s.Role == enduse.RoleWinner && s.Amount > 0 {
						lot.AwardAmount += s.Amount
					}
				}
			}
			for _, a := range append(append([]amountAt{}, budgets...), caps...) {
				if a.lot == l && lot.Budget == 0 {
					lot.Budget = a.v
					x.evidence(ev, key+".budget", a.sp)
				}
			}
			if !awarded {
				lot.AwardAmount = 0
			}
			n.Lots = append(n.Lots, lot)
		}
		if n.AwardAmount == 0 && awarded {
			var sum float64
			for _, l := range n.Lots {
				sum += l.AwardAmount
			}
			n.AwardAmount = round2(sum)
		}
	}
}

// decide picks the award amount: a stated total, the one value given, or
// the sum of per-lot or per-winner amounts. Ambiguous sets decide nothing.
func (x *extractor) decide(as []amountAt, multi bool) (float64, span, bool) {
	if len(as) == 0 {
		return 0, span{}, false
	}
	for _, a := range as {
		if a.total {
			return a.v, a.sp, true
		}
	}
	same := true
	for _, a := range as[1:] {
		if !sameAmount(a.v, as[0].v) {
			same = false
		}
	}
	if same {
		return as[0].v, as[0].sp, true
	}
	if multi {
		perLot := map[string]float64{}
		for _, a := range as {
			if a.lot == "" {
				return 0, span{}, false
			}
			if v, ok := perLot[a.lot]; ok && !sameAmount(v, a.v) {
				return 0, span{}, false
			}
			perLot[a.lot] = a.v
		}
		var sum float64
		for _, v := range perLot {
			sum += v
		}
		return round2(sum), span{}, true
	}
	// One amount per winner: a framework award to several suppliers.
	winners := 0
	var sum float64
	for _, s := range x.sups {
		if s.Role == enduse.RoleWinner {
			winners++
			sum += s.Amount
			if s.Amount == 0 {
				return 0, span{}, false
			}
		}
	}
	if winners == len(as) && winners > 1 {
		return round2(sum), span{}, true
	}
	return 0, span{}, false
}

// decideBudget picks the budget: a stated total, else per-lot sums, else
// the first budget the notice states.
func (x *extractor) decideBudget(as []amountAt, multi bool) (float64, span, bool) {
	if len(as) == 0 {
		return 0, span{}, false
	}
	for _, a := range as {
		if a.total && a.lot == "" {
			return a.v, a.sp, true
		}
	}
	if as[0].lot == "" || !multi {
		return as[0].v, as[0].sp, true
	}
	perLot := map[string]float64{}
	for _, a := range as {
		if a.lot == "" {
			return as[0].v, as[0].sp, true
		}
		if _, ok := perLot[a.lot]; !ok {
			perLot[a.lot] = a.v
		}
	}
	var sum float64
	for _, v := range perLot {
		sum += v
	}
	return round2(sum), span{}, true
}

// tableBudgets reads budget columns of header tables (one row per lot or
// item), skipping 合计 rows when a total row exists.
func (x *extractor) tableBudgets() []amountAt {
	var out []amountAt
	for i, l := range x.lines {
		if !l.isRow() || len(l.cells) < 2 {
			continue
		}
		col, unit, lotCol := -1, "", -1
		for c, cell := range l.cells {
			t := x.compactStr(cell)
			f, ok := fieldOf(t)
			if !ok {
				continue
			}
			if (f == fBudget || f == fBudgetCap) && col < 0 {
				col, unit = c, labelUnit(t)
			}
			if f == fLotCode && lotCol < 0 {
				lotCol = c
			}
		}
		if col < 0 {
			continue
		}
		var total *amountAt
		for j := i + 1; j < len(x.lines); j++ {
			o := x.lines[j]
			if o.table != l.table || len(o.cells) != len(l.cells) {
				break
			}
			sp := x.amountSpan(o.cells[col])
			v, ok := ParseAmount(x.text(sp), unit)
			if !ok {
				continue
			}
			first := x.compactStr(o.cells[0])
			a := amountAt{v: v, sp: sp, line: j}
			if strings.Contains(first, "合计") || strings.Contains(first, "总计") {
				a.total = true
				total = &a
				continue
			}
			if lotCol >= 0 {
				lc := x.compactStr(o.cells[lotCol])
				if lt := lotOf(lc); lt != "" {
					lc = lt
				}
				a.lot = lc
			}
			out = append(out, a)
		}
		if total != nil {
			return []amountAt{*total}
		}
		if len(out) > 1 {
			// Several rows: their sum is the budget, with lots when marked.
			var sum float64
			for _, a := range out {
				sum += a.v
			}
			if out[0].lot != "" {
				return out
			}
			return []amountAt{{v: round2(sum), total: true, line: out[0].line}}
		}
		return out
	}
	return nil
}

func round2(v float64) float64 {
	if v < 0 {
		return 0
	}
	return float64(int64(v*100+0.5)) / 100
}
