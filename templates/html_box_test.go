package templates

import "testing"

// TestBoxClass checks a chart box's height class: tall for a bar chart of
// more than ten rows, short for a lone chart of a few upright bars, the
// usual height otherwise (and always beside another chart).
func TestBoxClass(t *testing.T) {
	cats := func(n int) []string { return make([]string, n) }
	for _, tc := range []struct {
		name  string
		c     Chart
		alone bool
		want  string
	}{
		{"eleven rows", Chart{Horizontal: true, Categories: cats(11)}, true, "chart-box tall"},
		{"ten rows", Chart{Horizontal: true, Categories: cats(10)}, true, "chart-box"},
		{"eleven rows in a pair", Chart{Horizontal: true, Categories: cats(11)}, false, "chart-box tall"},
		{"five upright bars alone", Chart{Categories: cats(5)}, true, "chart-box short"},
		{"eight upright bars alone", Chart{Categories: cats(8)}, true, "chart-box short"},
		{"four upright bars alone with slanted labels", Chart{Categories: []string{"Opportunity to close", "Opportunity to won", "SQL to opportunity", "MQL to SQL"}}, true, "chart-box"},
		{"nine upright bars alone", Chart{Categories: cats(9)}, true, "chart-box"},
		{"five upright bars in a pair", Chart{Categories: cats(5)}, false, "chart-box"},
		{"a pie alone", Chart{Pie: true, Categories: cats(4)}, true, "chart-box"},
	} {
		if got := boxClass(&tc.c, tc.alone); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestOrList checks the segments' shared takeaway's list of nouns.
func TestOrList(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"region's"}, "region's"},
		{[]string{"region's", "industry's"}, "region's or industry's"},
		{[]string{"region's", "industry's", "source's"}, "region's, industry's or source's"},
	} {
		if got := orList(tc.in); got != tc.want {
			t.Errorf("orList(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
