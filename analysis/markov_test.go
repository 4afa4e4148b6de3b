package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/campaignretro/retro/loader"
)

// markovCreditDense is the dense solve markovCredit replaced, kept as its
// oracle. It splits value by first-order Markov removal effects over
// campaigns. Converting paths are the journeys' campaign sequences,
// non-converting paths the other leads' touches in P; consecutive repeats
// collapse. With Q the transition matrix among campaigns, r the one-step
// conversion probabilities and s the start distribution, conversion from
// each campaign is x = (I - Q)^-1 r and P(conv) = s.x. Redirecting c to
// null removes exactly the converting paths that visit c, so
// P(conv without c) = P(conv) - h_c x_c, where h_c, the probability of ever
// visiting c, is (s N)_c / N_cc with N = (I - Q)^-1. The matrix is solved
// exactly (Gauss-Jordan); only the campaigns on some path enter it.
func markovCreditDense(journeys []journey, nonConverting [][]loader.ID, campaigns int, value float64) []float64 {
	credit := make([]float64, campaigns)
	if len(journeys) == 0 || value == 0 {
		return credit
	}
	// Dense state numbering for the campaigns seen on any path, in order of
	// first sight (deterministic: journeys, then leads, in order).
	state := make([]int, campaigns)
	for i := range state {
		state[i] = -1
	}
	var ids []loader.ID
	var buf []loader.ID
	var path []int
	// paths calls f with each path's collapsed states.
	paths := func(f func(p []int, converted bool)) {
		emit := func(cs []loader.ID, converted bool) {
			path = path[:0]
			for _, c := range cs {
				if state[c] < 0 {
					state[c] = len(ids)
					ids = append(ids, c)
				}
				if st := state[c]; len(path) == 0 || path[len(path)-1] != st {
					path = append(path, st)
				}
			}
			f(path, converted)
		}
		for _, j := range journeys {
			buf = buf[:0]
			for _, jt := range j.touches {
				buf = append(buf, jt.Campaign)
			}
			emit(buf, true)
		}
		for _, p := range nonConverting {
			emit(p, false)
		}
	}
	paths(func([]int, bool) {}) // number the states
	n := len(ids)
	// Transition counts: rows 0..n-1 campaigns, row n start; columns 0..n-1
	// campaigns, n conversion, n+1 null.
	width := n + 2
	counts := make([]float64, (n+1)*width)
	paths(func(p []int, converted bool) {
		prev := n
		for _, c := range p {
			counts[prev*width+c]++
			prev = c
		}
		end := n
		if !converted {
			end = n + 1
		}
		counts[prev*width+end]++
	})
	// A = I - Q (n x n), r = P(c -> conv), st = P(start -> c).
	a := make([]float64, n*n)
	r := make([]float64, n)
	st := make([]float64, n)
	for from := 0; from <= n; from++ {
		row := counts[from*width : (from+1)*width]
		total := 0.0
		for _, c := range row {
			total += c
		}
		if total == 0 {
			continue
		}
		if from == n {
			for to := range n {
				st[to] = row[to] / total
			}
			continue
		}
		for to := range n {
			a[from*n+to] = -row[to] / total
		}
		a[from*n+from]++
		r[from] = row[n] / total
	}
	inv, ok := invertGaussJordan(a, n)
	if !ok {
		return credit
	}
	x := make([]float64, n) // x = N r
	v := make([]float64, n) // v = s N
	for i := range n {
		for k := range n {
			x[i] += inv[i*n+k] * r[k]
			v[i] += st[k] * inv[k*n+i]
		}
	}
	pconv := 0.0
	for i := range n {
		pconv += st[i] * x[i]
	}
	if pconv <= 0 {
		return credit
	}
	effects := make([]float64, n)
	sum := 0.0
	for c := range n {
		if inv[c*n+c] == 0 {
			continue
		}
		h := v[c] / inv[c*n+c]
		effects[c] = math.Max(0, h*x[c]/pconv)
		sum += effects[c]
	}
	if sum == 0 {
		return credit
	}
	for c, e := range effects {
		credit[ids[c]] = e / sum * value
	}
	return credit
}

