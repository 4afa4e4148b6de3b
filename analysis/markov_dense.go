package analysis

import (
	"runtime"
	"sync"
)

// Dense linear algebra for the Markov solve: the matrices inverted there
// are nonsingular M-matrices (I minus a sub-stochastic matrix whose chain
// can always leave, and Schur complements of such), so a large one is
// inverted by 2 x 2 blocks without pivoting, all of its work in
// cache-blocked matrix products shared among the cores; a small one by
// Gauss-Jordan (invert).

// matrix is a dense row-major view: element (i, j) is v[i*stride+j].
type matrix struct {
	rows, cols, stride int
	v                  []float64
}

func newMatrix(rows, cols int) matrix {
	return matrix{rows, cols, cols, make([]float64, rows*cols)}
}

// sub is the view of the r x c block at (i, j).
func (m matrix) sub(i, j, r, c int) matrix {
	return matrix{r, c, m.stride, m.v[i*m.stride+j:]}
}

func (m matrix) row(i int) []float64 {
	return m.v[i*m.stride : i*m.stride+m.cols]
}

// clone copies m into a new contiguous matrix.
func (m matrix) clone() matrix {
	c := newMatrix(m.rows, m.cols)
	for i := range m.rows {
		copy(c.row(i), m.row(i))
	}
	return c
}

// mulAdd adds alpha x a x b to c (c: n x p, a: n x q, b: q x p), in blocks
// of b that stay in cache, rows of c shared among the cores.
func mulAdd(c, a, b matrix, alpha float64) {
	const kBlock, jBlock = 128, 512
	workers := 1
	if c.rows*a.cols*c.cols >= 1<<21 {
		workers = min(runtime.GOMAXPROCS(0), c.rows)
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first, last := w*c.rows/workers, (w+1)*c.rows/workers
			for kb := 0; kb < a.cols; kb += kBlock {
				ke := min(kb+kBlock, a.cols)
				for jb := 0; jb < c.cols; jb += jBlock {
					je := min(jb+jBlock, c.cols)
					for i := first; i < last; i++ {
						ci, ai := c.row(i)[jb:je], a.row(i)
						for k := kb; k < ke; k++ {
							if f := alpha * ai[k]; f != 0 {
								axpy(ci, f, b.row(k)[jb:je])
							}
						}
					}
				}
			}
		}()
	}
	wg.Wait()
}

// invertMMatrix returns the inverse of the nonsingular M-matrix m, ok
// false when a block turns out singular. By blocks, with S = D - C A^-1 B:
//
//	[A B]^-1   [A^-1 + A^-1 B S^-1 C A^-1   -A^-1 B S^-1]
//	[C D]    = [-S^-1 C A^-1                 S^-1       ]
//
// Every Schur complement of an M-matrix is one, so no pivoting is needed.
func invertMMatrix(m matrix) (matrix, bool) {
	n := m.rows
	if n <= 192 {
		a := m.clone()
		inv, ok := invert(a.v, n)
		return matrix{n, n, n, inv}, ok
	}
	n1, n2 := n/2, n-n/2
	a, b := m.sub(0, 0, n1, n1), m.sub(0, n1, n1, n2)
	c, d := m.sub(n1, 0, n2, n1), m.sub(n1, n1, n2, n2)
	ai, ok := invertMMatrix(a)
	if !ok {
		return matrix{}, false
	}
	e := newMatrix(n2, n1) // C A^-1
	mulAdd(e, c, ai, 1)
	s := d.clone() // D - C A^-1 B
	mulAdd(s, e, b, -1)
	si, ok := invertMMatrix(s)
	if !ok {
		return matrix{}, false
	}
	f := newMatrix(n1, n2) // A^-1 B
	mulAdd(f, ai, b, 1)
	g := newMatrix(n1, n2) // A^-1 B S^-1
	mulAdd(g, f, si, 1)
	inv := newMatrix(n, n)
	tl, tr := inv.sub(0, 0, n1, n1), inv.sub(0, n1, n1, n2)
	bl, br := inv.sub(n1, 0, n2, n1), inv.sub(n1, n1, n2, n2)
	for i := range n1 {
		copy(tl.row(i), ai.row(i))
		for j, v := range g.row(i) {
			tr.row(i)[j] = -v
		}
	}
	mulAdd(tl, g, e, 1)
	mulAdd(bl, si, e, -1)
	for i := range n2 {
		copy(br.row(i), si.row(i))
	}
	return inv, true
}
