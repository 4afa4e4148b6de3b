package templates

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// segmentsSection writes SPEC section 9's segments: the funnel by region and
// by industry.
func segmentsSection(d *document, r *analysis.Report) {
	d.h2("Segments")
	d.p("The funnel by region, by industry, by lead source and by origin. A lead counts under its own value; an opportunity under its primary contact's (the opportunity's lead, else its earliest-created person), except for origin, where it counts under its own origin as in sourcing. \"(none)\" collects empty values (for origin: unknown). Largest pipeline first.")
	for _, seg := range []struct {
		title, id, noun string
		rows            []analysis.SegmentRow
	}{
		{"By region", "segments-region", "region", r.Segments.Region},
		{"By industry", "segments-industry", "industry", r.Segments.Industry},
		{"By lead source", "", "source", r.Segments.Source},
		{"By origin", "", "origin", r.Segments.Origin},
	} {
		d.h3(seg.title)
		if len(seg.rows) == 0 {
			d.p("No lead or opportunity counts in the period.")
			continue
		}
		if r.Totals.WinRate != nil {
			var above, below []string
			for _, row := range seg.rows {
				text := fmt.Sprintf("%s (%s)", row.Value, withCI(row.WinRate, row.WinRateCI))
				switch row.Standout {
				case "above":
					above = append(above, text)
				case "below":
					below = append(below, text)
				}
			}
			t := fmt.Sprintf("No %s's win rate differs clearly from the overall %s.", seg.noun, rate(r.Totals.WinRate))
			if len(above)+len(below) > 0 {
				t = fmt.Sprintf("Against the overall win rate of %s:", rate(r.Totals.WinRate))
				if len(above) > 0 {
					t += " clearly higher in " + strings.Join(above, ", ") + "."
				}
				if len(below) > 0 {
					t += " clearly lower in " + strings.Join(below, ", ") + "."
				}
			}
			d.takeaway(mdText(t))
		}
		rows := append([]analysis.SegmentRow(nil), seg.rows...)
		sort.SliceStable(rows, func(i, j int) bool { return amount(rows[i].Pipeline) > amount(rows[j].Pipeline) })
		if r.Totals.Pipeline != nil && seg.id != "" { // source and origin: tables only
			shown := rows
			if len(shown) > maxChartRows {
				shown = shown[:maxChartRows]
			}
			c := &Chart{
				ID:       seg.id,
				Title:    "Pipeline created and revenue won by " + seg.noun,
				Takeaway: fmt.Sprintf("Pipeline created and revenue won in the period for each %s; the opportunity's primary contact decides its %s.", seg.noun, seg.noun),
				Money:    true, Horizontal: true, YName: "amount",
				Series: []Series{{Name: "Pipeline"}, {Name: "Revenue"}},
			}
			if len(rows) > len(shown) {
				c.Takeaway += fmt.Sprintf(" The %d values with the most pipeline are shown.", len(shown))
			}
			for _, row := range shown {
				c.Categories = append(c.Categories, row.Value)
				c.Series[0].Values = append(c.Series[0].Values, amount(row.Pipeline))
				c.Series[1].Values = append(c.Series[1].Values, amount(row.Revenue))
			}
			d.chart(c)
		}
		var cells [][]string
		for _, row := range rows {
			cells = append(cells, []string{
				mdText(row.Value), countPtr(row.LeadsCreated), countPtr(row.MQLs), countPtr(row.SQLs),
				small(withCI(row.MQLRate, row.MQLRateCI), intOr0(row.LeadsCreated)),
				countPtr(row.OpportunitiesCreated), moneyPtr(row.Pipeline), countPtr(row.Won), countPtr(row.Lost),
				small(withCI(row.WinRate, row.WinRateCI), intOr0(row.Won)+intOr0(row.Lost)), moneyPtr(row.Revenue),
			})
		}
		d.table([]string{titleCase(seg.noun), "Leads created", "MQLs", "SQLs", "MQL rate of new leads", "Opps", "Pipeline", "Won", "Lost", "Win rate", "Revenue"}, "lrrrrrrrrrr", cells)
	}
	d.define("Primary contact", "The person an opportunity is counted under in segments: its lead_id, else the earliest-created person on it (ties to the smaller lead id).")
	d.define("MQL rate of new leads", "In a segment: of the leads created in the period, the share that have an MQL date (at any time).")
}

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
		label := dayLabel(w.WeekStart)
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

