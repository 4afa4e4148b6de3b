package templates

import (
	"fmt"

	"github.com/campaignretro/retro/analysis"
)

// sectionHeadings maps a finding's section to the heading that backs it.
var sectionHeadings = map[analysis.Section]string{
	"campaigns":    "Campaign funnel",
	"spend":        "Spend and return",
	"latency":      "Follow-up speed",
	"asset_types":  "Content that wins",
	"attribution":  "Sourced touched and credited",
	"sourcing":     "Sourced touched and credited",
	"hygiene":      "Pipeline hygiene",
	"lead_quality": "Lead quality feedback",
	"segments":     "Segments",
	"trend":        "Weekly trend",
	"previous":     "Change from the previous period",
	"wins":         "Wins to celebrate",
}

// summarySection writes the executive summary: the findings, most at stake
// first, each linked to the section that backs it.
func summarySection(d *document, r *analysis.Report) {
	if len(r.Findings) == 0 {
		return
	}
	d.h2("Executive summary")
	for _, f := range r.Findings {
		link := ""
		if hd, ok := sectionHeadings[f.Section]; ok {
			link = fmt.Sprintf(" [Details](#%s)", anchor(hd))
		}
		fmt.Fprintf(&d.body, "- %s%s\n", mdText(f.Text), link)
	}
	d.body.WriteString("\n")
	d.p("Differences are claimed only where the intervals do not overlap (95%% for rates, 90%% for attribution credit) or a test gives p < 0.05; findings are ordered by the money at stake.")
}