// invertGaussJordan is the oracle's own inverse (the solver's invert before
// it worked in place): Gauss-Jordan elimination with partial pivoting on a
// and an identity beside it; ok is false for a singular matrix.
func invertGaussJordan(a []float64, n int) ([]float64, bool) {
	m := slices.Clone(a)
	inv := make([]float64, n*n)
	for i := range n {
		inv[i*n+i] = 1
	}
	for col := range n {
		pivot := col
		for row := col + 1; row < n; row++ {
			if math.Abs(m[row*n+col]) > math.Abs(m[pivot*n+col]) {
				pivot = row
			}
		}
		if math.Abs(m[pivot*n+col]) < 1e-300 {
			return nil, false
		}
		if pivot != col {
			for k := range n {
				m[col*n+k], m[pivot*n+k] = m[pivot*n+k], m[col*n+k]
				inv[col*n+k], inv[pivot*n+k] = inv[pivot*n+k], inv[col*n+k]
			}
		}
		d := m[col*n+col]
		for k := range n {
			m[col*n+k] /= d
			inv[col*n+k] /= d
		}
		for row := range n {
			if row == col {
				continue
			}
			f := m[row*n+col]
			if f == 0 {
				continue
			}
			for k := range n {
				m[row*n+k] -= f * m[col*n+k]
				inv[row*n+k] -= f * inv[col*n+k]
			}
		}
	}
	return inv, true
}

// randomPaths draws n paths from path, each a converting journey with
// probability converting, else a non-converting path.
func randomPaths(rng *rand.Rand, n int, converting float64, path func() []loader.ID) ([]journey, [][]loader.ID) {
	var journeys []journey
	var non [][]loader.ID
	for range n {
		if rng.Float64() < converting {
			var j journey
			for _, c := range path() {
				j.touches = append(j.touches, journeyTouch{Campaign: c})
			}
			journeys = append(journeys, j)
		} else {
			non = append(non, path())
		}
	}
	return journeys, non
}

// TestMarkovMatchesDense pins the sparse solve against the dense one on
// random chains of up to 300 campaigns: short and long paths, few and many
// campaigns (so both acyclic stretches and large cycles), with the method
// for each component chosen by cost and with every component of more than
// one state forced through each method (dense inverse, cycle separator,
// Gauss-Seidel sweeps).
func TestMarkovMatchesDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	for _, method := range []int{methodAuto, methodDense, methodSeparator, methodSweeps} {
		blockMethod = method
		for iter := range 20 {
			campaigns := 1 + rng.IntN(300)
			maxLen := 1 + rng.IntN(12)
			paths := 1 + rng.IntN(3000)
			// Campaigns mostly follow a forward order (as dated campaigns
			// do), sometimes jump anywhere: cycles of every size.
			path := func() []loader.ID {
				p := make([]loader.ID, 1+rng.IntN(maxLen))
				c := rng.IntN(campaigns)
				for i := range p {
					if rng.Float64() < 0.2 {
						c = rng.IntN(campaigns)
					} else {
						c = min(campaigns-1, c+rng.IntN(4))
					}
					p[i] = loader.ID(c)
				}
				return p
			}
			journeys, non := randomPaths(rng, paths, 0.3, path)
			want := markovCreditDense(journeys, non, campaigns, 1e6)
			got := markovCredit(journeys, non, campaigns, 1e6)
			for c := range want {
				if d := math.Abs(got[c] - want[c]); d > 1e-9*math.Abs(want[c]) && d > 1e-12 {
					t.Fatalf("method %d, chain %d (%d campaigns, %d paths): campaign %d credit %.15g, dense %.15g (relative %.2g)",
						method, iter, campaigns, paths, c, got[c], want[c], d/math.Abs(want[c]))
				}
			}
		}
	}
	blockMethod = methodAuto
}

