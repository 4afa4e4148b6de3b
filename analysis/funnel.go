package analysis

import (
	"slices"

	"github.com/campaignretro/retro/loader"
)

// response is a responder's first touch on one campaign in P (t_r).
type response struct {
	campaign loader.ID
	at       loader.Time
}

// responses appends to buf, for person p, the first touch in P on each
// campaign (t_r), using stamp (one slot per campaign, holding p+1 once seen).
func (s *scope) responses(p loader.ID, stamp []int32, buf []response) []response {
	buf = buf[:0]
	for _, t := range s.ds.PersonTouches(p) {
		if t.At < s.lo {
			continue
		}
		if t.At >= s.hi {
			break
		}
		if stamp[t.Campaign] != p+1 {
			stamp[t.Campaign] = p + 1
			buf = append(buf, response{t.Campaign, t.At})
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
func (s *scope) campaigns(attr *Attribution) []Campaign {
	ds := s.ds
	counts := make([]funnelCounts, len(ds.Campaigns))
	stamp := make([]int32, len(ds.Campaigns))
	var buf []response
	type link struct {
		campaign loader.ID
		opp      int32
	}
	var links []link
	for pi, lead := range ds.Leads {
		p := loader.ID(pi)
		touches := ds.PersonTouches(p)
		if lead.Known && s.inP(lead.CreatedAt) && len(touches) > 0 {
			counts[touches[0].Campaign].newLeads++
		}
		buf = s.responses(p, stamp, buf)
		opps := s.oppsOf(p)
		for _, r := range buf {
			c := &counts[r.campaign]
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
					links = append(links, link{r.campaign, o})
				}
			}
			if linked {
				c.oppResponders++
			}
		}
	}
	slices.SortFunc(links, func(a, b link) int {
		if a.campaign != b.campaign {
			return int(a.campaign - b.campaign)
		}
		return int(a.opp - b.opp)
	})
	for i, l := range links {
		if i > 0 && links[i-1] == l {
			continue
		}
		c, o := &counts[l.campaign], ds.Opportunities[l.opp]
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

	var pipeCredit, revCredit map[string]float64
	if attr != nil {
		pipeCredit = attr.Pipeline.credit(s.opts.Model)
		revCredit = attr.Revenue.credit(s.opts.Model)
	}
	rows := []Campaign{}
	for _, sc := range s.campaignScope() {
		c, camp, id := counts[sc.id], ds.Campaigns[sc.id], s.campaignName(sc.id)
		row := Campaign{
			CampaignID: id, Name: camp.Name, Channel: camp.Channel, Cost: Money(sc.cost),
			Responders: c.responders, NewLeads: c.newLeads, MQLs: c.mqls, SQLs: c.sqls,
			Opportunities: c.opportunities, Won: c.won, Lost: c.lost,
			Pipeline: Money(c.pipeline), Revenue: Money(c.revenue),
			MQLRate: ratio(c.mqls, c.responders), MQLRateCI: wilson(c.mqls, c.responders),
			SQLRate: ratio(c.sqls, c.mqls), SQLRateCI: wilson(c.sqls, c.mqls),
			OppRate: ratio(c.oppResponders, c.responders), OppRateCI: wilson(c.oppResponders, c.responders),
			WinRate: ratio(c.won, c.won+c.lost), WinRateCI: wilson(c.won, c.won+c.lost),
			CostPerResponder:   perUnit(sc.cost, c.responders),
			CostPerOpportunity: perUnit(sc.cost, c.opportunities),
			AttributedPipeline: Money(pipeCredit[id]),
			AttributedRevenue:  Money(revCredit[id]),
		}
		row.ROI = div(revCredit[id]-sc.cost, sc.cost)
		row.ReturnMultiple = div(revCredit[id], sc.cost)
		row.TooEarly = camp.End != loader.NoDay && camp.End <= s.period.To && camp.End > s.period.To-TooEarlyDays &&
			row.ReturnMultiple != nil && *row.ReturnMultiple < 1
		rows = append(rows, row)
	}
	return rows
}
