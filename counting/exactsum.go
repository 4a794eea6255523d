package counting

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

// sumLimbs is the width of a Sum in 64-bit limbs. Every finite float64 is
// an integer multiple of 2^-1074 below 2^1024, so scaled by 2^1074 it is
// an integer below 2^2098 (33 limbs); two more limbs hold the sign and
// room for 2^141 such terms before the sum could overflow.
const sumLimbs = 35

// sumScale is the binary exponent a Sum's integer is scaled by: the
// smallest float64 step, 2^-1074.
const sumScale = -1074

// Sum is an exact sum of float64s: the terms scaled by 2^1074 to integers
// and added in a fixed-width two's-complement integer, so no term is ever
// rounded and the sum does not depend on the order of the terms. A figure
// maintained by differences (add a purchase's new contribution, subtract
// its old one) therefore equals the figure computed afresh, to the bit;
// Float64 rounds once, to nearest. Non-finite terms (none is expected:
// amounts and quantities are parsed numbers) are kept apart, added as
// float64s, which is order-independent for infinities and NaN; they
// cannot be subtracted back out. The zero Sum is 0.
type Sum struct {
	limbs   [sumLimbs]uint64 // little-endian two's complement
	special float64          // the sum of non-finite terms, 0 if none
}

// Add adds x exactly.
func (s *Sum) Add(x float64) { s.add(x, false) }

// Sub subtracts x exactly: Add then Sub of the same finite x leaves s as
// it was.
func (s *Sum) Sub(x float64) { s.add(x, true) }

// AddSum adds t exactly.
func (s *Sum) AddSum(t *Sum) {
	var carry uint64
	for i := range s.limbs {
		s.limbs[i], carry = bits.Add64(s.limbs[i], t.limbs[i], carry)
	}
	if t.special != 0 {
		s.special += t.special
	}
}

func (s *Sum) add(x float64, negate bool) {
	if x == 0 {
		return
	}
	if math.IsInf(x, 0) || math.IsNaN(x) {
		if negate {
			x = -x
		}
		s.special += x
		return
	}
	b := math.Float64bits(x)
	neg := (b>>63 != 0) != negate
	exp := b >> 52 & 0x7ff
	mant := b & (1<<52 - 1)
	shift := uint(0) // x·2^1074 = mant·2^shift
	if exp != 0 {
		mant |= 1 << 52
		shift = uint(exp - 1)
	}
	i, off := shift/64, shift%64
	lo, hi := mant<<off, uint64(0)
	if off != 0 {
		hi = mant >> (64 - off)
	}
	var c uint64
	if neg {
		s.limbs[i], c = bits.Sub64(s.limbs[i], lo, 0)
		s.limbs[i+1], c = bits.Sub64(s.limbs[i+1], hi, c)
		for j := i + 2; c != 0 && j < sumLimbs; j++ {
			s.limbs[j], c = bits.Sub64(s.limbs[j], 0, c)
		}
		return
	}
	s.limbs[i], c = bits.Add64(s.limbs[i], lo, 0)
	s.limbs[i+1], c = bits.Add64(s.limbs[i+1], hi, c)
	for j := i + 2; c != 0 && j < sumLimbs; j++ {
		s.limbs[j], c = bits.Add64(s.limbs[j], 0, c)
	}
}

// IsZero reports whether the sum is exactly 0 (with no non-finite term).
func (s *Sum) IsZero() bool {
	return s.limbs == [sumLimbs]uint64{} && s.special == 0
}

// int is the sum's scaled integer.
func (s *Sum) int() *big.Int {
	l := s.limbs
	neg := l[sumLimbs-1]>>63 != 0
	if neg { // magnitude of a two's-complement number: invert and add one
		c := uint64(1)
		for i := range l {
			l[i], c = bits.Add64(^l[i], 0, c)
		}
	}
	buf := make([]byte, 8*sumLimbs)
	for i, w := range l {
		binary.BigEndian.PutUint64(buf[8*(sumLimbs-1-i):], w)
	}
	n := new(big.Int).SetBytes(buf)
	if neg {
		n.Neg(n)
	}
	return n
}

// Float64 is the sum rounded once to the nearest float64 (ties to even),
// ±Inf beyond the float64 range.
func (s *Sum) Float64() float64 {
	if s.special != 0 {
		return s.special
	}
	n := s.int()
	if n.Sign() == 0 {
		return 0
	}
	f := new(big.Float).SetInt(n) // exact: SetInt widens the precision to fit
	f.SetMantExp(f, sumScale)
	v, _ := f.Float64()
	return v
}

// MarshalText writes the sum exactly: the scaled integer in hexadecimal
// (what a summary table keeps as TEXT), or a non-finite term sum as
// "+Inf", "-Inf" or "NaN".
func (s Sum) MarshalText() ([]byte, error) {
	if s.special != 0 {
		return []byte(strconv.FormatFloat(s.special, 'g', -1, 64)), nil
	}
	return []byte(s.int().Text(16)), nil
}

// UnmarshalText reads what MarshalText wrote.
func (s *Sum) UnmarshalText(text []byte) error {
	*s = Sum{}
	switch string(text) {
	case "+Inf", "-Inf", "NaN":
		v, err := strconv.ParseFloat(string(text), 64)
		if err != nil {
			return fmt.Errorf("exact sum %q: %w", text, err)
		}
		s.special = v
		return nil
	}
	n, ok := new(big.Int).SetString(string(text), 16)
	if !ok {
		return fmt.Errorf("exact sum %q: not a hexadecimal integer", text)
	}
	neg := n.Sign() < 0
	mag := new(big.Int).Abs(n)
	if mag.BitLen() >= 64*sumLimbs {
		return fmt.Errorf("exact sum %q: beyond %d bits", text, 64*sumLimbs-1)
	}
	buf := mag.FillBytes(make([]byte, 8*sumLimbs))
	for i := range s.limbs {
		s.limbs[i] = binary.BigEndian.Uint64(buf[8*(sumLimbs-1-i):])
	}
	if neg {
		c := uint64(1)
		for i := range s.limbs {
			s.limbs[i], c = bits.Add64(^s.limbs[i], 0, c)
		}
	}
	return nil
}
