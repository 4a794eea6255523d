package notice

import (
	"regexp"
	"strings"

	"github.com/enduse/enduse"
)

// roleOf maps a supplier label, in its section and notice type, to a role.
func (x *extractor) roleOf(k kv) (enduse.SupplierRole, bool) {
	switch k.f {
	case fWinner:
		if x.typ == enduse.TypeCandidates {
			return enduse.RoleCandidate, true
		}
		return enduse.RoleWinner, true
	case fCandidate, fCandList:
		return enduse.RoleCandidate, true
	case fSingle:
		return enduse.RoleSingleSource, true
	case fBidder:
		return enduse.RoleBidder, true
	case fSupplierName, fOrgName:
		switch k.ctx {
		case fWinner:
			return enduse.RoleWinner, true
		case fSingle:
			return enduse.RoleSingleSource, true
		case fCandList:
			if k.f == fSupplierName {
				return enduse.RoleCandidate, true
			}
		}
		if k.f == fOrgName {
			return "", false
		}
		switch x.typ {
		case enduse.TypeAward, enduse.TypeContract:
			return enduse.RoleWinner, true
		case enduse.TypeSingleSource:
			return enduse.RoleSingleSource, true
		}
	}
	return "", false
}

// unrankedRe marks a notice that lists its candidates in no order:
// 排名不分先后, 排序不分前后, 不分名次, 无先后顺序, 不标明排序.
var unrankedRe = regexp.MustCompile(`不分(?:先后|前后|名次|排名|排序|顺序)|无(?:先后|排名|排序)(?:顺序|之分)?|排名无先后|不标明(?:排序|排名|名次|顺序)`)

// unranked reports whether s matches unrankedRe. The regexp has no literal
// prefix, so Go tries it at every position of the whole notice; it runs
// only when s holds a literal every match holds (不分, 无先后, 无排…, 不标明).
func unranked(s string) bool {
	if !strings.Contains(s, "不分") && !strings.Contains(s, "无先后") && !strings.Contains(s, "无排") && !strings.Contains(s, "不标明") {
		return false
	}
	return unrankedRe.MatchString(s)
}

// rolePriority orders roles when one company is named in several.
func rolePriority(r enduse.SupplierRole) int {
	switch r {
	case enduse.RoleWinner:
		return 4
	case enduse.RoleSingleSource:
		return 3
	case enduse.RoleCandidate:
		return 2
	}
	return 1
}

// addSupplier adds or merges a supplier read at sp. A consortium ("A、B
// 联合体") is added as one supplier per member, each with the
// consortium's role, rank, amount and lot, and the consortium's name.
func (x *extractor) addSupplier(s supplierAt) {
	if members, ok := consortiumMembers(&x.view, s.name); ok {
		whole := s.Name
		for _, m := range members {
			ms := s
			ms.name = m
			ms.Name = compactName(x.text(m))
			ms.Consortium = whole
			ms.Address = ""
			x.addMember(ms)
		}
		return
	}
	x.addMember(s)
}

// addMember adds or merges one supplier.
func (x *extractor) addMember(s supplierAt) {
	if x.supIndex == nil {
		x.supIndex = map[string][]int{}
	}
	key := compactName(s.Name)
	for _, i := range x.supIndex[key] {
		o := &x.sups[i]
		if o.Lot != s.Lot && o.Lot != "" && s.Lot != "" {
			continue
		}
		if rolePriority(s.Role) > rolePriority(o.Role) {
			o.Role, o.Rank = s.Role, s.Rank
		}
		if o.Rank == 0 && s.Role == o.Role {
			o.Rank = s.Rank
		}
		if o.Amount == 0 && s.Amount > 0 {
			o.Amount, o.amount = s.Amount, s.amount
		}
		if o.Address == "" {
			o.Address = s.Address
		}
		if o.Consortium == "" {
			o.Consortium = s.Consortium
		}
		return
	}
	x.supIndex[key] = append(x.supIndex[key], len(x.sups))
	x.sups = append(x.sups, s)
}

