package counting

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// sumTerms are float64s across the range: amounts, fractions, subnormals,
// the largest finite values and negatives, where float64 addition in
// different orders gives different results.
func sumTerms(r *rand.Rand, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		switch r.IntN(6) {
		case 0:
			out[i] = math.Round(r.Float64()*1e8) / 100 // yuan with fen
		case 1:
			out[i] = r.Float64() * 1e-3
		case 2:
			out[i] = math.Float64frombits(uint64(r.IntN(1 << 20))) // subnormal
		case 3:
			out[i] = math.MaxFloat64 / float64(1+r.IntN(1<<20))
		case 4:
			out[i] = -r.Float64() * 1e12
		default:
			out[i] = math.Ldexp(r.Float64(), r.IntN(2000)-1000)
		}
	}
	return out
}

// exactRef is the exactly rounded sum of xs computed with big.Float at a
// precision wide enough for any float64 sum of a few thousand terms.
func exactRef(xs []float64) float64 {
	acc := new(big.Float).SetPrec(4096)
	for _, x := range xs {
		acc.Add(acc, new(big.Float).SetFloat64(x))
	}
	v, _ := acc.Float64()
	return v
}

func TestSumExactAndOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		xs := sumTerms(r, 1+r.IntN(300))
		var s Sum
		for _, x := range xs {
			s.Add(x)
		}
		want := exactRef(xs)
		if got := s.Float64(); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("trial %d: sum %v, exact %v", trial, got, want)
		}
		r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		var p Sum
		for _, x := range xs {
			p.Add(x)
		}
		if p != s {
			t.Fatalf("trial %d: sums differ with the terms reordered", trial)
		}
		// Maintenance by differences: remove half the terms again.
		var half Sum
		for i, x := range xs {
			if i%2 == 0 {
				p.Sub(x)
			} else {
				half.Add(x)
			}
		}
		if p != half {
			t.Fatalf("trial %d: sum less half its terms is not the other half's sum", trial)
		}
		var both Sum
		both.AddSum(&half)
		both.AddSum(&half)
		for i, x := range xs {
			if i%2 == 1 {
				both.Sub(x)
			}
		}
		if both != half {
			t.Fatalf("trial %d: AddSum disagrees with Add", trial)
		}
	}
}

func TestSumText(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cases := [][]float64{nil, {-1}, {math.SmallestNonzeroFloat64}, {-math.MaxFloat64, -math.MaxFloat64}, {math.Inf(1)}, {math.NaN()}}
	for range 50 {
		cases = append(cases, sumTerms(r, 1+r.IntN(50)))
	}
	for i, xs := range cases {
		var s Sum
		for _, x := range xs {
			s.Add(x)
		}
		text, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Sum
		if err := back.UnmarshalText(text); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if math.Float64bits(back.Float64()) != math.Float64bits(s.Float64()) || (!math.IsNaN(s.special) && back != s) {
			t.Fatalf("case %d: %s read back as %v, want %v", i, text, back.Float64(), s.Float64())
		}
	}
	var bad Sum
	if err := bad.UnmarshalText([]byte("zz")); err == nil {
		t.Fatal("garbage read as a sum")
	}
}

// BenchmarkSumAdd is the cost of one exact addition, the per-purchase,
// per-figure step of folding an answer.
func BenchmarkSumAdd(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = math.Round(r.Float64()*1e10) / 100 // amounts in yuan
	}
	var s Sum
	b.ResetTimer()
	for i := range b.N {
		s.Add(xs[i&1023])
	}
	_ = s.Float64()
}
