package notice

// Contact blocks: which party an address belongs to.
//
// Notices give a party's address in a block opened by the party's name
// line (招标人：X / 名称：X) and followed by 地址：…. Three layouts share
// the pattern and are read here in one linear pass over the pairs:
//
//   - one block after another: the address goes to the party whose block
//     is open;
//   - two blocks side by side in table columns (招标人：A | 招标代理：B over
//     地址：X | 地址：Y): the address goes to the party named in the same
//     column of the same table;
//   - run-on blocks, where the labels repeat in turn (采购人名称：A 代理机构
//     名称：B … 地址：X 地址：Y): the Nth address goes to the Nth party of
//     the run.

// partyField reports whether f names a party that may have an address.
func partyField(f field) bool {
	switch f {
	case fBuyer, fAgency, fWinner, fSingle, fSupplierName, fOrgName, fCandidate, fCandList, fBidder:
		return true
	}
	return false
}

// maxBlockLines bounds how many lines after its name line a party's
// address may come.
const maxBlockLines = 4

// cellOf returns the index of the cell of line li holding rune offset p.
func (x *extractor) cellOf(li, p int) int {
	for ci, c := range x.lines[li].cells {
		if p >= c.s && p <= c.e {
			return ci
		}
	}
	return 0
}

// linkAddresses decides, for every 地址 pair, the party pair it belongs to,
// and records it in x.addrOf (party pair index → address span).
//
// A run is a sequence of party labels and the addresses that follow it
// before the next party. Its N addresses go to its parties in order
// (采购人名称：A 代理机构名称：B 地址：X 地址：Y); fewer addresses than
// parties go to the last parties, whose block the address lines close
// (招标人：A / 招标代理人：B / 地址：X — X is B's). Other labels (联系人,
// 电话, 监管单位) end blocks: after a party they close its block, so the
// next party starts a new run; after an address they close the run, so
// a later address (a supervisor's) goes to no one. In a table, an address
// in the column of a party named in the same table goes to that party
// first.
func (x *extractor) linkAddresses() {
	x.addrOf = map[int]span{}
	type colKey struct{ table, col int }
	byCol := map[colKey]int{} // last party named in a table column
	var parties, addrs []int  // the open run
	set := func(p, a int) {
		if _, done := x.addrOf[p]; done || x.kvs[a].line-x.kvs[p].line > maxBlockLines || x.kvs[a].line < x.kvs[p].line {
			return
		}
		if sp := addressSpan(x, x.kvs[a].v); sp.e > sp.s {
			x.addrOf[p] = sp
		}
	}
	flush := func() {
		var open []int
		for _, p := range parties {
			if _, done := x.addrOf[p]; !done {
				open = append(open, p)
			}
		}
		if len(addrs) < len(open) {
			open = open[len(open)-len(addrs):]
		}
		for i, p := range open {
			set(p, addrs[i])
		}
		parties, addrs = parties[:0], addrs[:0]
	}
	prev, ig := -1, 0 // the last pair's value start; next ignored label
	for i, k := range x.kvs {
		if k.prose {
			continue
		}
		// Was another label written between the last pair and this one?
		between := false
		for ig < len(x.ignored) && x.ignored[ig] < k.v.s {
			if x.ignored[ig] > prev {
				between = true
			}
			ig++
		}
		prev = k.v.s
		l := x.lines[k.line]
		multi := l.isRow() && len(l.cells) > 1
		switch {
		case partyField(k.f):
			if len(addrs) > 0 || between && len(parties) > 0 {
				flush()
			}
			parties = append(parties, i)
			if multi {
				byCol[colKey{l.table, x.cellOf(k.line, k.v.s)}] = i
			}
		case k.f == fAddress:
			if multi {
				if p, ok := byCol[colKey{l.table, x.cellOf(k.line, k.v.s)}]; ok {
					if _, done := x.addrOf[p]; !done {
						set(p, i)
						if _, done := x.addrOf[p]; done {
							continue
						}
					}
				}
			}
			if between && len(addrs) > 0 {
				flush() // the run is over; this address is another body's
				continue
			}
			if len(parties) > 0 {
				addrs = append(addrs, i)
			}
		default:
			if len(parties) > 0 || len(addrs) > 0 {
				flush() // a label of another kind ends the run
			}
		}
	}
	flush()
}
