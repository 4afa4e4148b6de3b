package templates

import "github.com/campaignretro/retro/analysis"

// trendSection writes SPEC section 9's trend.weeks.
func trendSection(d *document, r *analysis.Report) {
	d.h2("Weekly trend")
	weeks := r.Trend.Weeks
	d.p("ISO weeks, Monday to Sunday, labelled by their first day in the period; the first and last weeks are cut at the period's edges, so they can be shorter.")
	volume := &Chart{
		ID:       "trend-volume",
		Title:    "Leads created and MQLs per week",
		Takeaway: "New leads and marketing-qualified leads, week by week.",
		YName:    "leads",
		Series:   []Series{{Name: "Leads created", Line: true}, {Name: "MQLs", Line: true}},
	}
	var value *Chart
	if r.Totals.Pipeline != nil {
		value = &Chart{
			ID:       "trend-value",
			Title:    "Pipeline created and revenue won per week",
			Takeaway: "The amount of opportunities created and of deals won, week by week.",
			Money:    true, YName: "amount",
			Series: []Series{{Name: "Pipeline"}, {Name: "Revenue"}},
		}
	}
	var cells [][]string
	for _, w := range weeks {
		label := weekLabel(w)
		volume.Categories = append(volume.Categories, label)
		volume.Series[0].Values = append(volume.Series[0].Values, float64(intOr0(w.LeadsCreated)))
		volume.Series[1].Values = append(volume.Series[1].Values, float64(intOr0(w.MQLs)))
		if value != nil {
			value.Categories = append(value.Categories, label)
			value.Series[0].Values = append(value.Series[0].Values, amount(w.Pipeline))
			value.Series[1].Values = append(value.Series[1].Values, amount(w.Revenue))
		}
		cells = append(cells, []string{w.WeekStart + " to " + w.WeekEnd, countPtr(w.LeadsCreated), countPtr(w.MQLs),
			countPtr(w.OpportunitiesCreated), moneyPtr(w.Pipeline), moneyPtr(w.Revenue)})
	}
	d.chart(volume)
	if value != nil {
		d.chart(value)
	}
	d.table([]string{"Week", "Leads created", "MQLs", "Opps created", "Pipeline", "Revenue"}, "lrrrrr", cells)
}

// weekLabel names a week by its first day in the period, with its days
// when the period's edge cuts it short: "Jul 1", "Sep 28 (3 days)".
func weekLabel(w analysis.TrendWeek) string {
	if w.Days < 7 {
		return dayLabel(w.WeekStart) + " (" + plural(w.Days, "day", "days") + ")"
	}
	return dayLabel(w.WeekStart)
}
