package loader

import (
	"math/rand/v2"
	"slices"
	"strconv"
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

// TestInterner: ids are dense in order of first sight, short (inline) and
// long ids alike, across table growth; Lookup finds only interned strings.
func TestInterner(t *testing.T) {
	var in Interner
	if _, ok := in.Lookup("x"); ok {
		t.Fatal("empty interner finds x")
	}
	var want []string
	for i := range 5000 {
		s := strconv.Itoa(i)
		if i%3 == 0 {
			s = "a-very-long-identifier-beyond-the-inline-slot-" + s
		}
		if i%7 == 0 {
			s = ""[:0] + s[:len(s)/2] + "|" + s[len(s)/2:]
		}
		want = append(want, s)
		if id := in.Intern(s); id != ID(i) {
			t.Fatalf("Intern(%q) = %d, want %d", s, id, i)
		}
	}
	for i, s := range want {
		if id, ok := in.Lookup(s); !ok || id != ID(i) {
			t.Fatalf("Lookup(%q) = %d %v, want %d", s, id, ok, i)
		}
		if id := in.Intern(s); id != ID(i) {
			t.Fatalf("Intern(%q) again = %d, want %d", s, id, i)
		}
	}
	for _, s := range []string{"5000", "a-very-long-identifier-beyond-the-inline-slot-1", "", "-1"} {
		if id, ok := in.Lookup(s); ok {
			t.Errorf("Lookup(%q) = %d, not interned", s, id)
		}
	}
	if in.Len() != 5000 || !slices.Equal(in.Names, want) {
		t.Errorf("Names differ")
	}
}
