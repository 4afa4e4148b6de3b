package analysis

import (
	"cmp"
	"math"
	"slices"

	"github.com/campaignretro/retro/loader"
)

// weights fills w with each touch's share of journey j's value (w has one
// zeroed slot per touch and must sum to 1).
type weights func(j *journey, w []float64)

// ruleModel returns the weights of a rule-based model of SPEC sections 6
// and 14.
func (s *scope) ruleModel(name Model) weights {
	switch name {
	case ModelFirstTouch, ModelLastTouch, ModelLinear, ModelPositionBased, ModelJShaped, ModelInverseJ:
		return positionModels[name]
	case ModelWShaped, ModelFullPath, ModelCustom:
		shares, rest := wShapedShares, 0.1
		switch name {
		case ModelFullPath:
			shares = fullPathShares
		case ModelCustom:
			wt := s.opts.Weights
			shares, rest = [numRoles]float64{wt.First, wt.MQL, wt.Created, wt.Closed}, wt.Rest
		}
		return func(j *journey, w []float64) {
			opp := &s.ds.Opportunities[j.opp]
			roles := journeyRoles(j.touches, s.earliestMQL(int(j.opp)), opp.CreatedAt, j.closed && name != ModelWShaped)
			roleWeights(roles, shares, rest, w)
		}
	case ModelTimeDecay:
		halfLife := s.opts.HalfLifeDays * microsPerDay
		return func(j *journey, w []float64) { timeDecay(j.touches, halfLife, w) }
	}
	panic("analysis: unknown attribution model " + string(name))
}

// positionModels are the rule models that weigh a touch by its position in
// the journey alone: they apply to aggregated paths too.
var positionModels = map[Model]weights{
	ModelFirstTouch:    func(j *journey, w []float64) { w[0] = 1 },
	ModelLastTouch:     func(j *journey, w []float64) { w[len(w)-1] = 1 },
	ModelLinear:        linear,
	ModelPositionBased: positionBased,
	ModelJShaped:       jShaped,
	ModelInverseJ:      inverseJ,
}

// linear gives every touch an equal share.
func linear(j *journey, w []float64) {
	for i := range w {
		w[i] = 1 / float64(len(w))
	}
}

// endWeights gives first and last their shares and splits middle evenly
// over the touches between; n = 1: all to the one touch; n = 2: two1 and
// two2 (SPEC 6 position_based, SPEC 14 j_shaped and inverse_j).
func endWeights(w []float64, first, middle, last, two1, two2 float64) {
	n := len(w)
	switch n {
	case 1:
		w[0] = 1
	case 2:
		w[0], w[1] = two1, two2
	default:
		w[0], w[n-1] = first, last
		for i := 1; i < n-1; i++ {
			w[i] = middle / float64(n-2)
		}
	}
}

// positionBased gives 40% to the first and the last touch and shares 20%
// over the touches between (n = 1: all; n = 2: half each).
func positionBased(j *journey, w []float64) { endWeights(w, 0.4, 0.2, 0.4, 0.5, 0.5) }

// jShaped gives 20% to the first touch, 60% to the last and shares 20% over
// the touches between (n = 2: 25% and 75%).
func jShaped(j *journey, w []float64) { endWeights(w, 0.2, 0.2, 0.6, 0.25, 0.75) }

// inverseJ mirrors jShaped: 60% to the first touch, 20% to the last (n = 2:
// 75% and 25%).
func inverseJ(j *journey, w []float64) { endWeights(w, 0.6, 0.2, 0.2, 0.75, 0.25) }

// The roles of the stage models, in the order of Weights.
const (
	roleFirst = iota
	roleMQL
	roleCreated
	roleClosed
	numRoles
)

// The role shares of w_shaped (no closed role) and full_path.
var (
	wShapedShares  = [numRoles]float64{0.3, 0.3, 0.3, 0}
	fullPathShares = [numRoles]float64{0.225, 0.225, 0.225, 0.225}
)

// journeyRoles finds the touch holding each role, or -1 where the role is
// missing: first = j1; mql = the last touch at or before mql (the earliest
// MQL time of the deal's people); created = the last touch at or before
// created; closed = jn when closed is true (the revenue target of
// full_path and custom).
func journeyRoles(touches []journeyTouch, mql, created loader.Time, closed bool) [numRoles]int {
	lastAtOrBefore := func(t loader.Time) int {
		if t == loader.NoTime {
			return -1
		}
		return len(touchesTo(touches, t)) - 1
	}
	roles := [numRoles]int{0, lastAtOrBefore(mql), lastAtOrBefore(created), -1}
	if closed {
		roles[roleClosed] = len(touches) - 1
	}
	return roles
}

// roleWeights gives each role present its share plus an even part of the
// shares of the roles missing, a touch holding several roles adding them
// up, and rest in equal parts to the touches holding no role, or to the role
// holders when every touch holds one. A single touch takes everything.
func roleWeights(roles [numRoles]int, shares [numRoles]float64, rest float64, w []float64) {
	n := len(w)
	if n == 1 {
		w[0] = 1
		return
	}
	present, missing := 0, 0.0
	for r, t := range roles {
		if t >= 0 {
			present++
		} else {
			missing += shares[r]
		}
	}
	holders := 0
	for r, t := range roles {
		if t < 0 {
			continue
		}
		if !holdsRole(roles, t, r) {
			holders++
		}
		w[t] += shares[r] + missing/float64(present)
	}
	free := n - holders
	for i := range w {
		holds := false
		for _, t := range roles {
			holds = holds || t == i
		}
		switch {
		case free > 0 && !holds:
			w[i] += rest / float64(free)
		case free == 0 && holds:
			w[i] += rest / float64(n)
		}
	}
}

