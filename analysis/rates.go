package analysis

// Rate is a share as the report shows it: its value (nil when N is 0), its
// 95% Wilson interval (nil when it has none) and N, the count it is
// computed from. Small decides, for every renderer and finding, whether it
// rests on too few cases to rank or compare.
type Rate struct {
	Value *float64
	CI    *Interval
	N     int
}

// Small reports whether r rests on fewer than SmallSample cases.
func (r Rate) Small() bool { return r.N < SmallSample }

// The methods below pair each rate of the report with the count it rests
// on: the denominator is chosen here, once.

// MQL is the campaign's MQL rate, over its responders.
func (c *Campaign) MQL() Rate { return Rate{c.MQLRate, c.MQLRateCI, c.Responders} }

// SQL is the campaign's SQL rate, over its MQLs.
func (c *Campaign) SQL() Rate { return Rate{c.SQLRate, c.SQLRateCI, c.MQLs} }

// Opp is the campaign's opportunity rate, over its responders.
func (c *Campaign) Opp() Rate { return Rate{c.OppRate, c.OppRateCI, c.Responders} }

// Win is the campaign's win rate, over its closed opportunities.
func (c *Campaign) Win() Rate { return Rate{c.WinRate, c.WinRateCI, c.Won + c.Lost} }

// SQL is the bucket's SQL rate, over its handoffs.
func (b *LatencyBucket) SQL() Rate { return Rate{b.SQLRate, b.SQLRateCI, b.Leads} }

// Opp is the bucket's opportunity rate, over its handoffs.
func (b *LatencyBucket) Opp() Rate { return Rate{b.OppRate, b.OppRateCI, b.Leads} }

// InSLA is the group's share contacted within the SLA, over its handoffs.
func (g *LatencyGroup) InSLA() Rate { return Rate{g.WithinSLA, nil, g.Handoffs} }

// Fast is the SQL rate of the handoffs contacted within an hour.
func (t *LatencyTakeaway) Fast() Rate { return Rate{&t.FastRate, &t.FastRateCI, t.FastLeads} }

// Slow is the SQL rate of the handoffs first contacted after a day.
func (t *LatencyTakeaway) Slow() Rate { return Rate{&t.SlowRate, &t.SlowRateCI, t.SlowLeads} }

// MQL is the asset type's MQL rate, over the leads it brought in.
func (t *AssetType) MQL() Rate { return Rate{t.MQLRate, t.MQLRateCI, t.Leads} }

// Opp is the asset type's opportunity rate, over the leads it brought in.
func (t *AssetType) Opp() Rate { return Rate{t.OppRate, t.OppRateCI, t.Leads} }

// Win is the win rate of the deals the asset type touched, over those deals.
func (t *AssetType) Win() Rate { return Rate{t.WinRate, t.WinRateCI, t.Opportunities} }

// MQL is the asset's MQL rate, over the leads it brought in.
func (a *AssetRow) MQL() Rate { return Rate{a.MQLRate, nil, a.Leads} }

// Win is the win rate of the deals the asset touched, over those deals.
func (a *AssetRow) Win() Rate { return Rate{a.WinRate, a.WinRateCI, a.Opportunities} }

// MQL is the segment's MQL rate, over the leads created in P.
func (r *SegmentRow) MQL() Rate { return Rate{r.MQLRate, r.MQLRateCI, intOr0(r.LeadsCreated)} }

// Win is the segment's win rate, over its closed deals (none without
// opportunities.csv).
func (r *SegmentRow) Win() Rate {
	closed := 0
	if r.Won != nil && r.Lost != nil {
		closed = *r.Won + *r.Lost
	}
	return Rate{r.WinRate, r.WinRateCI, closed}
}

// SQL is the campaign's MQL-to-SQL rate beside its disqualified leads, over
// its MQLs.
func (c *LeadQualityCampaign) SQL() Rate { return Rate{c.SQLRate, c.SQLRateCI, c.MQLs} }

// Flagged is the owner's flagged share of pipeline, over the owner's
// opportunities.
func (o *HygieneOwner) Flagged() Rate { return Rate{o.FlaggedShare, nil, o.Opportunities} }

// Win is the origin group's win rate, over its deals closed by as_of.
func (o *OriginVelocity) Win() Rate { return Rate{o.WinRate, o.WinRateCI, o.Closed} }

// Opportunity is the share of engaged accounts that opened an opportunity,
// over the engaged accounts.
func (t *AccountTotals) Opportunity() Rate {
	return Rate{t.EngagedToOpportunityRate, t.EngagedToOpportunityRateCI, t.AccountsEngaged}
}

// Opportunity is the campaign's account opportunity rate, over the accounts
// it engaged.
func (c *AccountCampaign) Opportunity() Rate {
	return Rate{c.AccountOppRate, c.AccountOppRateCI, c.AccountsEngaged}
}
