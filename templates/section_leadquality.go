package templates

import (
	"fmt"
	"sort"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// maxReasons caps the reasons charted and listed per campaign.
const (
	maxReasons         = 12
	maxCampaignReasons = 3
)

// leadQualitySection writes SPEC section 8: why sales disqualified leads,
// overall and per campaign, beside each campaign's SQL rate.
func leadQualitySection(d *document, r *analysis.Report) {
	d.h2("Lead quality feedback")
	q := r.LeadQuality
	if line := missingLine(r, analysis.SectionLeadQuality); q == nil || q.Disqualified == 0 {
		if !strings.HasPrefix(line, "This section needs") {
			line = "Sales disqualified no lead in the period (no disqualified\\_at date falls in it)."
		}
		d.p("%s", line)
		return
	}
	top := q.Reasons[0]
	d.takeaway(fmt.Sprintf("Sales disqualified %s in the period; the most common reason was %s (%s).",
		plural(q.Disqualified, "lead", "leads"), mdText(top.Reason), count(top.Count)))
	reasons := q.Reasons
	if len(reasons) > maxReasons {
		reasons = reasons[:maxReasons]
	}
	c := &Chart{
		ID:         "lead-quality-reasons",
		Title:      "Disqualified leads by reason",
		Takeaway:   "The reasons sales gave when disqualifying leads in the period, most frequent first.",
		Horizontal: true, YName: "leads",
		Series: []Series{{Name: "Disqualified leads"}},
	}
	if len(q.Reasons) > len(reasons) {
		c.Takeaway += fmt.Sprintf(" The %d most frequent of %d reasons are shown.", len(reasons), len(q.Reasons))
	}
	for _, rc := range reasons {
		c.Categories = append(c.Categories, rc.Reason)
		c.Series[0].Values = append(c.Series[0].Values, float64(rc.Count))
	}
	d.chart(c)

	d.more()
	d.h3("By campaign")
	if q.ByCampaign == nil {
		d.p("Per-campaign figures need touches.csv, which the input folder does not have.")
		return
	}
	d.explain("A disqualified lead belongs to the campaign of its last touch at or before the disqualification (\"No campaign touch\" when it had none). Beside it, the campaign's SQL rate: the share of its MQLs in the period that sales accepted. Many rejections with a low SQL rate point at the campaign's audience; many rejections with a normal SQL rate point elsewhere. Most disqualified first.")
	rows := append([]analysis.LeadQualityCampaign(nil), q.ByCampaign...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Disqualified > rows[j].Disqualified })
	var cells [][]string
	var ids []string
	for _, row := range rows {
		ids = append(ids, row.CampaignID)
		name := "No campaign touch"
		if row.CampaignID != "(none)" {
			name = campaignLabel(row.Name, row.CampaignID)
		}
		var parts []string
		for i, rc := range row.Reasons {
			if i == maxCampaignReasons {
				parts = append(parts, "…")
				break
			}
			parts = append(parts, mdText(rc.Reason)+" "+count(rc.Count))
		}
		cells = append(cells, []string{name, count(row.Disqualified), strings.Join(parts, ", "), rateCI(row.SQL())})
	}
	d.campaignTable([]string{"Campaign", "Disqualified", "Top reasons", "SQL rate of its MQLs"}, "lrlr", cells, ids)
	d.define("Disqualified lead", "A lead whose disqualified_at date is in the period: sales judged it not worth pursuing, with a disqualify reason.")
}

// campaignLabel writes a campaign as "Name (ID)", or the escaped id alone
// when the campaign has no name.
func campaignLabel(name, id string) string {
	if name == "" {
		return mdText(id)
	}
	return mdText(name) + " (" + mdText(id) + ")"
}
