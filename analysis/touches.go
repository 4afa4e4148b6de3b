package analysis

import (
	"sort"

	"github.com/campaignretro/retro/loader"
)

// The touch windows below work on one person's touches (or any touches) in
// the SPEC's touch order, by binary search.

// touchesFrom returns the touches of ts with touched_at >= at.
func touchesFrom(ts []loader.Touch, at loader.Time) []loader.Touch {
	return ts[sort.Search(len(ts), func(i int) bool { return ts[i].At >= at }):]
}

// touchesTo returns the touches of ts with touched_at <= at.
func touchesTo(ts []loader.Touch, at loader.Time) []loader.Touch {
	return ts[:sort.Search(len(ts), func(i int) bool { return ts[i].At > at })]
}

// touchesIn returns the touches of ts with lo <= touched_at <= hi.
func touchesIn(ts []loader.Touch, lo, hi loader.Time) []loader.Touch {
	return touchesTo(touchesFrom(ts, lo), hi)
}

// lastTouchAtOrBefore returns the last touch of ts with touched_at <= at
// (the largest campaign_id among touches at the same instant), or nil.
func lastTouchAtOrBefore(ts []loader.Touch, at loader.Time) *loader.Touch {
	ts = touchesTo(ts, at)
	if len(ts) == 0 {
		return nil
	}
	return &ts[len(ts)-1]
}
