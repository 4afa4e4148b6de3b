package analysis

import (
	"math"

	"github.com/campaignretro/retro/loader"
)

// weightModel is a position model of SPEC section 6: it gives each touch of
// a journey its share of the journey's value. weights receives w zeroed, one
// slot per touch, and fills it with shares that sum to 1.
type weightModel struct {
	name    string
	weights func(j *journey, w []float64)
}

// weightModels returns the models that weigh each journey on its own, in
// the order of Models (markov, which needs every path at once, is apart).
func (s *scope) weightModels() []weightModel {
	halfLife := s.opts.HalfLifeDays
	if halfLife <= 0 {
		halfLife = DefaultOptions().HalfLifeDays
	}
	h := halfLife * microsPerDay
	return []weightModel{
		{"first_touch", func(j *journey, w []float64) { w[0] = 1 }},
		{"last_touch", func(j *journey, w []float64) { w[len(w)-1] = 1 }},
		{"linear", linearWeights},
		{"position_based", positionBasedWeights},
		{"w_shaped", wShapedWeights},
		{"time_decay", func(j *journey, w []float64) { timeDecayWeights(j, h, w) }},
	}
}

// linearWeights gives every touch 1/n.
func linearWeights(_ *journey, w []float64) {
	for i := range w {
		w[i] = 1 / float64(len(w))
	}
}

// positionBasedWeights gives 0.4 to the first and the last touch and splits
// 0.2 evenly over the middle; one touch takes 1, two take 0.5 each.
func positionBasedWeights(_ *journey, w []float64) {
	n := len(w)
	switch n {
	case 1:
		w[0] = 1
	case 2:
		w[0], w[1] = 0.5, 0.5
	default:
		w[0], w[n-1] = 0.4, 0.4
		for i := 1; i < n-1; i++ {
			w[i] = 0.2 / float64(n-2)
		}
	}
}

// noRole marks a W-shaped role that no touch holds.
const noRole = -1

// wShapedRoles returns the positions in j of the three W-shaped roles: first
// (j1), mql (the last touch at or before the earliest mql_at of people(o))
// and created (the last touch at or before o.created_at); noRole when no
// touch qualifies.
func wShapedRoles(j *journey) (first, mql, created int) {
	lastAtOrBefore := func(t loader.Time) int {
		if t == loader.NoTime {
			return noRole
		}
		k := noRole
		for i, jt := range j.touches {
			if jt.At > t {
				break
			}
			k = i
		}
		return k
	}
	return 0, lastAtOrBefore(j.mql), lastAtOrBefore(j.created)
}

// wShapedWeights splits 0.9 evenly over the roles that exist (0.3 each when
// all three do) and adds a role's share to the touch holding it; 0.1 goes
// evenly to the touches holding no role, or, when every touch holds one, to
// the role holders. One touch takes 1.
func wShapedWeights(j *journey, w []float64) {
	n := len(w)
	if n == 1 {
		w[0] = 1
		return
	}
	first, mql, created := wShapedRoles(j)
	roles := []int{first}
	for _, r := range []int{mql, created} {
		if r != noRole {
			roles = append(roles, r)
		}
	}
	share := 0.9 / float64(len(roles))
	holders := 0
	for _, r := range roles {
		if w[r] == 0 {
			holders++
		}
		w[r] += share
	}
	// The rest goes to the touches without a role, or to all of them (every
	// one a role holder) when none is left.
	others := n - holders
	rest := 0.1 / float64(others)
	if others == 0 {
		rest = 0.1 / float64(n)
	}
	for i := range w {
		if others == 0 || w[i] == 0 {
			w[i] += rest
		}
	}
}

// timeDecayWeights weighs each touch by 2^(-(T - touched_at)/h), h the
// half-life in microseconds, normalised to sum to 1. The exponent is taken
// from the latest touch, which scales every weight alike (the normalisation
// cancels it) and keeps the largest weight at 1, far from underflow.
func timeDecayWeights(j *journey, h float64, w []float64) {
	latest := j.touches[len(j.touches)-1].At
	sum := 0.0
	for i, jt := range j.touches {
		w[i] = math.Exp2(-float64(latest-jt.At) / h)
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
}
