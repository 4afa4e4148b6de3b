package templates

import (
	"fmt"
	"sort"

	"github.com/campaignretro/retro/analysis"
)

func funnelSection(d *document, r *analysis.Report) {
	d.h2("Campaign funnel")
	if r.Campaigns == nil {
		d.p("%s", missingLine(r, analysis.SectionCampaigns))
		return
	}
	t := r.Totals
	d.takeaway(fmt.Sprintf("In %s, campaigns reached %s responders; %s leads became MQLs, %s became SQLs, %s created and %s won.",
		mdText(r.Period.Label), countPtr(t.Responders), countPtr(t.MQLs), countPtr(t.SQLs), pluralPtr(t.OpportunitiesCreated, "opportunity was", "opportunities were"), pluralPtr(t.Won, "deal was", "deals were")))
	stage := func(v *int) float64 {
		if v == nil {
			return 0
		}
		return float64(*v)
	}
	mqls, sqls := t.MQLs, t.SQLs
	d.chart(&Chart{
		ID:         "funnel",
		Title:      "Funnel for " + r.Period.Label,
		Takeaway:   "Responders, MQLs, SQLs, opportunities created and deals won in the period.",
		Categories: []string{"Responders", "MQLs", "SQLs", "Opportunities", "Won"},
		Series:     []Series{{Name: "Count", Values: []float64{stage(t.Responders), stage(mqls), stage(sqls), stage(t.OpportunitiesCreated), stage(t.Won)}}},
		YName:      "count",
	})
	rows := append([]analysis.Campaign(nil), r.Campaigns...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Pipeline > rows[j].Pipeline })
	var cells [][]string
	var ids []string
	for _, c := range rows {
		ids = append(ids, c.CampaignID)
		cells = append(cells, []string{
			mdText(c.Name) + " (" + mdText(c.CampaignID) + ")", mdText(channelLabel(c.Channel)),
			count(c.Responders), count(c.NewLeads),
			rateCI(c.MQL()),
			rateOnly(c.SQL()),
			rateOnly(c.Opp()),
			count(c.Opportunities), money(c.Pipeline), count(c.Won),
			rateCI(c.Win()), money(c.Revenue),
		})
	}
	d.explain("Every campaign with a touch in the period or running during it, largest pipeline first. A campaign counts every opportunity it touched (influence), so pipeline overlaps between campaigns; see attribution for a split that adds up. Rates in brackets are 95%% intervals; rates from fewer than %d cases are marked small sample.", analysis.SmallSample)
	d.campaignTable([]string{"Campaign", "Channel", "Responders", "New leads", "MQL rate", "SQL rate", "Opp rate", "Opps", "Pipeline", "Won", "Win rate", "Revenue"}, "llrrrrrrrrrr", cells, ids)
	d.define("Responder", "A person with a touch (campaign response) on the campaign in the period; counted once per campaign, from their first touch on it in the period.")
	d.define("New leads", "Leads created in the period whose first touch ever was on this campaign.")
	d.define("MQL rate", "Responders who became MQLs at or after their first touch on the campaign, divided by responders.")
	d.define("SQL rate", "Of those MQLs, the share who also became SQLs at or after that touch.")
	d.define("Opp rate", "Responders who are on an opportunity created within the lookback window after their touch, divided by responders.")
	d.define("95% interval", "The Wilson score interval: the range the true rate plausibly lies in, given the sample size. Wide intervals mean few cases.")
	d.define("Small sample", fmt.Sprintf("A rate computed from fewer than %d cases; shown in italics and not ranked.", analysis.SmallSample))
}
