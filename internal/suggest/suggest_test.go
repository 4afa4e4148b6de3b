package suggest

import "testing"

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"period", "period", 0},
		{"perod", "period", 1},   // one insertion
		{"peroid", "period", 2},  // a swap is two substitutions
		{"kitten", "sitting", 3}, // k->s, e->i, +g
		{"created", "created_at", 3},
		{"mql_at", "sql_at", 1},
	} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
