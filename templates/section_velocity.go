package templates

import (
	"fmt"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// stageLabels are reader-facing names of the velocity stages.
var stageLabels = map[string]string{
	"mql_to_sql":           "MQL to SQL",
	"sql_to_opportunity":   "SQL to opportunity",
	"opportunity_to_close": "Opportunity to close",
	"opportunity_to_won":   "Opportunity to won",
}

// originLabels are reader-facing names of the origin groups.
var originLabels = map[string]string{
	"marketing_sourced": "Marketing-sourced",
	"sales_sourced":     "Sales-sourced",
	"partner_sourced":   "Partner-sourced",
	"other_sourced":     "Other origin",
	"unknown_sourced":   "Origin unknown",
}

// velocitySection writes SPEC section 12: time between funnel stages, the
// sales cycle, and velocity by origin.
func velocitySection(d *document, r *analysis.Report) {
	d.h2("How fast does the funnel move?")
	v := r.Velocity
	if v == nil {
		d.p("This section has no data.")
		return
	}
	defineVelocity(d)
	d.takeaway(velocityTakeaway(v))

	c := &Chart{
		ID:       "velocity-stages",
		Title:    "Median days from one funnel stage to the next",
		Takeaway: "Kaplan-Meier median days from entering each stage in the period to the next; a missing bar means fewer than half have moved on yet.",
		YName:    "days",
		Series:   []Series{{Name: "Median days"}},
	}
	var cells [][]string
	for _, s := range v.Stages {
		label := stageLabels[s.Stage]
		c.Categories = append(c.Categories, label)
		c.Series[0].Values = append(c.Series[0].Values, orNaN(s.MedianDays))
		cells = append(cells, []string{label, count(s.Entered), count(s.Converted),
			small(daysText(s.MedianDays), s.Entered), small(daysText(s.P75Days), s.Entered), small(daysText(s.P90Days), s.Entered)})
	}
	d.chart(c)
	d.more()
	d.p("Each stage counts what entered it in the period: MQLs, SQLs, opportunities created. Times are Kaplan-Meier estimates: what has not moved on yet counts as waiting up to the as-of time, and a lead disqualified before it moved on counts as waiting until its disqualification. Figures from fewer than %d entries are marked small sample.", analysis.SmallSample)
	d.table([]string{"Stage", "Entered", "Moved on", "Half within", "75% within", "90% within"}, "lrrrrr", cells)

	d.table([]string{"Deals won in the period", "Deals", "Median", "Mean"}, "lrrr", [][]string{
		{"Sales cycle (opportunity created to won)", count(v.SalesCycle.Won), daysText(v.SalesCycle.MedianDays), daysText(v.SalesCycle.MeanDays)},
		{"Lead to revenue (first touch to won)", count(v.LeadToRevenue.N), daysText(v.LeadToRevenue.MedianDays), daysText(v.LeadToRevenue.MeanDays)},
	})

	d.h3("By origin")
	d.p("Opportunities created in the period, by who sourced them. Win rate is won / closed by the as-of time, with its 95%% interval; the cycle is the Kaplan-Meier median days to close (open deals count as still open); velocity is opportunities x win rate x average won deal / mean days to win, in money per day. Pipeline velocity over all of them: %s per day.",
		velocityMoney(v.PipelineVelocity))
	var rows [][]string
	for _, o := range v.ByOrigin {
		rows = append(rows, []string{originLabels[o.Origin], count(o.Opportunities), money(o.Pipeline), count(o.Closed), count(o.Won),
			rateCI(o.Win()), moneyPtr(o.AverageWon),
			cycleText(o), velocityMoney(o.Velocity)})
	}
	d.table([]string{"Origin", "Opps", "Pipeline", "Closed", "Won", "Win rate", "Average won", "Median days to close", "Velocity per day"}, "lrrrrrrrr", rows)
}

// velocityTakeaway says how long the stages take and sets marketing's
// deals beside sales'.
func velocityTakeaway(v *analysis.Velocity) string {
	var parts []string
	for _, s := range v.Stages {
		if s.Stage == "opportunity_to_close" && s.MedianDays != nil {
			parts = append(parts, fmt.Sprintf("half of the opportunities created in the period closed within %s", daysText(s.MedianDays)))
		}
	}
	if v.SalesCycle.MedianDays != nil {
		parts = append(parts, fmt.Sprintf("deals won in it took a median %s from creation", daysText(v.SalesCycle.MedianDays)))
	}
	m, s := originRow(v, "marketing_sourced"), originRow(v, "sales_sourced")
	if m != nil && s != nil && m.Closed >= analysis.SmallSample && s.Closed >= analysis.SmallSample {
		parts = append(parts, fmt.Sprintf("marketing-sourced deals won %s of those closed against %s for sales-sourced (%s)",
			rate(m.WinRate), rate(s.WinRate), apartText(m.WinRateCI, s.WinRateCI)))
	}
	if len(parts) == 0 {
		return "Too few stage changes in the period to tell how fast the funnel moves."
	}
	text := strings.Join(parts, "; ")
	return strings.ToUpper(text[:1]) + text[1:] + "."
}

// apartText says whether two rates' 95% intervals are apart.
func apartText(a, b *analysis.Interval) string {
	if a != nil && b != nil && (a[0] > b[1] || a[1] < b[0]) {
		return "a clear difference"
	}
	return "within the margin of error"
}

// originRow returns the by-origin row named origin, nil if none.
func originRow(v *analysis.Velocity, origin string) *analysis.OriginVelocity {
	for i := range v.ByOrigin {
		if v.ByOrigin[i].Origin == origin {
			return &v.ByOrigin[i]
		}
	}
	return nil
}

// daysText writes a nullable number of days, "not reached" when null.
func daysText(days *float64) string {
	if days == nil {
		return "not reached"
	}
	return duration(*days * 24 * 60)
}

// cycleText writes a group's median days to close: n/a without
// opportunities, marked when from fewer than SmallSample.
func cycleText(o analysis.OriginVelocity) string {
	if o.Opportunities == 0 {
		return "n/a"
	}
	return small(daysText(o.CycleMedianDays), o.Opportunities)
}

// velocityMoney writes a nullable amount per day.
func velocityMoney(m *analysis.Money) string {
	if m == nil {
		return "n/a"
	}
	return money(*m)
}

// defineVelocity adds the section's glossary entries.
func defineVelocity(d *document) {
	d.define("Stage time", "The days from entering a funnel stage in the period to the next: MQL to SQL (sql_at at or after mql_at), SQL to opportunity (the lead's first opportunity created at or after sql_at), opportunity to close (won or lost) and opportunity to won. Kaplan-Meier quantiles: what has not moved on counts as waiting up to the as-of time; a lead disqualified before it moved on counts as waiting until its disqualification, even if it moved on later; a lost deal counts as never won.")
	d.define("Sales cycle", "For deals won in the period, the days from the opportunity's creation to its close: median and mean, nothing estimated.")
	d.define("Lead to revenue", "For deals won in the period, the days from the earliest first touch of anyone on the deal to the close; deals whose people have no touch are left out.")
	d.define("Origin", "Who sourced an opportunity: its own origin; else its primary person's; else marketing when that person's first touch came at most a day after the record was created; else sales. Without any leads, an opportunity without its own origin has an unknown origin.")
	d.define("Velocity", "Opportunities x win rate x average won deal / mean days from creation to win of the won deals: the money a group of opportunities brings per day. Pipeline velocity is the same over all opportunities created in the period.")
	d.define("Average won", "The mean amount of the deals won (closed by the as-of time) among a group's opportunities created in the period.")
}

// The executive summary links velocity, channel and account findings to
// these sections.
func init() {
	sectionHeadings["velocity"] = "How fast does the funnel move?"
	sectionHeadings["channels"] = "Cost per stage by channel"
	sectionHeadings["accounts"] = "Accounts reached"
}
