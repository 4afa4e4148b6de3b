package templates

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// channelsSection writes SPEC section 13: cost per stage and return per
// dollar, per channel, with the period's totals.
func channelsSection(d *document, r *analysis.Report) {
	d.h2("Cost per stage by channel")
	if r.Channels == nil {
		d.p("%s", missingLine(r, analysis.SectionChannels))
		return
	}
	defineChannels(d)
	model := strings.ReplaceAll(string(r.Settings.Model), "_", " ")
	d.takeaway(channelsTakeaway(r.Channels, r.Totals))

	rows := append([]analysis.Channel(nil), r.Channels...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Cost > rows[j].Cost })
	costPerWon := &Chart{
		ID:       "channel-cost-per-won",
		Title:    "Cost per deal won, by channel",
		Takeaway: "Each channel's prorated cost divided by the deals won among the opportunities its campaigns touched; channels without a win have no bar.",
		Money:    true, Horizontal: true, YName: "cost per won deal",
		Series: []Series{{Name: "Cost per won deal"}},
	}
	costPerMQL := &Chart{
		ID:       "channel-cost-per-mql",
		Title:    "Cost per MQL, by channel",
		Takeaway: "Each channel's prorated cost divided by its responders who became MQLs after their touch; channels without an MQL have no bar.",
		Money:    true, Horizontal: true, YName: "cost per MQL",
		Series: []Series{{Name: "Cost per MQL"}},
	}
	roas := &Chart{
		ID:         "channel-roas",
		Title:      "Attributed revenue per unit of cost, by channel (" + model + " credit)",
		Takeaway:   "Each channel's attributed revenue divided by its cost: above 1 the channel returned more than it cost.",
		Horizontal: true, YName: "revenue per unit of cost",
		Series: []Series{{Name: "Return per unit of cost"}},
	}
	var cells [][]string
	for _, c := range rows {
		if c.Cost > 0 {
			costPerMQL.Categories = append(costPerMQL.Categories, c.Channel)
			costPerMQL.Series[0].Values = append(costPerMQL.Series[0].Values, moneyOrNaN(c.CostPerMQL))
			costPerWon.Categories = append(costPerWon.Categories, c.Channel)
			costPerWon.Series[0].Values = append(costPerWon.Series[0].Values, moneyOrNaN(c.CostPerWon))
			roas.Categories = append(roas.Categories, c.Channel)
			roas.Series[0].Values = append(roas.Series[0].Values, orNaN(c.ROAS))
		}
		cells = append(cells, []string{
			mdText(c.Channel), count(c.Campaigns), money(c.Cost), count(c.Responders), count(c.MQLs), count(c.SQLs), count(c.Opportunities), count(c.Won),
			moneyPtr(c.CostPerMQL), moneyPtr(c.CostPerSQL), moneyPtr(c.CostPerOpportunity), moneyPtr(c.CostPerWon),
			money(c.AttributedRevenue), multipleText(c.ROAS),
		})
	}
	t := r.Totals
	cells = append(cells, []string{"**All campaigns**", "", moneyPtr(t.Cost), countPtr(t.Responders), countPtr(t.MQLs), countPtr(t.SQLs), countPtr(t.OpportunitiesCreated), countPtr(t.Won),
		moneyPtr(t.CostPerMQL), moneyPtr(t.CostPerSQL), moneyPtr(t.CostPerOpportunity), moneyPtr(t.CostPerWon), "", ""})
	if len(costPerWon.Categories) > 0 {
		d.charts2(costPerWon, roas)
	}
	d.more()
	d.p("A channel's row is the funnel of all its campaigns together: a person who answered two of its campaigns counts once, and an opportunity they touched once, so rows are not sums of campaign rows. Largest cost first. The last row is the period as a whole: its cost per stage divides all campaign cost by all MQLs, SQLs, opportunities created and deals won in the period; pipeline created per unit of cost was %s. Attributed revenue uses the **%s** model.",
		multipleText(t.PipelinePerCost), mdText(model))
	d.table([]string{"Channel", "Campaigns", "Cost", "Responders", "MQLs", "SQLs", "Opps", "Won", "Cost per MQL", "Cost per SQL", "Cost per opp", "Cost per won", "Attributed revenue", "ROAS"},
		"lrrrrrrrrrrrrr", cells)

	if len(costPerWon.Categories) > 0 {
		d.chart(costPerMQL)
	}
	d.h3("Cost per stage by campaign")
	var camp [][]string
	for _, c := range r.Campaigns {
		camp = append(camp, []string{mdText(c.Name) + " (" + mdText(c.CampaignID) + ")", mdText(c.Channel), money(c.Cost),
			moneyPtr(c.CostPerMQL), moneyPtr(c.CostPerSQL), moneyPtr(c.CostPerOpportunity), moneyPtr(c.CostPerWon), multipleText(c.ROAS)})
	}
	d.p("The same figures per campaign, by campaign id; each campaign counts everyone it reached and every opportunity it touched.")
	d.campaignTable([]string{"Campaign", "Channel", "Cost", "Cost per MQL", "Cost per SQL", "Cost per opp", "Cost per won", "ROAS"}, "llrrrrrr", camp, campaignIDs(r.Campaigns))
}

