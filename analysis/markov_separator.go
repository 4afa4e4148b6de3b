package analysis

import (
	"cmp"
	"slices"
)

// A large component is solved exactly through a cycle separator: a set H
// of states whose removal leaves the other states T without any cycle
// (dated campaigns mostly lead forward in time; the cycles run through the
// few that stay open for months). Ordered with M = I - B as
//
//	M = [ A       -B_TH ]    A = I - B_TT, unit triangular in
//	    [ -B_HT   D     ]    topological order (no cycle, no self-loop)
//
// the inverse follows from the Schur complement S = D - B_HT A^-1 B_TH
// (|H| x |H|, dense):
//
//	N_HH = S^-1
//	N_TT = A^-1 + X S^-1 Y,    X = A^-1 B_TH,  Y = B_HT A^-1,
//
// and the diagonal of A^-1 is 1 (a path that leaves t and stays in T never
// returns to it). X and Y take one pass over B each per column of H, S^-1
// is a dense inverse of |H| states, and each N_tt is one row of X S^-1
// against one column of Y: O(|H| (nonzeros + |H| |T|)) in all, exact up to
// rounding, and never cubic in the number of campaigns unless the cycles
// need most of them in H (then the sweeps are cheaper and are used).

// separator is a cycle separator of a block and the order of the rest.
type separator struct {
	h     []int32 // the separator's states, in order of choice
	order []int32 // the other states, each after every state it leads to
}

// cycleSeparator chooses H greedily: in every strongly connected component
// of the states not yet chosen that has more than one state, the states
// with the most edges in and out within it (in-degree x out-degree, the
// ones most cycles pass through) go to H, a sixty-fourth of the component
// at a time, until no cycle is left. States that turn out to close no
// cycle are then given back to T while the work allowed lasts. It returns
// false as soon as H would exceed limit states.
func (b *sparseBlock) cycleSeparator(limit int) (separator, bool) {
	m := b.m
	chosen := make([]bool, m)
	var sep separator
	inDeg, outDeg := make([]int32, m), make([]int32, m)
	comp := make([]int32, m) // component of each state, this round
	for {
		comps := stronglyConnected(m, b.start, b.col, chosen)
		cyclic := false
		for ci, c := range comps {
			for _, v := range c {
				comp[v] = int32(ci)
			}
		}
		for ci, c := range comps {
			if len(c) == 1 && !b.selfLoop(c[0]) {
				continue
			}
			cyclic = true
			for _, v := range c {
				inDeg[v], outDeg[v] = 0, 0
			}
			for _, v := range c {
				for k := b.start[v]; k < b.start[v+1]; k++ {
					if w := b.col[k]; !chosen[w] && comp[w] == int32(ci) {
						outDeg[v]++
						inDeg[w]++
					}
				}
			}
			byDegree := slices.Clone(c)
			slices.SortStableFunc(byDegree, func(v, w int32) int {
				return cmp.Compare(int64(inDeg[w])*int64(outDeg[w]), int64(inDeg[v])*int64(outDeg[v]))
			})
			for _, v := range byDegree[:max(1, len(c)/64)] {
				chosen[v] = true
				sep.h = append(sep.h, v)
			}
			if len(sep.h) > limit {
				return separator{}, false
			}
		}
		if !cyclic {
			break
		}
	}
	sep.h = b.giveBack(sep.h, chosen)
	for _, c := range stronglyConnected(m, b.start, b.col, chosen) {
		sep.order = append(sep.order, c[0])
	}
	return sep, true
}

// selfLoop reports whether state v can step to itself (never in a chain of
// collapsed paths, but a separator must not rely on it).
func (b *sparseBlock) selfLoop(v int32) bool {
	return slices.Contains(b.col[b.start[v]:b.start[v+1]], v)
}

// giveBack returns the states of h, last chosen first, to T when no cycle
// through them is left among T's states: the batches of the greedy choice
// overshoot. Each test is a search from the state over T, so it stops once
// the searches have looked at about 64 times the block's edges.
func (b *sparseBlock) giveBack(h []int32, chosen []bool) []int32 {
	budget := 64 * (len(b.col) + b.m)
	seen := make([]int32, b.m) // the search that last reached a state, +1
	var stack []int32
	for i := len(h) - 1; i >= 0 && budget > 0; i-- {
		v := h[i]
		if b.selfLoop(v) {
			continue
		}
		mark := int32(i + 1)
		cycle := false
		stack = append(stack[:0], v)
		for len(stack) > 0 && !cycle {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for k := b.start[u]; k < b.start[u+1]; k++ {
				budget--
				w := b.col[k]
				if w == v {
					cycle = true
					break
				}
				if !chosen[w] && seen[w] != mark {
					seen[w] = mark
					stack = append(stack, w)
				}
			}
		}
		if !cycle {
			chosen[v] = false
		}
	}
	kept := h[:0]
	for _, v := range h {
		if chosen[v] {
			kept = append(kept, v)
		}
	}
	return kept
}

