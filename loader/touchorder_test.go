package loader

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortPerson checks the per-person insertion sort against SortFunc
// with the full touch order on random runs of touches of one lead, with
// many ties on the instant and on the campaign, short and long.
func TestSortPerson(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	o := TouchOrder{rank: []int32{3, 0, 4, 1, 2}, leads: []string{"L1"}}
	for iter := range 2000 {
		seg := make([]Touch, rng.IntN(40))
		for i := range seg {
			seg[i] = Touch{At: Time(rng.IntN(4)), Campaign: ID(rng.IntN(5)), row: int32(i)}
		}
		rng.Shuffle(len(seg), func(i, j int) { seg[i], seg[j] = seg[j], seg[i] })
		want := slices.Clone(seg)
		slices.SortFunc(want, func(a, b Touch) int { return cmp.Or(o.Compare(a, b), cmp.Compare(a.row, b.row)) })
		o.sortPerson(seg)
		if !slices.Equal(seg, want) {
			t.Fatalf("run %d (%d touches): %v, want %v", iter, len(seg), seg, want)
		}
	}
}