// TestInvert checks the in-place inverse against the oracle's on random
// diagonally dominant and general matrices, with and without the rows
// shared among cores, and that a singular matrix is refused.
func TestInvert(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	for _, n := range []int{1, 2, 3, 7, 64, 300} {
		a := make([]float64, n*n)
		for i := range a {
			a[i] = rng.NormFloat64()
		}
		want, ok1 := invertGaussJordan(a, n)
		got, ok2 := invert(a, n)
		if !ok1 || !ok2 {
			t.Fatalf("n=%d: singular? oracle %v, invert %v", n, ok1, ok2)
		}
		for i := range want {
			if d := math.Abs(got[i] - want[i]); d > 1e-9*math.Max(1, math.Abs(want[i])) {
				t.Fatalf("n=%d: entry %d: %g, oracle %g", n, i, got[i], want[i])
			}
		}
		// a x inverse = I
		for i := range n {
			for j := range n {
				s := 0.0
				for k := range n {
					s += a[i*n+k] * got[k*n+j]
				}
				if want := float64(b2i(i == j)); math.Abs(s-want) > 1e-8 {
					t.Fatalf("n=%d: (a inv)[%d][%d] = %g", n, i, j, s)
				}
			}
		}
	}
	if _, ok := invert([]float64{1, 2, 2, 4}, 2); ok {
		t.Fatal("singular matrix inverted")
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestMarkovSeparatorAtScale pins the cycle separator against the dense
// inverse on one chain shaped like a real catalogue, large enough for the
// separator to be chosen by cost: 1,200 dated campaigns that paths take
// mostly forward in time (a few steps back), a dozen always-on ones that
// paths come back to, so one component holds most of them (about 550 of
// them end up in the separator).
func TestMarkovSeparatorAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("dense inverse of about 1,200 states")
	}
	rng := rand.New(rand.NewPCG(21, 34))
	const dated, alwaysOn = 1200, 12
	path := func() []loader.ID {
		p := make([]loader.ID, 1+rng.IntN(10))
		c := rng.IntN(dated)
		for i := range p {
			switch r := rng.Float64(); {
			case r < 0.25:
				p[i] = loader.ID(dated + rng.IntN(alwaysOn))
				continue
			case r < 0.27:
				c = max(0, c-rng.IntN(3))
			default:
				c = min(dated-1, c+rng.IntN(30))
			}
			p[i] = loader.ID(c)
		}
		return p
	}
	journeys, non := randomPaths(rng, 40_000, 0.1, path)
	ch := newMarkovChain(journeys, non, dated+alwaysOn)
	comps := ch.components()
	biggest := 0
	for _, c := range comps {
		biggest = max(biggest, len(c))
	}
	if biggest < dated/2 {
		t.Fatalf("largest component %d states: the chain does not test a large component", biggest)
	}
	blockMethod = methodSeparator
	got := markovCredit(journeys, non, dated+alwaysOn, 1e6)
	blockMethod = methodDense
	want := markovCredit(journeys, non, dated+alwaysOn, 1e6)
	blockMethod = methodAuto
	for c := range want {
		if d := math.Abs(got[c] - want[c]); d > 1e-9*math.Abs(want[c]) && d > 1e-12 {
			t.Fatalf("campaign %d: separator %.15g, dense %.15g", c, got[c], want[c])
		}
	}
}

// TestInvertMMatrix checks the inverse by blocks against the oracle's
// Gauss-Jordan on random M-matrices (I minus a sub-stochastic matrix) of
// sizes below, at and well above the size where it splits, odd and even.
func TestInvertMMatrix(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{1, 5, 192, 193, 400, 777} {
		a := make([]float64, n*n)
		for i := range n {
			row := a[i*n : (i+1)*n]
			total := 0.0
			for j := range row {
				if rng.Float64() < 0.3 {
					row[j] = rng.Float64()
					total += row[j]
				}
			}
			leave := 0.05 + 0.5*rng.Float64() // the chance to leave from i
			for j := range row {
				row[j] *= -(1 - leave) / max(total, 1e-300)
			}
			row[i]++
		}
		want, ok1 := invertGaussJordan(a, n)
		got, ok2 := invertMMatrix(matrix{n, n, n, a})
		if !ok1 || !ok2 {
			t.Fatalf("n=%d: singular? oracle %v, by blocks %v", n, ok1, ok2)
		}
		for i := range want {
			if d := math.Abs(got.v[i] - want[i]); d > 1e-10*math.Max(1, math.Abs(want[i])) {
				t.Fatalf("n=%d: entry (%d, %d): %.15g, oracle %.15g", n, i/n, i%n, got.v[i], want[i])
			}
		}
	}
}
