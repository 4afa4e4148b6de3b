package templates

import (
	"fmt"
	"sort"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// segmentsSection writes SPEC section 9's segments: the funnel by region and
// by industry.
func segmentsSection(d *document, r *analysis.Report) {
	d.h2("Segments")
	d.explain("The funnel by region, by industry, by lead source and by origin. A lead counts under its own value; an opportunity under its primary contact's (the opportunity's lead, else its earliest-created person), except for origin, where it counts under its own origin as in sourcing. \"(none)\" collects empty values (for origin: unknown). Largest pipeline first.")
	// Takeaways first, then the two charts side by side, then the tables.
	var segCharts []*Chart
	var tables []func()
	var plain []string // segments none of whose values stands out: one takeaway for all
	for _, seg := range []struct {
		title, id, noun string
		rows            []analysis.SegmentRow
	}{
		{"By region", "segments-region", "region", r.Segments.Region},
		{"By industry", "segments-industry", "industry", r.Segments.Industry},
		{"By lead source", "", "source", r.Segments.Source},
		{"By origin", "", "origin", r.Segments.Origin},
	} {
		if len(seg.rows) == 0 {
			title := seg.title
			tables = append(tables, func() {
				d.h3(title)
				d.p("No lead or opportunity counts in the period.")
			})
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
			if len(above)+len(below) == 0 {
				plain = append(plain, seg.noun+"'s")
			} else {
				t := fmt.Sprintf("Against the overall win rate of %s:", rate(r.Totals.WinRate))
				if len(above) > 0 {
					t += " clearly higher in " + strings.Join(above, ", ") + "."
				}
				if len(below) > 0 {
					t += " clearly lower in " + strings.Join(below, ", ") + "."
				}
				d.takeaway(mdText(titleCase(seg.noun) + ": " + t))
			}
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
			segCharts = append(segCharts, c)
		}
		var cells [][]string
		for _, row := range rows {
			cells = append(cells, []string{
				mdText(row.Value), countPtr(row.LeadsCreated), countPtr(row.MQLs), countPtr(row.SQLs),
				rateCI(row.MQL()),
				countPtr(row.OpportunitiesCreated), moneyPtr(row.Pipeline), countPtr(row.Won), countPtr(row.Lost),
				rateCI(row.Win()), moneyPtr(row.Revenue),
			})
		}
		title, head := seg.title, []string{titleCase(seg.noun), "Leads created", "MQLs", "SQLs", "MQL rate of new leads", "Opps", "Pipeline", "Won", "Lost", "Win rate", "Revenue"}
		tables = append(tables, func() {
			d.h3(title)
			d.table(head, "lrrrrrrrrrr", cells)
		})
	}
	if len(plain) > 0 {
		d.takeaway(mdText(fmt.Sprintf("No %s win rate differs clearly from the overall %s.", orList(plain), rate(r.Totals.WinRate))))
	}
	d.charts2(segCharts...)
	d.more()
	for _, t := range tables {
		t()
	}
	d.define("Primary contact", "The person an opportunity is counted under in segments: its lead_id, else the earliest-created person on it (ties to the smaller lead id).")
	d.define("MQL rate of new leads", "In a segment: of the leads created in the period, the share that have an MQL date (at any time).")
}

// orList joins words as "a", "a or b", "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
