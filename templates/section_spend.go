package templates

import (
	"fmt"
	"sort"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

func spendSection(d *document, r *analysis.Report) {
	d.h2("Spend and return")
	if r.Campaigns == nil {
		d.p("%s", missingLine(r, "campaigns"))
		return
	}
	model := strings.ReplaceAll(r.Settings.Model, "_", " ")
	rows := append([]analysis.Campaign(nil), r.Campaigns...)
	sort.SliceStable(rows, func(i, j int) bool {
		return rows[i].Cost+rows[i].AttributedRevenue > rows[j].Cost+rows[j].AttributedRevenue
	})
	top := rows
	if len(top) > 15 {
		top = top[:15]
	}
	c := &Chart{
		ID:       "spend",
		Title:    "Cost and attributed revenue per campaign (" + model + " credit)",
		Takeaway: fmt.Sprintf("The %d campaigns with the most cost plus attributed revenue; revenue is credited with the %s model.", len(top), model),
		Money:    true, Horizontal: true, YName: "amount",
		Series: []Series{{Name: "Cost"}, {Name: "Attributed revenue"}},
	}
	for _, row := range top {
		c.Categories = append(c.Categories, row.Name)
		c.Series[0].Values = append(c.Series[0].Values, float64(row.Cost))
		c.Series[1].Values = append(c.Series[1].Values, float64(row.AttributedRevenue))
	}
	d.chart(c)
	d.p("Attributed figures use the **%s** model (change it with --model). ROI is attributed revenue minus cost, divided by cost.", mdText(model))
	var cells [][]string
	for _, row := range rows {
		roi := "n/a"
		if row.ROI != nil {
			roi = signedPct(*row.ROI)
		}
		cells = append(cells, []string{
			mdText(row.Name) + " (" + mdText(row.CampaignID) + ")", money(row.Cost),
			moneyPtr(row.CostPerResponder), moneyPtr(row.CostPerOpportunity),
			money(row.AttributedPipeline), money(row.AttributedRevenue), roi,
		})
	}
	d.table([]string{"Campaign", "Cost", "Cost per responder", "Cost per opp", "Attributed pipeline", "Attributed revenue", "ROI"}, "lrrrrrr", cells)
	d.define("Cost", "The campaign's cost prorated to the days of its run inside the period (the whole cost when it lacks start or end date).")
	d.define("Attributed revenue", "The campaign's share of won revenue under the chosen attribution model; shares of all campaigns plus the unattributed remainder add up to total revenue.")
	d.define("ROI", "Return on investment: (attributed revenue - cost) / cost.")
}
