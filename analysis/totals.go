package analysis

import "github.com/campaignretro/retro/loader"

// totals computes SPEC section 2 for P.
func (s *scope) totals() Totals {
	ds := s.ds
	var t Totals
	if ds.Files.Leads {
		var created, mqls, sqls int
		for _, l := range ds.Leads {
			if !l.Known {
				continue
			}
			if s.inP(l.CreatedAt) {
				created++
			}
			if s.inP(l.MQLAt) {
				mqls++
			}
			if s.inP(l.SQLAt) {
				sqls++
			}
		}
		t.LeadsCreated, t.MQLs, t.SQLs = &created, &mqls, &sqls
	}
	if ds.Files.Touches {
		n := 0
		for p := range ds.Leads {
			for _, tc := range ds.PersonTouches(loader.ID(p)) {
				if s.inP(tc.At) {
					n++
					break
				}
			}
		}
		t.Responders = &n
	}
	if ds.Files.Opportunities {
		var created, won, lost int
		var pipeline, revenue float64
		for _, o := range ds.Opportunities {
			if s.inP(o.CreatedAt) {
				created++
				pipeline += o.Amount
			}
			if s.inP(o.ClosedAt) {
				switch o.Status {
				case loader.Won:
					won++
					revenue += o.Amount
				case loader.Lost:
					lost++
				}
			}
		}
		t.OpportunitiesCreated, t.Won, t.Lost = &created, &won, &lost
		t.Pipeline, t.Revenue = moneyPtr(pipeline), moneyPtr(revenue)
		t.WinRate = ratio(won, won+lost)
	}
	if ds.Files.Campaigns {
		cost := 0.0
		for _, c := range s.campaignScope() {
			cost += c.cost
		}
		t.Cost = moneyPtr(cost)
	}
	t.TotalsEfficiency = totalsEfficiency(t)
	return t
}

// scoped is a campaign in scope for P, with its cost prorated to P.
type scoped struct {
	id   loader.ID
	cost float64
}

// campaignScope returns the campaigns in scope for P, sorted by campaign_id:
// those with a touch in P, or whose [start_date, end_date] overlaps P (a
// campaign with one date is open-ended on the other side). Cost is prorated
// by the days of the run inside P when both dates are present.
func (s *scope) campaignScope() []scoped {
	ds := s.ds
	touched := make([]bool, len(ds.Campaigns))
	for _, t := range ds.Touches {
		if s.inP(t.At) {
			touched[t.Campaign] = true
		}
	}
	var out []scoped
	for _, c := range s.campaignsByID() {
		camp := ds.Campaigns[c]
		overlaps := false
		if camp.Start != loader.NoDay || camp.End != loader.NoDay {
			overlaps = (camp.Start == loader.NoDay || camp.Start <= s.period.To) &&
				(camp.End == loader.NoDay || camp.End >= s.period.From)
		}
		if !touched[c] && !overlaps {
			continue
		}
		cost := camp.Cost
		if camp.Start != loader.NoDay && camp.End != loader.NoDay {
			inside := min(camp.End, s.period.To) - max(camp.Start, s.period.From) + 1
			cost = camp.Cost * float64(max(inside, 0)) / float64(camp.End-camp.Start+1)
		}
		out = append(out, scoped{id: c, cost: cost})
	}
	return out
}
