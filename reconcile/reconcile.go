// Package reconcile checks a notice's line items against the amount it
// states: where every item carries a price and the notice states an award
// or contract amount, the item totals should add up to it. The share of
// notices that reconcile is a measure of item accuracy on a corpus nobody
// has labelled.
package reconcile

import (
	"fmt"
	"math"

	"github.com/enduse/enduse"
)

// Tolerance is how far the item sum may be from the amount and still
// reconcile: rounding of unit prices and of 万元 amounts stated to four
// decimals (one yuan), or half a percent of the amount, whichever is more.
func Tolerance(amount float64) float64 {
	return math.Max(1, 0.005*amount)
}

// Notice reconciles n's items with its award amount.
func Notice(n *enduse.Notice) enduse.Reconciliation {
	r := enduse.Reconciliation{Status: enduse.CannotTell}
	if n == nil {
		r.Why = "no notice"
		return r
	}
	r.Items = len(n.Items)
	r.Amount = n.AwardAmount
	for _, it := range n.Items {
		switch {
		case it.Total > 0:
			r.ItemsTotal += it.Total
			r.Priced++
		case it.Quantity > 0 && it.UnitPrice > 0:
			r.ItemsTotal += it.Quantity * it.UnitPrice
			r.Priced++
		case it.UnitPrice > 0:
			// a priced line with no quantity (服务 1 项 written as a price only)
			r.ItemsTotal += it.UnitPrice
			r.Priced++
		}
	}
	r.ItemsTotal = math.Round(r.ItemsTotal*100) / 100
	switch {
	case r.Items == 0:
		r.Why = "no items"
	case r.Amount <= 0:
		r.Why = "no award or contract amount"
	case r.Priced < r.Items:
		r.Why = fmt.Sprintf("%d of %d items without a price", r.Items-r.Priced, r.Items)
	case math.Abs(r.ItemsTotal-r.Amount) <= Tolerance(r.Amount):
		r.Status = enduse.Reconciles
	default:
		r.Status = enduse.Differs
		r.Difference = math.Round((r.ItemsTotal-r.Amount)*100) / 100
	}
	return r
}
