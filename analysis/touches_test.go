package analysis

import (
	"slices"
	"testing"

	"github.com/campaignretro/retro/loader"
)

// TestTouchWindows checks the touch windows on ordered touches with two at
// the same instant, at the window's edges and outside it.
func TestTouchWindows(t *testing.T) {
	ts := []loader.Touch{{At: 10, Campaign: 0}, {At: 20, Campaign: 1}, {At: 20, Campaign: 2}, {At: 30, Campaign: 3}}
	campaigns := func(ts []loader.Touch) []loader.ID {
		out := []loader.ID{}
		for _, t := range ts {
			out = append(out, t.Campaign)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		lo, hi loader.Time
		want   []loader.ID
	}{
		{"all", 0, 40, []loader.ID{0, 1, 2, 3}},
		{"both edges inclusive", 20, 20, []loader.ID{1, 2}},
		{"between touches", 11, 19, []loader.ID{}},
		{"from the tie", 20, 30, []loader.ID{1, 2, 3}},
		{"after the last", 31, 40, []loader.ID{}},
		{"before the first", 0, 9, []loader.ID{}},
		{"empty window", 30, 10, []loader.ID{}},
	} {
		if got := campaigns(touchesIn(ts, tc.lo, tc.hi)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: touchesIn(%d, %d) = %v, want %v", tc.name, tc.lo, tc.hi, got, tc.want)
		}
	}
	for _, tc := range []struct {
		at   loader.Time
		want loader.ID // NoID: none
	}{{9, loader.NoID}, {10, 0}, {19, 0}, {20, 2}, {29, 2}, {30, 3}, {99, 3}} {
		got := loader.NoID
		if last := lastTouchAtOrBefore(ts, tc.at); last != nil {
			got = last.Campaign
		}
		if got != tc.want {
			t.Errorf("lastTouchAtOrBefore(%d) = campaign %d, want %d", tc.at, got, tc.want)
		}
	}
}
