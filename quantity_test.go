package enduse

import (
	"math"
	"testing"
)

func TestCountedQuantity(t *testing.T) {
	tests := []struct {
		q    float64
		n    int64
		want bool
	}{
		{12, 12, true},
		{1, 1, true},
		{141879.93, 0, false}, // metres and tonnes summed with sets: not a count
		{0.5, 0, false},
		{0, 0, false}, // no quantity stated
		{-3, 0, false},
		{math.NaN(), 0, false},
		{math.Inf(1), 0, false},
		{1e16, 0, false},
	}
	for _, tt := range tests {
		n, ok := CountedQuantity(tt.q)
		if n != tt.n || ok != tt.want {
			t.Errorf("CountedQuantity(%v) = %d, %v; want %d, %v", tt.q, n, ok, tt.n, tt.want)
		}
	}
}
