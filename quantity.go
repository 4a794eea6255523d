package enduse

import "math"

// CountedQuantity reports a summed item quantity (Figure.Quantity, a row's
// Quantity) as a count: the whole number and true when the sum is one,
// 0 and false when it is not. A fractional sum (141879.93) adds up
// quantities stated in units that are not counted — metres, tonnes,
// square metres — and must not be shown as a number of items.
func CountedQuantity(q float64) (int64, bool) {
	if q <= 0 || math.IsNaN(q) || math.IsInf(q, 0) || q >= 1e15 || q != math.Trunc(q) {
		return 0, false
	}
	return int64(q), true
}

// QuantityUnknown is what an item row shows where the notice states no
// quantity.
const QuantityUnknown = "quantity unknown"
