package loader

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestInternerFreeze: while frozen, new strings get the ids they would
// have got anyway, Lookup finds them, peek sees only the frozen ones; thaw
// keeps every id.
func TestInternerFreeze(t *testing.T) {
	long := strings.Repeat("x", 30) // held outside the slot
	var in Interner
	in.Intern("a")
	in.Intern(long)
	in.freeze()
	steps := []struct {
		s    string
		want ID
	}{{"c", 2}, {"a", 0}, {"d", 3}, {"c", 2}, {long, 1}, {long + "y", 4}}
	for _, st := range steps {
		if got := in.Intern(st.s); got != st.want {
			t.Fatalf("frozen: Intern(%q) = %d, want %d", st.s, got, st.want)
		}
	}
	for s, want := range map[string]ID{"a": 0, long: 1, "c": NoID, "d": NoID, "zz": NoID} {
		if got := in.peek(s); got != want {
			t.Errorf("frozen: peek(%q) = %d, want %d", s, got, want)
		}
	}
	if id, ok := in.Lookup("d"); !ok || id != 3 {
		t.Errorf("frozen: Lookup(d) = %d, %v", id, ok)
	}
	if _, ok := in.Lookup("zz"); ok {
		t.Error("frozen: Lookup(zz) found")
	}
	in.thaw()
	if want := []string{"a", long, "c", "d", long + "y"}; !slices.Equal(in.Names, want) {
		t.Fatalf("thawed names %q, want %q", in.Names, want)
	}
	for i, s := range in.Names {
		if id, ok := in.Lookup(s); !ok || id != ID(i) || in.peek(s) != ID(i) {
			t.Errorf("thawed: %q is %d (%v), peek %d, want %d", s, id, ok, in.peek(s), i)
		}
	}
	if id := in.Intern("e"); id != 5 {
		t.Errorf("thawed: Intern(e) = %d, want 5", id)
	}
	// An empty interner frozen: everything spills.
	var empty Interner
	empty.freeze()
	if empty.peek("a") != NoID || empty.Intern("a") != 0 || empty.Intern("b") != 1 || empty.Intern("a") != 0 {
		t.Error("an empty frozen interner numbers from 0")
	}
	empty.thaw()
	if !slices.Equal(empty.Names, []string{"a", "b"}) {
		t.Errorf("names %q", empty.Names)
	}
}

// TestInternNew: a new string is added with the next id, one already there
// (by name, alias or spill) is not, across the table's growth.
func TestInternNew(t *testing.T) {
	var in Interner
	long := strings.Repeat("y", 25)
	for i := range 100 {
		s := strconv.Itoa(i)
		if i%10 == 0 {
			s = long + s
		}
		if id, added := in.internNew(s); !added || id != ID(i) {
			t.Fatalf("internNew(%q) = %d, %v; want %d, true", s, id, added, i)
		}
		if id, added := in.internNew(s); added || id != ID(i) {
			t.Fatalf("again internNew(%q) = %d, %v; want %d, false", s, id, added, i)
		}
	}
	in.Rename(5, "five")
	if id, added := in.internNew("5"); added || id != 5 {
		t.Errorf("the old name of a renamed id: %d, %v", id, added)
	}
	if id, added := in.internNew("five"); added || id != 5 {
		t.Errorf("the new name of a renamed id: %d, %v", id, added)
	}
	in.freeze()
	if id, added := in.internNew("new"); !added || id != 100 {
		t.Errorf("frozen: %d, %v", id, added)
	}
	if id, added := in.internNew("new"); added || id != 100 {
		t.Errorf("frozen, again: %d, %v", id, added)
	}
	in.thaw()
	if id, ok := in.Lookup("new"); !ok || id != 100 || in.Len() != 101 {
		t.Errorf("thawed: %d, %v, %d names", id, ok, in.Len())
	}
}
