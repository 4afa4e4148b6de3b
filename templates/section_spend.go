package templates

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// maxSpendBars is how many campaigns the spend chart shows: those with the
// largest costs.
const maxSpendBars = 15

// spendSection writes what each campaign cost beside the revenue credited
// to it: the campaigns with the largest costs ranked by return per dollar,
// losses in red.
func spendSection(d *document, r *analysis.Report) {
	d.h2("Spend and return")
	if r.Campaigns == nil {
		d.p("%s", missingLine(r, analysis.SectionCampaigns))
		return
	}
	model := strings.ReplaceAll(string(r.Settings.Model), "_", " ")
	var costed, free []analysis.Campaign
	for _, c := range r.Campaigns {
		if c.ROAS != nil {
			costed = append(costed, c)
		} else {
			free = append(free, c)
		}
	}
	if len(costed) == 0 {
		d.p("No campaign in the period has a cost, so there is no return to weigh.")
		return
	}
	byReturn := func(rows []analysis.Campaign) {
		sort.SliceStable(rows, func(i, j int) bool { return *rows[i].ROAS > *rows[j].ROAS })
	}
	// The chart: the campaigns with the largest costs, by return per dollar.
	top := append([]analysis.Campaign(nil), costed...)
	sort.SliceStable(top, func(i, j int) bool { return top[i].Cost > top[j].Cost })
	largest := top[0]
	if len(top) > maxSpendBars {
		top = top[:maxSpendBars]
	}
	byReturn(top)
	byReturn(costed)
	best := costed[0]
	d.takeaway(mdText(fmt.Sprintf("Best return per dollar: %s, %s its cost in %s-credited revenue. The largest cost, %s (%s), returned %s.",
		best.Name, ratioX(*best.ROAS), model, largest.Name, moneyShort(largest.Cost), returnText(largest))))
	c := &Chart{
		ID:       "spend",
		Title:    "Return per dollar, " + model + " credit",
		Takeaway: fmt.Sprintf("Attributed revenue divided by cost for the %d campaigns with the largest costs, best first; red bars returned less than they cost.", len(top)),
		Multiple: true, Horizontal: true, Stack: true, YName: "return per dollar",
		Series: []Series{{Name: "Paid back (1x or more)"}, {Name: "Returned less than its cost", Loss: true}},
	}
	for _, row := range top {
		label := row.Name
		if row.TooEarly {
			label += " (too early)"
		}
		c.Categories = append(c.Categories, label)
		gain, loss := *row.ROAS, math.NaN()
		if gain < 1 {
			gain, loss = math.NaN(), gain
		}
		c.Series[0].Values = append(c.Series[0].Values, gain)
		c.Series[1].Values = append(c.Series[1].Values, loss)
	}
	d.chart(c)
	d.explain("Revenue is credited with the **%s** model (change it with --model). Return per dollar is attributed revenue divided by cost: 1x breaks even. A campaign that ended in the period's last %d days is marked too early to judge: its deals may not have closed yet.",
		mdText(model), analysis.TooEarlyDays)
	head := []string{"Campaign", "Cost", "Cost per responder", "Cost per opp", "Attributed pipeline", "Attributed revenue", "Return per dollar"}
	d.campaignTable(head, "lrrrrrr", spendCells(costed), campaignIDs(costed))
	if len(free) > 0 {
		d.more()
		d.h3("Campaigns without cost")
		d.campaignTable(head, "lrrrrrr", spendCells(free), campaignIDs(free))
	}
	d.define("Cost", "The campaign's cost prorated to the days of its run inside the period (the whole cost when it lacks start or end date).")
	d.define("Attributed revenue", "The campaign's share of won revenue under the chosen attribution model; shares of all campaigns plus the unattributed remainder add up to total revenue.")
	d.define("Return per dollar", "Attributed revenue divided by cost (report.json also has ROI, (attributed revenue - cost) / cost). 1x breaks even.")
}

// spendCells writes the spend table's rows.
func spendCells(rows []analysis.Campaign) [][]string {
	var cells [][]string
	for _, row := range rows {
		cells = append(cells, []string{
			mdText(row.Name) + " (" + mdText(row.CampaignID) + ")", costText(row.Cost),
			unitCost(row.CostPerResponder), unitCost(row.CostPerOpportunity),
			money(row.AttributedPipeline), money(row.AttributedRevenue), mdText(returnText(row)),
		})
	}
	return cells
}

// campaignIDs lists the campaigns' ids, in order.
func campaignIDs(rows []analysis.Campaign) []string {
	ids := make([]string, len(rows))
	for i, c := range rows {
		ids[i] = c.CampaignID
	}
	return ids
}

// returnText writes a campaign's return per dollar, "–" without cost, and
// says when it is too early to judge.
func returnText(c analysis.Campaign) string {
	if c.ROAS == nil {
		return "–"
	}
	s := ratioX(*c.ROAS)
	if c.TooEarly {
		s += " (too early to judge)"
	}
	return s
}

// costText writes a cost, "–" when there is none.
func costText(m analysis.Money) string {
	if analysis.RoundCents(float64(m)) == 0 {
		return "–"
	}
	return money(m)
}

// unitCost writes a cost per unit: cents below $10, "–" when there is no
// cost or no unit.
func unitCost(m *analysis.Money) string {
	if m == nil || analysis.RoundCents(float64(*m)) == 0 {
		return "–"
	}
	if v := analysis.RoundCents(float64(*m)); v < 10 {
		return "$" + strconv.FormatFloat(v, 'f', 2, 64)
	}
	return money(*m)
}