// holdsRole reports whether touch t holds a role before role r.
func holdsRole(roles [numRoles]int, t, r int) bool {
	for _, u := range roles[:r] {
		if u == t {
			return true
		}
	}
	return false
}

// wShaped gives 0.9 in equal parts to the roles that exist (first touch;
// the last touch at or before mql, the earliest MQL time of the deal's
// people; the last touch at or before created) and 0.1 in equal parts to the
// touches holding no role, or to the role holders when every touch holds one.
func wShaped(touches []journeyTouch, mql, created loader.Time, w []float64) {
	roleWeights(journeyRoles(touches, mql, created, false), wShapedShares, 0.1, w)
}

// timeDecay weighs each touch by 2^(-(T - touched_at) / halfLife),
// normalised. T itself is not needed: measuring from the latest touch
// instead scales every weight by the same 2^((T - latest)/halfLife), which
// the normalisation cancels, and keeps the largest weight at 1, so a short
// half-life or a long gap before T cannot underflow every weight to 0.
func timeDecay(touches []journeyTouch, halfLife float64, w []float64) {
	latest := touches[len(touches)-1].At
	sum := 0.0
	for i, jt := range touches {
		w[i] = math.Exp2(-float64(latest-jt.At) / halfLife)
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
}

// earliestMQL is the earliest mql_at among people(o), or NoTime.
func (s *scope) earliestMQL(o int) loader.Time {
	m := loader.NoTime
	for _, p := range s.ds.PeopleOf(o) {
		if t := s.ds.Leads[p].MQLAt; t != loader.NoTime && (m == loader.NoTime || t < m) {
			m = t
		}
	}
	return m
}

// compareModels builds the reconciliation and the side-by-side table.
func (s *scope) compareModels(perModel map[Model][]float64, inJourney []bool, total, unattributed float64) ([]Reconciliation, []ModelComparison) {
	models := AttributionModels(s.opts.Weights)
	var rec []Reconciliation
	for _, m := range models {
		sum := 0.0
		for _, v := range perModel[m] {
			sum += v
		}
		rec = append(rec, Reconciliation{Model: m, Credited: Money(sum), Unattributed: Money(unattributed), Total: Money(total),
			Difference: Money(sum + unattributed - total)})
	}
	var rows []ModelComparison
	var ids []loader.ID
	for c := range inJourney {
		has := inJourney[c]
		for _, m := range models {
			has = has || perModel[m][c] != 0
		}
		if has {
			ids = append(ids, loader.ID(c))
		}
	}
	for _, c := range ids {
		row := ModelComparison{CampaignID: s.campaignName(c), Name: s.ds.Campaigns[c].Name, Channel: s.campaignChannel[c],
			Credit: map[Model]Money{}, Rank: map[Model]int{}, Min: Money(math.Inf(1)), Max: Money(math.Inf(-1))}
		for _, m := range models {
			v := perModel[m][c]
			row.Credit[m] = Money(v)
			row.Min, row.Max = min(row.Min, Money(v)), max(row.Max, Money(v))
		}
		rows = append(rows, row)
	}
	// Ranks per model: by credit (cents) descending; equal credits share a rank.
	cents := make([]float64, len(rows))
	for _, m := range models {
		for i, c := range ids {
			cents[i] = RoundCents(perModel[m][c])
		}
		order := creditOrder(rows, cents)
		// Competition ranking: equal credit (in cents) shares a rank, so that
		// campaigns tied at 0 do not look as if their rank moved.
		for k, i := range order {
			rows[i].Rank[m] = k + 1
			if k > 0 {
				prev := order[k-1]
				if cents[prev] == cents[i] {
					rows[i].Rank[m] = rows[prev].Rank[m]
				}
			}
		}
	}
	for i := range rows {
		row := &rows[i]
		row.BestRank, row.WorstRank = row.Rank[models[0]], row.Rank[models[0]]
		for _, m := range models {
			row.BestRank, row.WorstRank = min(row.BestRank, row.Rank[m]), max(row.WorstRank, row.Rank[m])
		}
		row.RankChanges = row.BestRank != row.WorstRank
	}
	def := s.opts.Model
	for i := range rows {
		cents[i] = RoundCents(float64(rows[i].Credit[def]))
	}
	if len(rows) == 0 {
		return rec, rows
	}
	sorted := make([]ModelComparison, len(rows))
	for k, i := range creditOrder(rows, cents) {
		sorted[k] = rows[i]
	}
	return rec, sorted
}

// creditOrder returns the indexes of rows by credit in cents (cents[i] for
// rows[i]), most first, ties by campaign id, in a stable order.
func creditOrder(rows []ModelComparison, cents []float64) []int {
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := cmp.Compare(cents[b], cents[a]); c != 0 {
			return c
		}
		return cmp.Compare(rows[a].CampaignID, rows[b].CampaignID)
	})
	return order
}
