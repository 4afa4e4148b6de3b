package templates

import (
	"fmt"

	"github.com/campaignretro/retro/analysis"
)

// sectionHeadings maps a finding's or verdict's section to the heading that
// backs it.
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

// summarySection writes the front page's answers: one verdict per standing
// question, then the findings that neither a verdict nor the tiles cover,
// most at stake first, each linked to the section that backs it.
func summarySection(d *document, r *analysis.Report) {
	var vs []Verdict
	covered := map[string]bool{}
	for _, v := range r.Verdicts {
		vs = append(vs, Verdict{Question: v.Question, Answer: v.Answer, Evidence: v.Evidence, Anchor: sectionAnchor(v.Section)})
		covered[string(v.Section)] = true
	}
	if len(vs) > 0 {
		d.verdictList("answers", vs)
	}
	// The period's overview repeats the tiles above.
	covered["period"] = true
	var rest []analysis.Finding
	for _, f := range r.Findings {
		if !covered[string(f.Section)] && !covered[f.Kind] {
			rest = append(rest, f)
		}
	}
	if len(rest) == 0 {
		return
	}
	d.header.WriteString("**Also worth knowing**\n\n")
	for _, f := range rest {
		link := ""
		if a := sectionAnchor(f.Section); a != "" {
			link = fmt.Sprintf(" [Details](#%s)", a)
		}
		fmt.Fprintf(&d.header, "- %s%s\n", mdText(f.Text), link)
	}
	d.header.WriteString("\n")
	d.header.WriteString("_Differences are claimed only where the intervals do not overlap (95% for rates, 90% for attribution credit) or a test gives p < 0.05._\n\n")
}

// sectionAnchor is the anchor of the heading that backs a section key, ""
// for an unknown key.
func sectionAnchor(key analysis.Section) string {
	if hd, ok := sectionHeadings[key]; ok {
		return anchor(hd)
	}
	return ""
}
