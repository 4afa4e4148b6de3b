package analysis

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/campaignretro/retro/internal/group"
	"github.com/campaignretro/retro/loader"
)

// markovCredit splits value by first-order Markov removal effects over
// campaigns (SPEC section 6). Converting paths are the journeys' campaign
// sequences, non-converting paths the other leads' touches in P;
// consecutive repeats collapse. The result is indexed by campaign ID.
//
// With Q the transition matrix among campaigns and N = (I - Q)^-1,
// conversion from campaign c is x_c = (N r)_c, r the one-step conversion
// probabilities. Redirecting c to null removes exactly the converting paths
// that visit c, so P(conv) - P(conv without c) = h_c x_c, where h_c, the
// probability of ever visiting c, is v_c / N_cc with v_c the expected
// visits to c. Because the chain is estimated from the paths' own counts,
// v_c = V_c / paths and P(conv) = converting / paths exactly (V_c the
// visits of c over all paths: the counts satisfy v = s + vQ). So
// removal_effect(c) = V_c x_c / (N_cc x converting), and what remains to
// solve is x and the diagonal of N (see markovChain.solve).
func markovCredit(journeys []journey, nonConverting [][]loader.ID, campaigns int, value float64) []float64 {
	credit := make([]float64, campaigns)
	if len(journeys) == 0 || value == 0 {
		return credit
	}
	ch := newMarkovChain(journeys, nonConverting, campaigns)
	x, diag := ch.solve()
	effects := make([]float64, len(ch.ids))
	sum := 0.0
	for c := range effects {
		effects[c] = math.Max(0, ch.visits[c]*x[c]/(diag[c]*ch.converting))
		sum += effects[c]
	}
	if sum == 0 || math.IsNaN(sum) {
		return credit
	}
	for c, e := range effects {
		credit[ch.ids[c]] = e / sum * value
	}
	return credit
}

// markovChain is the chain of SPEC section 6 over the campaigns on some
// path (its states, numbered in order of first sight), stored sparse.
type markovChain struct {
	ids        []loader.ID // campaign of each state
	visits     []float64   // V_c: visits of state c over all paths
	conv       []float64   // transitions c -> conversion
	converting float64     // converting paths
	// Transitions between states, grouped by origin: c -> next[k] with
	// probability prob[k] for k in rowStart[c]:rowStart[c+1].
	rowStart []int32
	next     []int32
	prob     []float64
}