// suppliers reads the suppliers of the notice: from labels, then from
// header tables and transposed candidate tables.
func (x *extractor) suppliers(n *enduse.Notice) {
	for i, k := range x.kvs {
		role, ok := x.roleOf(k)
		if !ok {
			continue
		}
		parts := splitOrgs(&x.view, k.v)
		// "A（牵头人）、B（成员）": the parts are the members of one consortium.
		consortium := ""
		if len(parts) > 1 && leadNoteRe.MatchString(x.normStr(k.v)) {
			if sp, ok := cutValue(x.rs, k.v); ok {
				consortium = compactName(x.text(sp))
			}
		}
		for _, part := range parts {
			sp, good := cleanOrg(&x.view, part)
			if !good {
				continue
			}
			s := supplierAt{name: sp, line: k.line}
			s.Name = compactName(x.text(sp))
			s.Role = role
			s.Lot = k.lot
			s.Consortium = consortium
			if role == enduse.RoleCandidate {
				s.Rank = k.rank
			}
			if a := x.addressAfterSupplier(i); a.e > a.s && len(parts) == 1 {
				s.Address = x.own(a)
			}
			x.addSupplier(s)
		}
	}
	x.tables()
	x.supIndex = nil
	if x.unranked {
		for i := range x.sups {
			x.sups[i].Rank = 0
		}
	}
	// A supplier is never the buyer or the agency of the same notice.
	var kept []supplierAt
	for _, s := range x.sups {
		if n.Buyer != nil && s.Name == n.Buyer.Name || n.Agency != nil && s.Name == n.Agency.Name {
			continue
		}
		kept = append(kept, s)
	}
	x.sups = kept
}

// addressAfterSupplier finds 地址 / 供应商地址 just after a supplier name.
func (x *extractor) addressAfterSupplier(i int) span {
	if a, ok := x.addrOf[i]; ok {
		return a
	}
	org := x.kvs[i]
	for _, k := range x.kvs[i+1:] {
		if k.line > org.line+2 {
			break
		}
		switch k.f {
		case fAddress:
			return span{}
		case fSupplierAddress:
			return addressSpan(x, k.v)
		case fBuyer, fAgency, fWinner, fSingle, fSupplierName, fOrgName, fCandidate, fCandList, fBidder:
			return span{}
		}
	}
	return span{}
}

// nameField reports whether f labels a column or row of supplier names.
func nameField(f field) bool {
	switch f {
	case fWinner, fCandList, fCandidate, fSingle, fBidder, fSupplierName:
		return true
	}
	return false
}

// isListRow reports whether a row is a label followed by two or more
// supplier names (a transposed candidates table).
func (x *extractor) isListRow(l line) bool {
	if len(l.cells) < 3 {
		return false
	}
	f, _, ok := x.labelCell(trim(x.rs, l.cells[0]))
	if !ok || !nameField(f) {
		return false
	}
	for _, c := range l.cells[1:] {
		if _, ok := cleanOrg(&x.view, c); !ok && trim(x.rs, c).e > trim(x.rs, c).s {
			return false
		}
	}
	return true
}

// tables reads suppliers, amounts and budgets from tables: header tables
// (a row of column labels over rows of values) and transposed tables (a
// row of candidate names with rows of their prices and ranks).
func (x *extractor) tables() {
	byTable := map[int][]int{}
	var order []int
	for i, l := range x.lines {
		if !l.isRow() {
			continue
		}
		if _, ok := byTable[l.table]; !ok {
			order = append(order, l.table)
		}
		byTable[l.table] = append(byTable[l.table], i)
	}
	for _, t := range order {
		rows := byTable[t]
		x.transposed(rows)
		x.headerTable(rows)
	}
}

// maxTableScan bounds how far into a table its header or name row is
// looked for, and how far from the name row its sibling rows may be, so a
// huge table costs linear time.
const maxTableScan = 40

// transposed reads rows "中标候选人名称 | A | B | C" with their sibling rows.
func (x *extractor) transposed(rows []int) {
	found := 0
	for pos, ri := range rows {
		l := x.lines[ri]
		if pos > maxTableScan || found >= 3 || !x.isListRow(l) {
			continue
		}
		found++
		f, _, _ := x.labelCell(trim(x.rs, l.cells[0]))
		role := enduse.RoleCandidate
		switch f {
		case fWinner:
			role = enduse.RoleWinner
			if x.typ == enduse.TypeCandidates {
				role = enduse.RoleCandidate
			}
		case fBidder, fSupplierName:
			role = enduse.RoleBidder
		case fSingle:
			role = enduse.RoleSingleSource
		}
		ncol := len(l.cells)
		ranks := make([]int, ncol)
		amounts := make([]float64, ncol)
		amountSp := make([]span, ncol)
		for _, rj := range rows {
			o := x.lines[rj]
			if len(o.cells) != ncol || rj == ri || rj < ri-maxTableScan || rj > ri+maxTableScan {
				continue
			}
			of, unit, ok := x.labelCell(trim(x.rs, o.cells[0]))
			if !ok {
				continue
			}
			for c := 1; c < ncol; c++ {
				sp := trim(x.rs, o.cells[c])
				switch of {
				case fRank:
					ranks[c] = candidateRank(x.text(sp))
				case fBid, fAward:
					if v, ok := ParseAmount(x.text(sp), unit); ok {
						amounts[c], amountSp[c] = v, sp
					}
				}
			}
		}
		for c := 1; c < ncol; c++ {
			sp, ok := cleanOrg(&x.view, l.cells[c])
			if !ok {
				continue
			}
			s := supplierAt{name: sp, line: ri}
			s.Name = compactName(x.text(sp))
			s.Role = role
			if role == enduse.RoleCandidate {
				// Column order is no rank: only a 名次/排序 row gives one.
				s.Rank = ranks[c]
			}
			s.Amount, s.amount = amounts[c], amountSp[c]
			x.addSupplier(s)
		}
	}
}

