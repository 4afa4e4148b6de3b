package templates

import (
	"fmt"

	"github.com/campaignretro/retro/analysis"
)

// pathSections are the main body of a path-file report (SPEC 16): channel
// credit under the models that apply; pathAppendixSections its appendix:
// the data quality of the file and the glossary.
var (
	pathSections         = []section{pathHeaderSection, notesSection, pathsSection}
	pathAppendixSections = []section{dataQualitySection, glossarySection}
)

// pathHeaderSection writes the title and what the report covers.
func pathHeaderSection(d *document, r *analysis.Report) {
	p := r.Attribution.Paths
	fmt.Fprintf(&d.header, "# %s\n\n", mdText(r.Title))
	fmt.Fprintf(&d.header, "**Input:** %s, an aggregated path file: %s paths, %s converting journeys, %s non-converting · **No dates:** no period or as-of applies\n\n",
		mdText(p.File), count(p.Paths), count(p.Conversions), count(p.NullJourneys))
	if len(r.Warnings) > 0 {
		for _, w := range r.Warnings {
			fmt.Fprintf(&d.header, "- %s\n", mdText(w))
		}
		d.header.WriteString("\n")
	}
}

// pathsSection writes the credit of every path model by channel, as a
// table and a chart.
func pathsSection(d *document, r *analysis.Report) {
	p := r.Attribution.Paths
	d.h2("Channel attribution")
	what := "conversion value (total_conversion_value)"
	if p.Measure == "conversions" {
		what = "conversions (the file has no total_conversion_value column)"
	}
	d.p("Each row of %s is a journey taken by total_conversions converting people (its value split evenly over them) and by total_null people who did not convert. The models below split the %s over the channels of each converting journey; Markov also weighs the journeys that did not convert. Models that need dates or funnel stages (W-shaped, full path, time decay) do not apply.", mdText(p.File), what)
	d.p("The other sections of a retrospective (funnel, follow-up speed, sourcing, hygiene, segments, trend) need CRM exports with dates: leads.csv, touches.csv and opportunities.csv or a Salesforce or HubSpot export; see docs/data.md.")
	lin := p.Models["linear"]
	top := ""
	if len(p.Channels) > 0 {
		top = p.Channels[0]
	}
	if top != "" && p.Total > 0 {
		d.takeaway(mdText(fmt.Sprintf("%s earns the most credit under the linear model: %s of %s (%s). Where the models disagree on a channel, its credit depends on the rule chosen.",
			top, number(float64(lin[top])), number(float64(p.Total)), pct(float64(lin[top])/float64(p.Total)))))
	}
	head := []string{"Channel"}
	for _, m := range analysis.PathModels {
		head = append(head, modelNames[m])
	}
	var rows [][]string
	for _, ch := range p.Channels {
		row := []string{mdText(ch)}
		for _, m := range analysis.PathModels {
			row = append(row, number(float64(p.Models[m][ch])))
		}
		rows = append(rows, row)
	}
	total := []string{"**All channels**"}
	for _, rec := range p.Reconciliation {
		total = append(total, number(float64(rec.Credited)))
	}
	rows = append(rows, total)
	align := "l"
	for range analysis.PathModels {
		align += "r"
	}
	d.table(head, align, rows)

	ch := &Chart{
		ID:       "path-channels",
		Title:    "Credit by channel under each model",
		Takeaway: "Each group of bars is one channel; each bar its credit under one model. Even groups are channels every model credits alike.",
		Money:    p.Measure == "value", YName: "credit",
		Categories: p.Channels,
	}
	for _, m := range analysis.PathModels {
		s := Series{Name: modelNames[m]}
		for _, c := range p.Channels {
			s.Values = append(s.Values, float64(p.Models[m][c]))
		}
		ch.Series = append(ch.Series, s)
	}
	d.chart(ch)
	d.p("Credit intervals (see the CRM report) are not computed for path files: a row aggregates journeys whose individual values the file does not give.")

	d.define("Path file", "An aggregated export of customer journeys: one row per distinct sequence of channels, with how many journeys took it and converted (total_conversions), their value (total_conversion_value) and how many did not convert (total_null).")
	d.define("First touch model", "All of a journey's credit goes to its first channel.")
	d.define("Last touch model", "All of a journey's credit goes to its last channel.")
	d.define("Linear model", "Every step of the journey gets an equal share.")
	d.define("Position-based model", "40% to the first step, 40% to the last, 20% shared by the steps between.")
	d.define("J-shaped model", "20% to the first step, 60% to the last, 20% shared by the steps between (two steps: 25% and 75%).")
	d.define("Inverse-J model", "60% to the first step, 20% to the last, 20% shared by the steps between (two steps: 75% and 25%).")
	d.define("Markov model", "Credit in proportion to each channel's removal effect: how much the chance of conversion would drop if the channel were taken out of every journey, converting or not. Solved exactly, not simulated.")
}
