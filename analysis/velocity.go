package analysis

import (
	"math"
	"slices"

	"github.com/campaignretro/retro/loader"
)

// Velocity is SPEC section 12: how fast the funnel moves, and whether the
// pipeline of one origin is slower, smaller or won less often than another's.
// Days are fixed 24-hour spans, as fractions.
type Velocity struct {
	// Stages holds mql_to_sql, sql_to_opportunity, opportunity_to_close and
	// opportunity_to_won, in that order.
	Stages        []VelocityStage `json:"stages"`
	SalesCycle    SalesCycle      `json:"sales_cycle"`
	LeadToRevenue LeadToRevenue   `json:"lead_to_revenue"`
	// ByOrigin has marketing_sourced, sales_sourced, partner_sourced and
	// other_sourced always, and unknown_sourced when the input has no leads
	// (SPEC 11), even with no opportunity in it.
	ByOrigin []OriginVelocity `json:"by_origin"`
	// PipelineVelocity is the velocity formula over all opportunities
	// created in P: money per day, nil when a part is null or 0.
	PipelineVelocity *Money `json:"pipeline_velocity"`
	// CycleLogRankP is the p-value of a log-rank test between the
	// opportunity_to_close curves of marketing_sourced and sales_sourced
	// (nil when either group has no closed opportunity); it backs any claim
	// that one closes faster than the other.
	CycleLogRankP *float64 `json:"cycle_logrank_p"`
}

// VelocityStage is the time from entering one funnel stage to the next:
// Kaplan-Meier quantiles in days, the not-yet-converted censored at as_of
// (leads disqualified in between at disqualified_at).
type VelocityStage struct {
	Stage      string   `json:"stage"`
	Entered    int      `json:"entered"`
	Converted  int      `json:"converted"`
	MedianDays *float64 `json:"median_days"`
	P75Days    *float64 `json:"p75_days"`
	P90Days    *float64 `json:"p90_days"`
}

// SalesCycle is closed_at - created_at of the opportunities won in P, in
// days: plain statistics, nothing censored.
type SalesCycle struct {
	Won        int      `json:"won"`
	MedianDays *float64 `json:"median_days"`
	MeanDays   *float64 `json:"mean_days"`
}

// LeadToRevenue is closed_at - the earliest first touch of the deal's
// people, over the opportunities won in P whose people have a touch (N of
// them).
type LeadToRevenue struct {
	N          int      `json:"n"`
	MedianDays *float64 `json:"median_days"`
	MeanDays   *float64 `json:"mean_days"`
}

// OriginVelocity is one origin group's opportunities created in P: how many
// closed by as_of and were won, the average won deal, the Kaplan-Meier
// median days to close, and the resulting velocity in money per day.
type OriginVelocity struct {
	Origin          string    `json:"origin"`
	Opportunities   int       `json:"opportunities"`
	Pipeline        Money     `json:"pipeline"`
	Closed          int       `json:"closed"`
	Won             int       `json:"won"`
	WinRate         *float64  `json:"win_rate"`
	WinRateCI       *Interval `json:"win_rate_ci"`
	AverageWon      *Money    `json:"average_won"`
	CycleMedianDays *float64  `json:"cycle_median_days"`
	Velocity        *Money    `json:"velocity"`
}

// VelocityStages are the stage names, in the SPEC's order.
var VelocityStages = []string{"mql_to_sql", "sql_to_opportunity", "opportunity_to_close", "opportunity_to_won"}

// SourcedGroups are the origin groups of SPEC sections 6 and 11, in order;
// the last, unknown_sourced, applies only to a dataset without leads.
var SourcedGroups = []string{"marketing_sourced", "sales_sourced", "partner_sourced", "other_sourced", "unknown_sourced"}

// unknownSourced is the index of unknown_sourced in SourcedGroups.
const unknownSourced = 4

// sourcedGroup returns the index in SourcedGroups of opportunity o's origin
// group (SPEC 6), primary being its primary person.
func (s *scope) sourcedGroup(o int, primary loader.ID) int {
	origin, known := s.sourcedBy(o, primary)
	switch {
	case !known:
		return unknownSourced
	case origin == loader.OriginMarketing:
		return 0
	case origin == loader.OriginSales:
		return 1
	case origin == loader.OriginPartner:
		return 2
	}
	return 3
}

