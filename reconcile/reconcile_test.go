package reconcile

import (
	"testing"

	"github.com/enduse/enduse"
)

func TestNotice(t *testing.T) {
	cases := []struct {
		name   string
		n      *enduse.Notice
		status enduse.ReconcileStatus
		diff   float64
		why    string
	}{
		{"totals add up", &enduse.Notice{AwardAmount: 40100, Items: []enduse.Item{
			{Quantity: 20, UnitPrice: 1250}, {Quantity: 10, UnitPrice: 580}, {Quantity: 1, UnitPrice: 9300}}}, enduse.Reconciles, 0, ""},
		{"row totals win over quantity × price", &enduse.Notice{AwardAmount: 63200, Items: []enduse.Item{
			{Quantity: 40, UnitPrice: 1500, Total: 63200}}}, enduse.Reconciles, 0, ""},
		{"within rounding of a 万元 amount", &enduse.Notice{AwardAmount: 30480, Items: []enduse.Item{
			{Quantity: 6, UnitPrice: 4800}, {Quantity: 4, UnitPrice: 420.2}}}, enduse.Reconciles, 0, ""},
		{"a priced service line counts once", &enduse.Notice{AwardAmount: 25560, Items: []enduse.Item{
			{Quantity: 38, UnitPrice: 420}, {UnitPrice: 9600}}}, enduse.Reconciles, 0, ""},
		{"differs by the missing item", &enduse.Notice{AwardAmount: 50000, Items: []enduse.Item{
			{Quantity: 20, UnitPrice: 1250}}}, enduse.Differs, -25000, ""},
		{"an unpriced item: cannot tell", &enduse.Notice{AwardAmount: 50000, Items: []enduse.Item{
			{Quantity: 20, UnitPrice: 1250}, {Quantity: 2}}}, enduse.CannotTell, 0, "1 of 2 items without a price"},
		{"no amount", &enduse.Notice{Items: []enduse.Item{{Quantity: 2, UnitPrice: 5}}}, enduse.CannotTell, 0, "no award or contract amount"},
		{"no items", &enduse.Notice{AwardAmount: 5}, enduse.CannotTell, 0, "no items"},
		{"nil", nil, enduse.CannotTell, 0, "no notice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Notice(c.n)
			if r.Status != c.status || r.Difference != c.diff || r.Why != c.why {
				t.Errorf("Notice = %+v; want %s, difference %v, why %q", r, c.status, c.diff, c.why)
			}
		})
	}
}
