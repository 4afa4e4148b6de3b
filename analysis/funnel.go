package analysis

import (
	"slices"

	"github.com/campaignretro/retro/loader"
)

// response is a responder's first touch on one group of campaigns in P
// (t_r); for the campaign funnel each campaign is its own group.
type response struct {
	group int32
	at    loader.Time
}

// responses appends to buf, for person p, the first touch in P on each
// group of campaigns (t_r), group[c] being campaign c's group (-1: none),
// using stamp (one slot per group, holding p+1 once seen).
func (s *scope) responses(p loader.ID, group []int32, stamp []int32, buf []response) []response {
	buf = buf[:0]
	for _, t := range s.ds.PersonTouches(p) {
		if t.At < s.lo {
			continue
		}
		if t.At >= s.hi {
			break
		}
		g := group[t.Campaign]
		if g >= 0 && stamp[g] != p+1 {
			stamp[g] = p + 1
			buf = append(buf, response{g, t.At})
		}
	}
	return buf
}

// funnelCounts accumulates one campaign's funnel.
type funnelCounts struct {
	responders, newLeads, mqls, sqls, oppResponders int
	opportunities, won, lost                        int
	pipeline, revenue                               float64
}

// campaigns computes SPEC section 3: one row per campaign in scope, sorted by
// campaign_id. attr supplies attributed pipeline and revenue under the
// default model (nil when attribution is unavailable).
func (s *scope) campaigns(attribution func() *Attribution) []Campaign {
	ds := s.ds
	identity := make([]int32, len(ds.Campaigns))
	for c := range identity {
		identity[c] = int32(c)
	}
	counts := s.funnelCounts(identity, len(ds.Campaigns))
	var pipeCredit, revCredit map[string]float64
	if attr := attribution(); attr != nil {
		pipeCredit = attr.Pipeline.credit(s.opts.Model)
		revCredit = attr.Revenue.credit(s.opts.Model)
	}
	rows := []Campaign{}
	for _, sc := range s.campaignScope() {
		c, camp, id := counts[sc.id], ds.Campaigns[sc.id], s.campaignName(sc.id)
		row := funnelRow(c, sc.cost, pipeCredit[id], revCredit[id])
		row.CampaignID, row.Name, row.Channel = id, camp.Name, camp.Channel
		row.TooEarly = camp.End != loader.NoDay && camp.End <= s.period.To && camp.End > s.period.To-TooEarlyDays &&
			row.ROAS != nil && *row.ROAS < 1
		rows = append(rows, row)
	}
	return rows
}

// funnelRow returns the figures of a funnel row (SPEC 3 and 13) from its
// counts, its cost and its credit under the default model; the caller names
// the row.
func funnelRow(c funnelCounts, cost, attributedPipeline, attributedRevenue float64) Campaign {
	return Campaign{
		Cost:       Money(cost),
		Responders: c.responders, NewLeads: c.newLeads, MQLs: c.mqls, SQLs: c.sqls,
		Opportunities: c.opportunities, Won: c.won, Lost: c.lost,
		Pipeline: Money(c.pipeline), Revenue: Money(c.revenue),
		MQLRate: ratio(c.mqls, c.responders), MQLRateCI: wilson(c.mqls, c.responders),
		SQLRate: ratio(c.sqls, c.mqls), SQLRateCI: wilson(c.sqls, c.mqls),
		OppRate: ratio(c.oppResponders, c.responders), OppRateCI: wilson(c.oppResponders, c.responders),
		WinRate: ratio(c.won, c.won+c.lost), WinRateCI: wilson(c.won, c.won+c.lost),
		CostPerResponder:   perUnit(cost, c.responders),
		CostPerOpportunity: perUnit(cost, c.opportunities),
		AttributedPipeline: Money(attributedPipeline),
		AttributedRevenue:  Money(attributedRevenue),
		ROI:                div(attributedRevenue-cost, cost),
		Efficiency:         efficiency(cost, c, attributedRevenue),
	}
}

// funnelCounts computes the funnel of SPEC section 3 for groups of
// campaigns: group[c] is campaign c's group (0..groups-1, or -1 for none),
// and a group's funnel reads "a touch on c" as "a touch on any campaign of
// the group" (responders are distinct people, t_r their earliest touch in P
// on the group, opportunities distinct).
func (s *scope) funnelCounts(group []int32, groups int) []funnelCounts {
	ds := s.ds
	counts := make([]funnelCounts, groups)
	stamp := make([]int32, groups)
	var buf []response
	type link struct {
		group int32
		opp   int32
	}
	var links []link
	for pi, lead := range ds.Leads {
		p := loader.ID(pi)
		touches := ds.PersonTouches(p)
		if lead.Known && s.inP(lead.CreatedAt) && len(touches) > 0 {
			if g := group[touches[0].Campaign]; g >= 0 {
				counts[g].newLeads++
			}
		}
		buf = s.responses(p, group, stamp, buf)
		opps := s.oppsOf(p)
		for _, r := range buf {
			c := &counts[r.group]
			c.responders++
			if lead.MQLAt != loader.NoTime && lead.MQLAt >= r.at {
				c.mqls++
				if lead.SQLAt != loader.NoTime && lead.SQLAt >= r.at {
					c.sqls++
				}
			}
			linked := false
			for _, o := range opps {
				created := ds.Opportunities[o].CreatedAt
				if created >= r.at && created <= r.at+s.w {
					linked = true
					links = append(links, link{r.group, o})
				}
			}
			if linked {
				c.oppResponders++
			}
		}
	}
	slices.SortFunc(links, func(a, b link) int {
		if a.group != b.group {
			return int(a.group - b.group)
		}
		return int(a.opp - b.opp)
	})
	for i, l := range links {
		if i > 0 && links[i-1] == l {
			continue
		}
		c, o := &counts[l.group], ds.Opportunities[l.opp]
		c.opportunities++
		c.pipeline += o.Amount
		switch o.Status {
		case loader.Won:
			c.won++
			c.revenue += o.Amount
		case loader.Lost:
			c.lost++
		}
	}
	return counts
}