// separatorCost estimates the work of solveSeparated with k states in H
// (multiply-adds), as sweepsEstimate does for the sweeps.
func (b *sparseBlock) separatorCost(k int) float64 {
	t, kf := float64(b.m-k), float64(k)
	return 3*kf*float64(len(b.col)) + 2*kf*kf*kf + 2*t*kf*kf
}

// solveSeparated returns y = (I - B)^-1 rhs and the diagonal of (I - B)^-1
// through the separator sep (see above); ok is false when S is singular.
func (b *sparseBlock) solveSeparated(sep separator, rhs []float64) (y, diag []float64, ok bool) {
	m, k := b.m, len(sep.h)
	hIdx := make([]int32, m) // position in H, or -1
	for i := range hIdx {
		hIdx[i] = -1
	}
	for i, v := range sep.h {
		hIdx[v] = int32(i)
	}
	// tRow is each T state's row in X, Y and Z (its place in order).
	tRow := make([]int32, m)
	for i, v := range sep.order {
		tRow[v] = int32(i)
	}
	nt := len(sep.order)
	x := make([]float64, nt*k)  // X = A^-1 B_TH, row per T state
	yt := make([]float64, nt*k) // Y^T: Y = B_HT A^-1, column per T state
	a := make([]float64, m)     // A^-1 rhs_T, by state

	// X and a: X_t = B_tH + sum over t -> u in T of B_tu X_u, successors
	// first (the order).
	for i, t := range sep.order {
		row := x[i*k : (i+1)*k]
		s := rhs[t]
		for e := b.start[t]; e < b.start[t+1]; e++ {
			u, p := b.col[e], b.val[e]
			if h := hIdx[u]; h >= 0 {
				row[h] += p
				continue
			}
			axpy(row, p, x[int(tRow[u])*k:][:k])
			s += p * a[u]
		}
		a[t] = s
	}
	// Y: Y_.t = B_Ht + sum over u -> t in T of B_ut Y_.u, pushed from each
	// u once all its predecessors are in (reverse order).
	for _, h := range sep.h {
		for e := b.start[h]; e < b.start[h+1]; e++ {
			if u := b.col[e]; hIdx[u] < 0 {
				yt[int(tRow[u])*k+int(hIdx[h])] += b.val[e]
			}
		}
	}
	for i := nt - 1; i >= 0; i-- {
		u := sep.order[i]
		from := yt[i*k : (i+1)*k]
		for e := b.start[u]; e < b.start[u+1]; e++ {
			if t := b.col[e]; hIdx[t] < 0 {
				axpy(yt[int(tRow[t])*k:][:k], b.val[e], from)
			}
		}
	}
	// S = I - B_HH - B_HT X, and g = rhs_H + B_HT a.
	s := make([]float64, k*k)
	g := make([]float64, k)
	for i, h := range sep.h {
		row := s[i*k : (i+1)*k]
		row[i] = 1
		g[i] = rhs[h]
		for e := b.start[h]; e < b.start[h+1]; e++ {
			u, p := b.col[e], b.val[e]
			if j := hIdx[u]; j >= 0 {
				row[j] -= p
				continue
			}
			axpy(row, -p, x[int(tRow[u])*k:][:k])
			g[i] += p * a[u]
		}
	}
	sInvM, ok := invertMMatrix(matrix{k, k, k, s})
	if !ok {
		return nil, nil, false
	}
	sInv := sInvM.v
	y, diag = make([]float64, m), make([]float64, m)
	yh := make([]float64, k) // y_H = S^-1 g
	for i := range k {
		yh[i] = dot(sInv[i*k:(i+1)*k], g)
		y[sep.h[i]] = yh[i]
		diag[sep.h[i]] = sInv[i*k+i]
	}
	// y_T = a + X y_H; N_tt = 1 + (X S^-1)_t . Y_.t.
	z := newMatrix(nt, k)
	mulAdd(z, matrix{nt, k, k, x}, sInvM, 1)
	for i, t := range sep.order {
		y[t] = a[t] + dot(x[i*k:(i+1)*k], yh)
		diag[t] = 1 + dot(z.row(i), yt[i*k:(i+1)*k])
	}
	return y, diag, true
}

// axpy adds a x v to each dst[i] (len(v) >= len(dst)), four at a time.
func axpy(dst []float64, a float64, v []float64) {
	v = v[:len(dst)]
	i := 0
	for ; i+4 <= len(dst); i += 4 {
		d, w := dst[i:i+4:i+4], v[i:i+4:i+4]
		d[0] += a * w[0]
		d[1] += a * w[1]
		d[2] += a * w[2]
		d[3] += a * w[3]
	}
	for ; i < len(dst); i++ {
		dst[i] += a * v[i]
	}
}

// dot returns the dot product of a and b (len(b) >= len(a)).
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
