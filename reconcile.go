package enduse

// ReconcileStatus is the outcome of comparing a notice's item totals with
// the amount it states.
type ReconcileStatus string

// Reconciliation outcomes.
const (
	// Reconciles: the priced items add up to the stated amount.
	Reconciles ReconcileStatus = "reconciles"
	// Differs: every item is priced but the sum is not the stated amount.
	Differs ReconcileStatus = "differs"
	// CannotTell: no items, an item without a price, or no amount stated.
	CannotTell ReconcileStatus = "cannot_tell"
)

// Reconciliation compares the sum of a notice's item totals (each item's
// total, else quantity × unit price) with its award or contract amount — a
// label-free check of item accuracy: items read wrong rarely add up.
type Reconciliation struct {
	Status     ReconcileStatus `json:"status"`
	ItemsTotal float64         `json:"items_total,omitempty"` // yuan, summed over priced items
	Amount     float64         `json:"amount,omitempty"`      // the award or contract amount, yuan
	Difference float64         `json:"difference,omitempty"`  // ItemsTotal − Amount, when Differs
	Priced     int             `json:"priced"`                // items with a total or quantity × unit price
	Items      int             `json:"items"`
	Why        string          `json:"why,omitempty"` // for CannotTell: what is missing
}
