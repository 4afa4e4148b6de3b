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

// ruleModel returns the weights of a rule-based model of SPEC section 6.
func (s *scope) ruleModel(name string) weights {
	switch name {
	case "first_touch":
		return func(j *journey, w []float64) { w[0] = 1 }
	case "last_touch":
		return func(j *journey, w []float64) { w[len(w)-1] = 1 }
	case "linear":
		return func(j *journey, w []float64) {
			for i := range w {
				w[i] = 1 / float64(len(w))
			}
		}
	case "position_based":
		return positionBased
	case "w_shaped":
		return func(j *journey, w []float64) {
			wShaped(j.touches, s.earliestMQL(int(j.opp)), s.ds.Opportunities[j.opp].CreatedAt, w)
		}
	case "time_decay":
		halfLife := s.opts.HalfLifeDays * microsPerDay
		return func(j *journey, w []float64) { timeDecay(j.touches, halfLife, w) }
	}
	panic("analysis: unknown attribution model " + name)
}

// positionBased gives 40% to the first and the last touch and shares 20%
// over the touches between (n = 1: all; n = 2: half each).
func positionBased(j *journey, w []float64) {
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

// wShaped gives 0.9 in equal parts to the roles that exist (first touch;
// the last touch at or before mql, the earliest MQL time of the deal's
// people; the last touch at or before created) and 0.1 in equal parts to the
// touches holding no role, or to the role holders when every touch holds one.
func wShaped(touches []journeyTouch, mql, created loader.Time, w []float64) {
	n := len(touches)
	if n == 1 {
		w[0] = 1
		return
	}
	lastAtOrBefore := func(t loader.Time) int {
		if t == loader.NoTime {
			return -1
		}
		i, _ := slices.BinarySearchFunc(touches, t, func(jt journeyTouch, t loader.Time) int {
			if jt.At <= t {
				return -1
			}
			return 1
		})
		return i - 1
	}
	roles := []int{0}
	if m := lastAtOrBefore(mql); m >= 0 {
		roles = append(roles, m)
	}
	if c := lastAtOrBefore(created); c >= 0 {
		roles = append(roles, c)
	}
	share := 0.9 / float64(len(roles))
	holds := make([]bool, n)
	for _, r := range roles {
		w[r] += share
		holds[r] = true
	}
	free := 0
	for _, h := range holds {
		if !h {
			free++
		}
	}
	for i, h := range holds {
		switch {
		case free > 0 && !h:
			w[i] += 0.1 / float64(free)
		case free == 0 && h:
			w[i] += 0.1 / float64(n)
		}
	}
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
func (s *scope) compareModels(perModel map[string][]float64, inJourney []bool, total, unattributed float64) ([]Reconciliation, []ModelComparison) {
	var rec []Reconciliation
	for _, m := range Models {
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
		for _, m := range Models {
			has = has || perModel[m][c] != 0
		}
		if has {
			ids = append(ids, loader.ID(c))
		}
	}
	for _, c := range ids {
		row := ModelComparison{CampaignID: s.campaignName(c), Name: s.ds.Campaigns[c].Name, Channel: s.campaignChannel[c],
			Credit: map[string]Money{}, Rank: map[string]int{}, Min: Money(math.Inf(1)), Max: Money(math.Inf(-1))}
		for _, m := range Models {
			v := perModel[m][c]
			row.Credit[m] = Money(v)
			row.Min, row.Max = min(row.Min, Money(v)), max(row.Max, Money(v))
		}
		rows = append(rows, row)
	}
	// Ranks per model: by credit (cents) descending; equal credits share a rank.
	for _, m := range Models {
		order := make([]int, len(rows))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			if c := cmp.Compare(RoundCents(float64(rows[b].Credit[m])), RoundCents(float64(rows[a].Credit[m]))); c != 0 {
				return c
			}
			return cmp.Compare(rows[a].CampaignID, rows[b].CampaignID)
		})
		// Competition ranking: equal credit (in cents) shares a rank, so that
		// campaigns tied at 0 do not look as if their rank moved.
		for k, i := range order {
			rows[i].Rank[m] = k + 1
			if k > 0 {
				prev := order[k-1]
				if RoundCents(float64(rows[prev].Credit[m])) == RoundCents(float64(rows[i].Credit[m])) {
					rows[i].Rank[m] = rows[prev].Rank[m]
				}
			}
		}
	}
	for i := range rows {
		row := &rows[i]
		row.BestRank, row.WorstRank = row.Rank[Models[0]], row.Rank[Models[0]]
		for _, m := range Models {
			row.BestRank, row.WorstRank = min(row.BestRank, row.Rank[m]), max(row.WorstRank, row.Rank[m])
		}
		row.RankChanges = row.BestRank != row.WorstRank
	}
	def := s.opts.Model
	slices.SortStableFunc(rows, func(a, b ModelComparison) int {
		if c := cmp.Compare(RoundCents(float64(b.Credit[def])), RoundCents(float64(a.Credit[def]))); c != 0 {
			return c
		}
		return cmp.Compare(a.CampaignID, b.CampaignID)
	})
	return rec, rows
}
