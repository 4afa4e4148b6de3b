package loader

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestGroupByPerson: touches in random order come out grouped by person,
// every touch kept, with the right segment starts, for people counts that
// need one, two and three radix passes.
func TestGroupByPerson(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 255, 256, 257, 5000, 70000} {
		touches := make([]Touch, rng.IntN(4*n)+1)
		for i := range touches {
			touches[i] = Touch{Lead: ID(rng.IntN(n)), row: int32(i)}
		}
		want := slices.Clone(touches)
		slices.SortFunc(want, func(a, b Touch) int { return int(a.Lead-b.Lead)*len(want) + int(a.row-b.row) })
		start := groupByPerson(touches, n)
		if len(start) != n+1 || start[n] != int32(len(touches)) {
			t.Fatalf("n=%d: %d starts ending at %d, want %d ending at %d", n, len(start), start[len(start)-1], n+1, len(touches))
		}
		for p := range n {
			for _, tc := range touches[start[p]:start[p+1]] {
				if tc.Lead != ID(p) {
					t.Fatalf("n=%d: touch of %d in person %d's segment", n, tc.Lead, p)
				}
			}
		}
		slices.SortFunc(touches, func(a, b Touch) int { return int(a.Lead-b.Lead)*len(want) + int(a.row-b.row) })
		if !slices.Equal(touches, want) {
			t.Fatalf("n=%d: touches lost or changed", n)
		}
	}
}
