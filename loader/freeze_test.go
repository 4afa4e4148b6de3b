package loader

import (
	"slices"
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