// previousSection writes SPEC section 9's previous: the totals of the
// period right before P beside those of P, with the changes.
func previousSection(d *document, r *analysis.Report) {
	d.h2("Change from the previous period")
	pc := r.PreviousChange
	if pc == nil {
		return
	}
	if r.Previous == nil || pc.Delta == nil {
		d.p("No input event falls in the previous period, %s (%s to %s), so there is nothing to compare with.", mdText(pc.Label), pc.From, pc.To)
		return
	}
	d.p("This period against %s (%s to %s), the period right before it. Relative changes are shown where the previous value is above zero; the win rate changes in percentage points.", mdText(pc.Label), pc.From, pc.To)
	cur, prev, delta, rel := r.Totals, *r.Previous, *pc.Delta, *pc.Relative
	intRow := func(name string, c, p, dl *int, rl *float64) []string {
		return []string{name, countPtr(c), countPtr(p), signedCount(dl), relText(rl)}
	}
	moneyRow := func(name string, c, p, dl *analysis.Money, rl *float64) []string {
		return []string{name, moneyPtr(c), moneyPtr(p), signedMoney(dl), relText(rl)}
	}
	rows := [][]string{
		intRow("Leads created", cur.LeadsCreated, prev.LeadsCreated, delta.LeadsCreated, rel.LeadsCreated),
		intRow("Responders", cur.Responders, prev.Responders, delta.Responders, rel.Responders),
		intRow("MQLs", cur.MQLs, prev.MQLs, delta.MQLs, rel.MQLs),
		intRow("SQLs", cur.SQLs, prev.SQLs, delta.SQLs, rel.SQLs),
		intRow("Opportunities created", cur.OpportunitiesCreated, prev.OpportunitiesCreated, delta.OpportunitiesCreated, rel.OpportunitiesCreated),
		moneyRow("Pipeline created", cur.Pipeline, prev.Pipeline, delta.Pipeline, rel.Pipeline),
		intRow("Deals won", cur.Won, prev.Won, delta.Won, rel.Won),
		moneyRow("Revenue won", cur.Revenue, prev.Revenue, delta.Revenue, rel.Revenue),
		intRow("Deals lost", cur.Lost, prev.Lost, delta.Lost, rel.Lost),
		{"Win rate", rate(cur.WinRate), rate(prev.WinRate), signedPoints(delta.WinRate), relText(rel.WinRate)},
		moneyRow("Campaign cost", cur.Cost, prev.Cost, delta.Cost, rel.Cost),
	}
	d.table([]string{"Figure", "This period", mdText(pc.Label), "Change", "Relative"}, "lrrrr", rows)
	d.define("Previous period", "The period right before the report period: the previous quarter for a quarter, else as many days right before it. Shown only when some input event falls in it.")
}

// winsSection writes "Wins to celebrate": the largest deals won in the
// period that marketing touched.
func winsSection(d *document, r *analysis.Report) {
	d.h2("Wins to celebrate")
	if r.Wins == nil {
		d.p("%s", missingLine(r, "wins"))
		return
	}
	if len(r.Wins) == 0 {
		d.p("No deal won in the period had a campaign touch in its lookback window.")
		return
	}
	d.p("The largest deals won in the period that a campaign touched at some point from %d days (the lookback window) before the opportunity was created until it closed. Campaigns are listed in the order they first touched the deal.", r.Settings.LookbackDays)
	var cells [][]string
	for _, w := range r.Wins {
		var camps []string
		for i, id := range w.Campaigns {
			camps = append(camps, campaignLabel(w.CampaignNames[i], id))
		}
		cells = append(cells, []string{mdText(w.OpportunityID), mdText(w.AccountID), money(w.Amount), mdText(w.Owner), w.ClosedOn, strings.Join(camps, ", ")})
	}
	d.table([]string{"Opportunity", "Account", "Amount", "Owner", "Closed", "Campaigns that touched it"}, "llrlll", cells)
}

// amount returns a nullable amount as a chart value, 0 when null.
func amount(m *analysis.Money) float64 {
	if m == nil {
		return 0
	}
	return float64(*m)
}

func intOr0(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

// signedCount writes a change in a count: +12, -3, 0.
func signedCount(n *int) string {
	if n == nil {
		return "n/a"
	}
	if *n > 0 {
		return "+" + count(*n)
	}
	return count(*n)
}

// signedMoney writes a change in an amount: +$1,200, -$300.
func signedMoney(m *analysis.Money) string {
	if m == nil {
		return "n/a"
	}
	if analysis.RoundCents(float64(*m)) > 0 {
		return "+" + money(*m)
	}
	return money(*m)
}

// signedPoints writes a change in a rate as percentage points: +3.1 pts.
func signedPoints(f *float64) string {
	if f == nil {
		return "n/a"
	}
	s := trimZero(strconv.FormatFloat(*f*100, 'f', 1, 64))
	switch {
	case s == "0" || s == "-0":
		return "0 pts"
	case *f > 0:
		s = "+" + s
	}
	return s + " pts"
}

// relText writes a nullable relative change.
func relText(f *float64) string {
	if f == nil {
		return "n/a"
	}
	return signedPct(*f)
}

// titleCase capitalises the first letter of a plain ASCII word.
func titleCase(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