// column kinds of a header table.
type columns struct {
	name, amount, bid, budget, lot, rank, result, addr int
	nameField                                          field
	amountUnit, bidUnit, budgetUnit                    string
}

// headerTable reads a table whose first recognised row labels its columns.
func (x *extractor) headerTable(rows []int) {
	for hi, ri := range rows {
		l := x.lines[ri]
		if len(l.cells) < 2 || hi > maxTableScan {
			continue
		}
		cols := columns{name: -1, amount: -1, bid: -1, budget: -1, lot: -1, rank: -1, result: -1, addr: -1}
		known := 0
		for c, cell := range l.cells {
			sp := trim(x.rs, cell)
			t := x.compactStr(sp)
			f, ok := fieldOf(t)
			if !ok {
				switch stripLabel(t) {
				case "评审结果", "是否中标", "结果", "中标结果", "推荐意见", "评审意见":
					cols.result = c
					known++
				}
				continue
			}
			known++
			switch {
			case nameField(f) && cols.name < 0:
				cols.name, cols.nameField = c, f
			case f == fAward && cols.amount < 0:
				cols.amount, cols.amountUnit = c, labelUnit(t)
			case f == fBid && cols.bid < 0:
				cols.bid, cols.bidUnit = c, labelUnit(t)
			case (f == fBudget || f == fBudgetCap) && cols.budget < 0:
				cols.budget, cols.budgetUnit = c, labelUnit(t)
			case (f == fLotCode || f == fCodeLow) && cols.lot < 0:
				cols.lot = c
			case f == fRank:
				cols.rank = c
			case f == fSupplierAddress || f == fAddress:
				cols.addr = c
			}
		}
		if known < 2 || cols.name < 0 {
			continue
		}
		for _, rj := range rows[hi+1:] {
			o := x.lines[rj]
			if len(o.cells) != len(l.cells) {
				continue
			}
			sp, ok := cleanOrg(&x.view, o.cells[cols.name])
			if !ok {
				continue
			}
			s := supplierAt{name: sp, line: rj}
			s.Name = compactName(x.text(sp))
			s.Role = enduse.RoleBidder
			switch cols.nameField {
			case fWinner:
				s.Role = enduse.RoleWinner
			case fCandList, fCandidate:
				s.Role = enduse.RoleCandidate // row order is no rank
			case fSingle:
				s.Role = enduse.RoleSingleSource
			case fSupplierName:
				if cols.amount >= 0 && (x.typ == enduse.TypeAward || x.typ == enduse.TypeContract) {
					s.Role = enduse.RoleWinner
				}
			}
			if cols.result >= 0 {
				r := x.compactStr(o.cells[cols.result])
				switch {
				case strings.Contains(r, "候选"):
					s.Role = enduse.RoleCandidate
					s.Rank = candidateRank(r)
				case strings.Contains(r, "中标") || strings.Contains(r, "成交"):
					if !strings.Contains(r, "未") && !strings.Contains(r, "不") {
						s.Role = enduse.RoleWinner
					}
				}
			}
			if cols.rank >= 0 && s.Role == enduse.RoleCandidate {
				if r := candidateRank(x.text(trim(x.rs, o.cells[cols.rank]))); r > 0 {
					s.Rank = r
				}
			}
			if cols.amount >= 0 {
				a := trim(x.rs, o.cells[cols.amount])
				if v, ok := ParseAmount(x.text(a), cols.amountUnit); ok {
					s.Amount, s.amount = v, a
				}
			} else if cols.bid >= 0 {
				a := trim(x.rs, o.cells[cols.bid])
				if v, ok := ParseAmount(x.text(a), cols.bidUnit); ok {
					s.Amount, s.amount = v, a
				}
			}
			if cols.lot >= 0 {
				lc := x.compactStr(o.cells[cols.lot])
				if l := lotOf(lc); l != "" {
					lc = l
				}
				s.Lot = strings.Clone(lc)
			}
			if cols.addr >= 0 {
				if a := addressSpan(x, o.cells[cols.addr]); a.e > a.s {
					s.Address = x.own(a)
				}
			}
			x.addSupplier(s)
		}
		return
	}
}
