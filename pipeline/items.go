package pipeline

import (
	"strings"

	"github.com/enduse/enduse"
	"github.com/enduse/enduse/notice"
)

// placeItems sets each item's lot and supplier from the rest of the notice:
// the lot is that of the last lot heading above the item when the notice
// names winners of more than one lot; the supplier, when the item's row
// names none, is the winner of the item's lot, else the notice's single
// winner. An item whose supplier cannot be told apart stays without one.
func placeItems(n *enduse.Notice, text string) {
	if len(n.Items) == 0 {
		return
	}
	for i := range n.Items {
		// a 包号 cell as written ("一", "包2", "子包三") → the lot code of Org.Lot
		if l := n.Items[i].Lot; l != "" {
			if c := notice.LotOf(l); c != "" {
				n.Items[i].Lot = c
			} else {
				n.Items[i].Lot = notice.LotOf("包" + l)
			}
		}
	}
	winners := map[string][]string{} // lot → distinct winner names
	lots := 0
	var all []string
	for _, s := range n.Suppliers {
		if s.Role != enduse.RoleWinner || s.Name == "" {
			continue
		}
		if !contains(winners[s.Lot], s.Name) {
			if len(winners[s.Lot]) == 0 {
				lots++
			}
			winners[s.Lot] = append(winners[s.Lot], s.Name)
		}
		if !contains(all, s.Name) {
			all = append(all, s.Name)
		}
	}
	if lots > 1 || len(n.Lots) > 1 {
		heads := lotHeads(text)
		for i := range n.Items {
			it := &n.Items[i]
			if it.Lot != "" || it.Evidence == nil {
				continue
			}
			for _, h := range heads {
				if h.at > it.Evidence.Start {
					break
				}
				it.Lot = h.lot
			}
		}
	}
	for i := range n.Items {
		it := &n.Items[i]
		if it.Supplier != "" {
			continue
		}
		if w := winners[it.Lot]; it.Lot != "" && len(w) == 1 {
			it.Supplier = w[0]
		} else if len(all) == 1 {
			it.Supplier = all[0]
		}
	}
}

// brandFirst moves a brand word written at the start of a model cell
// ("Seagate ST2000DM008") into the item's brand when the knowledge base
// knows the word as a brand (not a product line: "ThinkSystem SR650" stays
// whole). The item reader cannot tell the two apart without the KB.
func (p *Pipeline) brandFirst(it *enduse.Item) {
	if it.Brand != "" {
		return
	}
	word, rest, ok := strings.Cut(strings.TrimSpace(it.Model), " ")
	rest = strings.TrimSpace(rest)
	if !ok || rest == "" {
		return
	}
	for _, a := range p.KB.LookupAlias(word) {
		if a.Brand != "" && a.ProductLine == "" {
			it.Brand, it.Model = word, rest
			return
		}
	}
}

// lotHead is a line of text announcing a lot, at rune offset at.
type lotHead struct {
	at  int
	lot string
}

// lotHeads lists the lot headings of text in order.
func lotHeads(text string) []lotHead {
	var out []lotHead
	pos := 0
	for _, line := range strings.Split(text, "\n") {
		if l := notice.LotOf(line); l != "" {
			out = append(out, lotHead{at: pos, lot: l})
		}
		pos += len([]rune(line)) + 1
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