// channelsTakeaway names the channel with the lowest cost per won deal and
// the one with the highest return per unit of cost.
func channelsTakeaway(channels []analysis.Channel, t analysis.Totals) string {
	var cheapest, best *analysis.Channel
	for i := range channels {
		c := &channels[i]
		if c.CostPerWon != nil && c.Cost > 0 && (cheapest == nil || *c.CostPerWon < *cheapest.CostPerWon) {
			cheapest = c
		}
		if c.ROAS != nil && (best == nil || *c.ROAS > *best.ROAS) {
			best = c
		}
	}
	var parts []string
	if cheapest != nil {
		parts = append(parts, fmt.Sprintf("the lowest cost per won deal was %s's, %s (%s)", mdText(cheapest.Channel), moneyPtr(cheapest.CostPerWon), plural(cheapest.Won, "deal", "deals")))
	}
	if best != nil {
		parts = append(parts, fmt.Sprintf("the most attributed revenue per unit of cost was %s's (%s)", mdText(best.Channel), multipleText(best.ROAS)))
	}
	if t.CostPerWon != nil {
		parts = append(parts, fmt.Sprintf("across all campaigns a won deal cost %s", moneyPtr(t.CostPerWon)))
	}
	if len(parts) == 0 {
		return "No channel had both cost and a won deal in the period."
	}
	text := strings.Join(parts, "; ")
	return strings.ToUpper(text[:1]) + text[1:] + "."
}

// multipleText writes a nullable ratio such as 3.2x.
func multipleText(f *float64) string {
	if f == nil {
		return "n/a"
	}
	return ratioX(*f)
}

func moneyOrNaN(m *analysis.Money) float64 {
	if m == nil {
		return math.NaN()
	}
	return float64(*m)
}

// defineChannels adds the section's glossary entries.
func defineChannels(d *document) {
	d.define("Channel row", "The campaign funnel over all campaigns of one channel together: responders are distinct people with a touch in the period on any of them, counted from their earliest such touch; opportunities are distinct. Cost is the sum of the campaigns' prorated cost.")
	d.define("Cost per MQL, SQL, opportunity, won", "Cost divided by the MQLs, SQLs, opportunities or won deals counted on the same row; n/a when the count is 0. In the totals, the period's campaign cost divided by all MQLs, SQLs, opportunities created and deals won in the period.")
	d.define("ROAS", "Return on ad spend: attributed revenue divided by cost (n/a when cost is 0). ROI is ROAS minus 1.")
	d.define("Pipeline per cost", "Pipeline created in the period divided by the period's campaign cost.")
}