func newMarkovChain(journeys []journey, nonConverting [][]loader.ID, campaigns int) *markovChain {
	ch := &markovChain{}
	state := make([]int32, campaigns)
	for i := range state {
		state[i] = -1
	}
	var buf []loader.ID
	var path []int32
	// paths calls f with each path's collapsed states, numbering new ones.
	paths := func(f func(p []int32, converted bool)) {
		emit := func(cs []loader.ID, converted bool) {
			path = path[:0]
			for _, c := range cs {
				if state[c] < 0 {
					state[c] = int32(len(ch.ids))
					ch.ids = append(ch.ids, c)
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
	paths(func([]int32, bool) {}) // number the states
	n := len(ch.ids)
	ch.visits, ch.conv = make([]float64, n), make([]float64, n)
	paths(func(p []int32, converted bool) {
		for _, c := range p {
			ch.visits[c]++
		}
		if converted && len(p) > 0 {
			ch.conv[p[len(p)-1]]++
			ch.converting++
		}
	})
	start, to := group.By(n, nil, func(emit func(int32, int32)) {
		paths(func(p []int32, _ bool) {
			for i := 1; i < len(p); i++ {
				emit(p[i-1], p[i])
			}
		})
	})
	// Merge repeated transitions in place: at[b] is b's slot in the row
	// being merged (slots of earlier rows are below its first).
	at := make([]int32, n)
	for i := range at {
		at[i] = -1
	}
	ch.rowStart = make([]int32, n+1)
	ch.prob = make([]float64, len(to))
	w := int32(0)
	for c := range n {
		first := w
		for _, b := range to[start[c]:start[c+1]] {
			if at[b] >= first {
				ch.prob[at[b]]++
				continue
			}
			at[b] = w
			to[w], ch.prob[w] = b, 1
			w++
		}
		ch.rowStart[c+1] = w
		for k := first; k < w; k++ {
			ch.prob[k] /= ch.visits[c]
		}
	}
	ch.next, ch.prob = to[:w:w], ch.prob[:w:w]
	return ch
}

// solve returns x (the probability of converting from each state) and
// the diagonal of N = (I - Q)^-1, exactly: block by block over the
// strongly connected components of the transition graph, taken so that
// every component's successors are solved first. A path that returns to c
// stays inside c's component, so N_cc is the diagonal of the component's
// own (I - Q_SS)^-1: 1 for a component of one state (a campaign on no
// cycle); for a larger one the cheapest of a dense inverse, a cycle
// separator (cubic only in the states that the cycles need) and
// Gauss-Seidel sweeps with a proven error bound (sparseBlock.solve).
// Nothing is cubic in the number of campaigns, only in the size of the
// part of a component that no time order explains.
func (ch *markovChain) solve() (x, diag []float64) {
	n := len(ch.ids)
	x, diag = make([]float64, n), make([]float64, n)
	local := make([]int32, n) // position of a state in its component
	done := make([]bool, n)
	for _, comp := range ch.components() {
		for i, c := range comp {
			local[c] = int32(i)
		}
		if len(comp) == 1 {
			c := comp[0]
			sum := ch.conv[c] / ch.visits[c]
			for k := ch.rowStart[c]; k < ch.rowStart[c+1]; k++ {
				sum += ch.prob[k] * x[ch.next[k]]
			}
			x[c], diag[c], done[c] = sum, 1, true
			continue
		}
		// B = Q within the component; rhs = one-step conversion plus the
		// conversion through states already solved.
		m := len(comp)
		b := sparseBlock{m: m, start: make([]int32, m+1)}
		rhs := make([]float64, m)
		for i, c := range comp {
			rhs[i] = ch.conv[c] / ch.visits[c]
			for k := ch.rowStart[c]; k < ch.rowStart[c+1]; k++ {
				if d := ch.next[k]; done[d] {
					rhs[i] += ch.prob[k] * x[d]
				} else {
					b.col = append(b.col, local[d])
					b.val = append(b.val, ch.prob[k])
				}
			}
			b.start[i+1] = int32(len(b.col))
		}
		xs, ds := b.solve(rhs)
		for i, c := range comp {
			x[c], diag[c] = xs[i], ds[i]
		}
		for _, c := range comp {
			done[c] = true
		}
	}
	return x, diag
}

// components returns the strongly connected components of the transition
// graph, each after every component it leads to.
func (ch *markovChain) components() [][]int32 {
	return stronglyConnected(len(ch.ids), ch.rowStart, ch.next, nil)
}

// stronglyConnected returns the strongly connected components of the graph
// with edges v -> next[k], k in start[v]:start[v+1] (Tarjan's algorithm,
// iterative), leaving out the vertices with skip[v] (skip may be nil).
// Each component is sorted and comes after every component it leads to.
func stronglyConnected(n int, start, next []int32, skip []bool) [][]int32 {
	index, low := make([]int32, n), make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var comps [][]int32
	var stack []int32
	type frame struct{ v, k int32 }
	var call []frame
	counter := int32(0)
	for root := range int32(n) {
		if index[root] >= 0 || skip != nil && skip[root] {
			continue
		}
		call = append(call[:0], frame{root, start[root]})
		index[root], low[root] = counter, counter
		counter++
		stack = append(stack, root)
		onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if f.k < start[v+1] {
				w := next[f.k]
				f.k++
				switch {
				case skip != nil && skip[w]:
				case index[w] < 0:
					index[w], low[w] = counter, counter
					counter++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, start[w]})
				case onStack[w]:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				u := call[len(call)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] == index[v] {
				i := len(stack) - 1
				for stack[i] != v {
					i--
				}
				comp := slices.Clone(stack[i:])
				for _, w := range comp {
					onStack[w] = false
				}
				stack = stack[:i]
				slices.Sort(comp)
				comps = append(comps, comp)
			}
		}
	}
	return comps
}

// sparseBlock is the transition matrix B of one component (m x m, rows
// summing to less than 1: every state can leave the component or be
// absorbed), row-major sparse.
type sparseBlock struct {
	m     int
	start []int32
	col   []int32
	val   []float64
}

// solve returns y = (I - B)^-1 rhs and the diagonal of (I - B)^-1, by
// the cheapest of three exact methods: a dense inverse (2m^3), a cycle
// separator (markov_separator.go) or Gauss-Seidel sweeps, one solve per
// state (m x sweeps x nonzeros), the only one whose memory stays linear.
func (b *sparseBlock) solve(rhs []float64) (y, diag []float64) {
	m := b.m
	mf := float64(m)
	denseCost := 2 * mf * mf * mf
	sweepsCost := mf * sweepsEstimate * float64(len(b.col)+m)
	method := blockMethod
	if method == methodAuto {
		method = methodSweeps
		best := sweepsCost
		if m <= denseBlockMax && denseCost <= best {
			method, best = methodDense, denseCost
		}
		if m > 64 {
			// The largest separator worth finding: cheaper than the best so
			// far, and X, Y and Z within maxSeparatorCells.
			k := 0
			for k < m && b.separatorCost(k+1) < best && 3*(m-k-1)*(k+1) <= maxSeparatorCells {
				k++
			}
			if sep, ok := b.cycleSeparator(k); ok {
				if y, diag, ok := b.solveSeparated(sep, rhs); ok {
					return y, diag
				}
			}
		}
	}
	if method == methodSeparator {
		if sep, ok := b.cycleSeparator(m); ok {
			if y, diag, ok := b.solveSeparated(sep, rhs); ok {
				return y, diag
			}
		}
		method = methodDense
	}
	if method == methodDense {
		a := make([]float64, m*m)
		for i := range m {
			a[i*m+i] = 1
			for k := b.start[i]; k < b.start[i+1]; k++ {
				a[i*m+int(b.col[k])] -= b.val[k]
			}
		}
		if invm, ok := invertMMatrix(matrix{m, m, m, a}); ok {
			inv := invm.v
			y, diag = make([]float64, m), make([]float64, m)
			for i := range m {
				for k := range m {
					y[i] += inv[i*m+k] * rhs[k]
				}
				diag[i] = inv[i*m+i]
			}
			return y, diag
		}
	}
	bound := b.normBound()
	y = slices.Clone(rhs)
	b.gaussSeidel(rhs, y, func() float64 {
		smallest := math.Inf(1)
		for _, v := range y {
			if v != 0 {
				smallest = min(smallest, math.Abs(v))
			}
		}
		return relTolerance * smallest / bound
	})
	diag = make([]float64, m)
	// The columns of (I - B)^-1 through c, lanes at a time, each a
	// Gauss-Seidel solve of (I - B) y = e_c; N_cc >= 1, so an absolute
	// error of relTolerance is relative.
	blocks := (m + lanes - 1) / lanes
	workers := min(runtime.GOMAXPROCS(0), blocks)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cols := make([]float64, m*lanes)
			for blk := w; blk < blocks; blk += workers {
				first := blk * lanes
				b.columns(cols, first, relTolerance/bound)
				for j := range lanes {
					if c := first + j; c < m {
						diag[c] = cols[c*lanes+j]
					}
				}
			}
		}()
	}
	wg.Wait()
	return y, diag
}

// denseBlockMax bounds the components inverted densely (memory m^2).
const denseBlockMax = 1500

// maxSeparatorCells bounds the cells of X, Y and Z (memory) in a separator
// solve: 3 x 10^7 cells, 240 MB.
const maxSeparatorCells = 30_000_000

// blockMethod forces one method on every component of more than one state
// (tests); methodAuto picks the cheapest.
var blockMethod = methodAuto

const (
	methodAuto = iota
	methodDense
	methodSeparator
	methodSweeps
)

const (
	// sweepsEstimate is about how many Gauss-Seidel sweeps a solve takes:
	// a component is inverted densely (2m^3) when that is cheaper than m
	// sparse solves (m x sweeps x nonzeros).
	sweepsEstimate = 100
	// relTolerance is the error allowed in each solved value, relative.
	relTolerance = 1e-12
)

// normBound returns an upper bound of max_i ((I - B)^-1 1)_i, the expected
// steps inside the component from the worst state: t solves t = 1 + Bt
// approximately; with residual res = 1 + Bt - t, the exact t* = t +
// (I - B)^-1 res <= t + |res|max t* (all entries of (I - B)^-1 are >= 0),
// so max t* <= max t / (1 - |res|max) once |res|max < 1.
func (b *sparseBlock) normBound() float64 {
	ones := make([]float64, b.m)
	for i := range ones {
		ones[i] = 1
	}
	t := slices.Clone(ones)
	for {
		for range 8 {
			b.sweep(ones, t)
		}
		if r := b.residual(ones, t); r < 0.5 {
			return slices.Max(t) / (1 - r)
		}
	}
}

// gaussSeidel improves y toward (I - B)^-1 rhs in place until the largest
// residual |rhs + By - y| is at most limit(), or until rounding stops it
// from falling. The error of every y_i is at most the residual times
// normBound (the same argument as there), so limit is the error allowed
// divided by that bound.
func (b *sparseBlock) gaussSeidel(rhs, y []float64, limit func() float64) {
	best, stalls := math.Inf(1), 0
	for {
		for range 4 {
			b.sweep(rhs, y)
		}
		r := b.residual(rhs, y)
		if r <= limit() || b.stalled(r, &best, &stalls) {
			return
		}
	}
}

// lanes is how many columns of (I - B)^-1 are solved together: one pass
// over B's entries then serves them all.
const lanes = 8

// columns solves (I - B) Y = [e_first ... e_first+lanes-1] by Gauss-Seidel
// into cols (row-major, lanes wide; columns past m stay 0), until every
// column's largest residual is at most limit or rounding stops it falling.
func (b *sparseBlock) columns(cols []float64, first int, limit float64) {
	clear(cols)
	best, stalls := math.Inf(1), 0
	for {
		for range 4 {
			for i := range b.m {
				var s [lanes]float64
				if j := i - first; j >= 0 && j < lanes {
					s[j] = 1
				}
				for k := b.start[i]; k < b.start[i+1]; k++ {
					v, row := b.val[k], cols[int(b.col[k])*lanes:][:lanes]
					for j := range lanes {
						s[j] += v * row[j]
					}
				}
				copy(cols[i*lanes:][:lanes], s[:])
			}
		}
		r := 0.0
		for i := range b.m {
			var s [lanes]float64
			if j := i - first; j >= 0 && j < lanes {
				s[j] = 1
			}
			for j := range lanes {
				s[j] -= cols[i*lanes+j]
			}
			for k := b.start[i]; k < b.start[i+1]; k++ {
				v, row := b.val[k], cols[int(b.col[k])*lanes:][:lanes]
				for j := range lanes {
					s[j] += v * row[j]
				}
			}
			for j := range lanes {
				r = max(r, math.Abs(s[j]))
			}
		}
		if r <= limit || b.stalled(r, &best, &stalls) {
			return
		}
	}
}

// stalled reports whether the residual r has not fallen below the best
// seen for eight checks in a row: rounding then stops progress (a single
// rise is not enough, as the largest residual need not fall every time).
func (b *sparseBlock) stalled(r float64, best *float64, stalls *int) bool {
	if r < *best {
		*best, *stalls = r, 0
		return false
	}
	*stalls++
	return *stalls >= 8
}

// sweep is one Gauss-Seidel sweep of y = rhs + By.
func (b *sparseBlock) sweep(rhs, y []float64) {
	for i := range b.m {
		s := rhs[i]
		for k := b.start[i]; k < b.start[i+1]; k++ {
			s += b.val[k] * y[b.col[k]]
		}
		y[i] = s
	}
}

// residual returns max_i |rhs_i + (By)_i - y_i|.
func (b *sparseBlock) residual(rhs, y []float64) float64 {
	r := 0.0
	for i := range b.m {
		s := rhs[i] - y[i]
		for k := b.start[i]; k < b.start[i+1]; k++ {
			s += b.val[k] * y[b.col[k]]
		}
		r = max(r, math.Abs(s))
	}
	return r
}

// invert returns the inverse of the n x n row-major matrix a by Gauss-Jordan
// elimination in place with partial pivoting (n^3 multiply-adds, the rows
// of each step shared among the cores for a large matrix); ok is false for
// a singular matrix.
func invert(a []float64, n int) ([]float64, bool) {
	m := slices.Clone(a)
	swapped := make([]int, n) // the row swapped with each pivot row
	workers := 1
	if n >= 256 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
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
		swapped[col] = pivot
		pr := m[col*n : (col+1)*n]
		if pivot != col {
			for k, pk := range m[pivot*n : (pivot+1)*n] {
				m[pivot*n+k], pr[k] = pr[k], pk
			}
		}
		inv := 1 / pr[col]
		pr[col] = 1
		for k := range pr {
			pr[k] *= inv
		}
		eliminate := func(first, step int) {
			for row := first; row < n; row += step {
				if row == col {
					continue
				}
				r := m[row*n : (row+1)*n]
				if f := r[col]; f != 0 {
					r[col] = 0
					axpy(r, -f, pr)
				}
			}
		}
		if workers == 1 {
			eliminate(0, 1)
			continue
		}
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				eliminate(w, workers)
			}()
		}
		wg.Wait()
	}
	// Undo the row swaps as column swaps, last first.
	for col := n - 1; col >= 0; col-- {
		if p := swapped[col]; p != col {
			for row := range n {
				r := m[row*n : (row+1)*n]
				r[col], r[p] = r[p], r[col]
			}
		}
	}
	return m, true
}
