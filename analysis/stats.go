package analysis

import "math"

const z95 = 1.96

// ratio returns x/n, or nil when n is 0.
func ratio(x, n int) *float64 {
	if n == 0 {
		return nil
	}
	r := float64(x) / float64(n)
	return &r
}

// wilson returns the 95% Wilson score interval of x/n, or nil when n is 0.
// lo is exactly 0 when x is 0 and hi exactly 1 when x is n.
func wilson(x, n int) *Interval {
	if n == 0 {
		return nil
	}
	p, fn := float64(x)/float64(n), float64(n)
	bound := func(sign float64) float64 {
		return (p + z95*z95/(2*fn) + sign*z95*math.Sqrt(p*(1-p)/fn+z95*z95/(4*fn*fn))) / (1 + z95*z95/fn)
	}
	iv := Interval{0, 1}
	if x != 0 {
		iv[0] = bound(-1)
	}
	if x != n {
		iv[1] = bound(1)
	}
	return &iv
}

// moneyPtr returns a pointer to m.
func moneyPtr(m float64) *Money { v := Money(m); return &v }

// intPtr returns a pointer to n.
func intPtr(n int) *int { return &n }

// div returns a/b, or nil when b is 0.
func div(a, b float64) *float64 {
	if b == 0 {
		return nil
	}
	r := a / b
	return &r
}

// perUnit returns cost/count as Money, or nil when count is 0.
func perUnit(cost float64, count int) *Money {
	if count == 0 {
		return nil
	}
	return moneyPtr(cost / float64(count))
}

// intOr0 is *n, or 0 when n is nil.
func intOr0(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}