// stageObservation is a lead's time in a stage entered at entered: an event
// at conv (NoTime when it never converted), censored at disqualified when
// that falls after entered and before conv, else at as_of.
func (s *scope) stageObservation(entered, conv, disqualified loader.Time) observation {
	switch {
	case disqualified != loader.NoTime && disqualified > entered && (conv == loader.NoTime || disqualified < conv):
		return observation{t: disqualified - entered}
	case conv != loader.NoTime:
		return observation{t: conv - entered, event: true}
	}
	return observation{t: s.asOf - entered}
}

// velocity computes SPEC section 12.
func (s *scope) velocity() *Velocity {
	ds := s.ds
	var mqlObs, sqlObs, closeObs, wonObs []observation
	for pi := range ds.Leads {
		lead := &ds.Leads[pi]
		if !lead.Known {
			continue
		}
		if s.inP(lead.MQLAt) {
			conv := loader.NoTime
			if lead.SQLAt != loader.NoTime && lead.SQLAt >= lead.MQLAt {
				conv = lead.SQLAt
			}
			mqlObs = append(mqlObs, s.stageObservation(lead.MQLAt, conv, lead.DisqualifiedAt))
		}
		if s.inP(lead.SQLAt) {
			conv := loader.NoTime
			for _, o := range s.oppsOf(loader.ID(pi)) {
				if c := ds.Opportunities[o].CreatedAt; c >= lead.SQLAt && (conv == loader.NoTime || c < conv) {
					conv = c
				}
			}
			sqlObs = append(sqlObs, s.stageObservation(lead.SQLAt, conv, lead.DisqualifiedAt))
		}
	}

	withLeads := s.withLeads
	primary := s.primaryPeople()
	type tally struct {
		opportunities, closed, won int
		pipeline, wonAmount        float64
		wonDays                    float64 // sum of created -> closed of the won, in days
		close                      []observation
	}
	groups := make([]tally, len(SourcedGroups))
	var all tally
	for o := range ds.Opportunities {
		opp := &ds.Opportunities[o]
		if !s.inP(opp.CreatedAt) {
			continue
		}
		closeOb := observation{t: s.asOf - opp.CreatedAt}
		wonOb := closeOb
		if opp.Status != loader.Open {
			closeOb = observation{t: opp.ClosedAt - opp.CreatedAt, event: true}
			wonOb = observation{t: closeOb.t, event: opp.Status == loader.Won}
		}
		closeObs = append(closeObs, closeOb)
		wonObs = append(wonObs, wonOb)
		g := &groups[s.sourcedGroup(o, primary[o])]
		for _, t := range []*tally{g, &all} {
			t.opportunities++
			t.pipeline += opp.Amount
			if opp.Status != loader.Open && opp.ClosedAt <= s.asOf {
				t.closed++
				if opp.Status == loader.Won {
					t.won++
					t.wonAmount += opp.Amount
					t.wonDays += float64(opp.ClosedAt-opp.CreatedAt) / microsPerDay
				}
			}
		}
		g.close = append(g.close, closeOb)
	}

	v := &Velocity{}
	for i, obs := range [][]observation{mqlObs, sqlObs, closeObs, wonObs} {
		v.Stages = append(v.Stages, stageTimes(VelocityStages[i], obs))
	}
	velocityOf := func(t *tally) (avg *Money, vel *Money) {
		if t.won == 0 {
			return nil, nil
		}
		average := t.wonAmount / float64(t.won)
		winRate := float64(t.won) / float64(t.closed)
		meanDays := t.wonDays / float64(t.won)
		avg = moneyPtr(average)
		if t.opportunities > 0 && average != 0 && meanDays != 0 {
			vel = moneyPtr(float64(t.opportunities) * winRate * average / meanDays)
		}
		return avg, vel
	}
	for gi, name := range SourcedGroups {
		g := &groups[gi]
		if gi == unknownSourced && withLeads {
			continue
		}
		row := OriginVelocity{
			Origin: name, Opportunities: g.opportunities, Pipeline: Money(g.pipeline),
			Closed: g.closed, Won: g.won, WinRate: ratio(g.won, g.closed), WinRateCI: wilson(g.won, g.closed),
		}
		row.AverageWon, row.Velocity = velocityOf(g)
		sortByTime(g.close, make([]observation, len(g.close)))
		row.CycleMedianDays = kmQuantilesIn(g.close, microsPerDay, 0.5)[0]
		v.ByOrigin = append(v.ByOrigin, row)
	}
	_, v.PipelineVelocity = velocityOf(&all)
	v.CycleLogRankP = logRankP(groups[0].close, groups[1].close)

	var cycle, toRevenue []float64
	for o := range ds.Opportunities {
		opp := &ds.Opportunities[o]
		if opp.Status != loader.Won || !s.inP(opp.ClosedAt) {
			continue
		}
		cycle = append(cycle, float64(opp.ClosedAt-opp.CreatedAt)/microsPerDay)
		first := loader.NoTime
		for _, p := range ds.PeopleOf(o) {
			if ts := ds.PersonTouches(p); len(ts) > 0 && (first == loader.NoTime || ts[0].At < first) {
				first = ts[0].At
			}
		}
		if first != loader.NoTime {
			toRevenue = append(toRevenue, float64(opp.ClosedAt-first)/microsPerDay)
		}
	}
	v.SalesCycle.Won = len(cycle)
	v.SalesCycle.MedianDays, v.SalesCycle.MeanDays = medianMean(cycle)
	v.LeadToRevenue.N = len(toRevenue)
	v.LeadToRevenue.MedianDays, v.LeadToRevenue.MeanDays = medianMean(toRevenue)
	return v
}

