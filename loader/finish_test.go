package loader

import "testing"

// TestClosedBeforeCreated counts won and lost deals that close before they
// were created; open deals and deals closed on or after creation do not count.
func TestClosedBeforeCreated(t *testing.T) {
	for _, tc := range []struct {
		name string
		opps []Opportunity
		want int
	}{
		{"none", nil, 0},
		{"won before created", []Opportunity{{Status: Won, CreatedAt: 10, ClosedAt: 5}}, 1},
		{"lost before created", []Opportunity{{Status: Lost, CreatedAt: 10, ClosedAt: 9}}, 1},
		{"closed at creation", []Opportunity{{Status: Won, CreatedAt: 10, ClosedAt: 10}}, 0},
		{"open", []Opportunity{{Status: Open, CreatedAt: 10, ClosedAt: NoTime}}, 0},
		{"mixed", []Opportunity{{Status: Won, CreatedAt: 10, ClosedAt: 5}, {Status: Won, CreatedAt: 1, ClosedAt: 5}, {Status: Lost, CreatedAt: 7, ClosedAt: 6}}, 2},
	} {
		if got := closedBeforeCreated(tc.opps); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}
