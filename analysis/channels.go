package analysis

import "slices"

// Efficiency is SPEC section 13's cost per stage and return per dollar of a
// campaign or channel row: cost divided by each count (nil when the count
// is 0) and roas = attributed_revenue / cost (nil when cost is 0).
type Efficiency struct {
	CostPerMQL *Money   `json:"cost_per_mql"`
	CostPerSQL *Money   `json:"cost_per_sql"`
	CostPerWon *Money   `json:"cost_per_won"`
	ROAS       *float64 `json:"roas"`
}

// TotalsEfficiency is SPEC section 13's addition to totals: the period's
// campaign cost per MQL, SQL, opportunity created and deal won, and the
// pipeline created per unit of cost. Each is nil when its count (or the
// cost) is 0 or its file is missing.
type TotalsEfficiency struct {
	CostPerMQL         *Money   `json:"cost_per_mql"`
	CostPerSQL         *Money   `json:"cost_per_sql"`
	CostPerOpportunity *Money   `json:"cost_per_opportunity"`
	CostPerWon         *Money   `json:"cost_per_won"`
	PipelinePerCost    *float64 `json:"pipeline_per_cost"`
}

// Channel is one row of SPEC section 13's channels: the campaign funnel of
// section 3 over the union of the channel's campaigns (distinct people and
// opportunities, not sums of campaign rows), its prorated cost, cost per
// stage, and its credit under the default attribution model. The embedded
// funnel row's campaign_id and name stay empty (and out of the JSON).
type Channel struct {
	Channel string `json:"channel"`
	// Campaigns counts the channel's campaigns in scope.
	Campaigns int `json:"campaigns"`
	Campaign
}

// efficiency returns the cost per stage and ROAS of a funnel row.
func efficiency(cost float64, c funnelCounts, attributedRevenue float64) Efficiency {
	return Efficiency{
		CostPerMQL: perUnit(cost, c.mqls),
		CostPerSQL: perUnit(cost, c.sqls),
		CostPerWon: perUnit(cost, c.won),
		ROAS:       div(attributedRevenue, cost),
	}
}

// totalsEfficiency returns the cost per stage of the period's totals.
func totalsEfficiency(t Totals) TotalsEfficiency {
	var e TotalsEfficiency
	if t.Cost == nil {
		return e
	}
	cost := float64(*t.Cost)
	if t.MQLs != nil {
		e.CostPerMQL = perUnit(cost, *t.MQLs)
	}
	if t.SQLs != nil {
		e.CostPerSQL = perUnit(cost, *t.SQLs)
	}
	if t.OpportunitiesCreated != nil {
		e.CostPerOpportunity = perUnit(cost, *t.OpportunitiesCreated)
	}
	if t.Won != nil {
		e.CostPerWon = perUnit(cost, *t.Won)
	}
	if t.Pipeline != nil {
		e.PipelinePerCost = div(float64(*t.Pipeline), cost)
	}
	return e
}

// channels computes SPEC section 13's channel rows, one per channel of the
// campaigns in scope, sorted by channel. attr supplies the channels' credit
// under the default model (nil when attribution is unavailable).
func (s *scope) channels(attribution func() *Attribution) []Channel {
	ds := s.ds
	inScope := s.campaignScope()
	var names []string
	for _, sc := range inScope {
		names = append(names, ds.Campaigns[sc.id].Channel)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	// A channel's campaigns are its campaigns in scope; touches in P are all
	// on campaigns in scope, and a new lead counts for the channel when its
	// first touch is on one of them (so a channel's new leads are the sum of
	// its campaign rows').
	group := make([]int32, len(ds.Campaigns))
	for c := range group {
		group[c] = -1
	}
	for _, sc := range inScope {
		i, _ := slices.BinarySearch(names, ds.Campaigns[sc.id].Channel)
		group[sc.id] = int32(i)
	}
	counts := s.funnelCounts(group, len(names))
	cost := make([]float64, len(names))
	campaigns := make([]int, len(names))
	for _, sc := range inScope {
		g := group[sc.id]
		cost[g] += sc.cost
		campaigns[g]++
	}
	var pipeCredit, revCredit map[string]Money
	if attr := attribution(); attr != nil {
		pipeCredit = attr.Pipeline.Channels[s.opts.Model]
		revCredit = attr.Revenue.Channels[s.opts.Model]
	}
	rows := []Channel{}
	for g, name := range names {
		rows = append(rows, Channel{Channel: name, Campaigns: campaigns[g],
			Campaign: funnelRow(counts[g], cost[g], float64(pipeCredit[name]), float64(revCredit[name]))})
	}
	return rows
}