// stageTimes sorts obs by time and returns the stage's row.
func stageTimes(name string, obs []observation) VelocityStage {
	sortByTime(obs, make([]observation, len(obs)))
	converted := 0
	for i := range obs {
		if obs[i].event {
			converted++
		}
	}
	q := kmQuantilesIn(obs, microsPerDay, 0.5, 0.75, 0.9)
	return VelocityStage{Stage: name, Entered: len(obs), Converted: converted, MedianDays: q[0], P75Days: q[1], P90Days: q[2]}
}

// medianMean returns the median (the mean of the two middle values for an
// even count) and the mean of xs, both nil when xs is empty. xs is sorted.
func medianMean(xs []float64) (median, mean *float64) {
	n := len(xs)
	if n == 0 {
		return nil, nil
	}
	slices.Sort(xs)
	m := xs[n/2]
	if n%2 == 0 {
		m = (xs[n/2-1] + xs[n/2]) / 2
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	avg := sum / float64(n)
	return &m, &avg
}

// logRankP returns the two-sided p-value of the log-rank test between two
// groups of observations, each sorted by time: at every distinct event time
// the expected events of group a among those at risk in both. It is nil when
// either group has no event.
func logRankP(a, b []observation) *float64 {
	events := func(obs []observation) int {
		n := 0
		for i := range obs {
			if obs[i].event {
				n++
			}
		}
		return n
	}
	if events(a) == 0 || events(b) == 0 {
		return nil
	}
	na, nb := float64(len(a)), float64(len(b))
	var observed, expected, variance float64
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		t := loader.Time(math.MaxInt64)
		if i < len(a) {
			t = a[i].t
		}
		if j < len(b) && b[j].t < t {
			t = b[j].t
		}
		var da, db, ra, rb float64
		for ; i < len(a) && a[i].t == t; i++ {
			ra++
			if a[i].event {
				da++
			}
		}
		for ; j < len(b) && b[j].t == t; j++ {
			rb++
			if b[j].event {
				db++
			}
		}
		if d, n := da+db, na+nb; d > 0 {
			observed += da
			expected += d * na / n
			if n > 1 {
				variance += d * (na / n) * (nb / n) * (n - d) / (n - 1)
			}
		}
		na, nb = na-ra, nb-rb
	}
	p := 1.0
	if variance > 0 {
		chi := (observed - expected) * (observed - expected) / variance
		p = math.Erfc(math.Sqrt(chi / 2))
	}
	return &p
}
