package templates

import (
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// winsSection writes "Wins to celebrate": the largest deals won in the
// period that marketing touched.
func winsSection(d *document, r *analysis.Report) {
	d.h2("Wins to celebrate")
	if r.Wins == nil {
		d.p("%s", missingLine(r, analysis.SectionWins))
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
		deal, account := w.Shown()
		cells = append(cells, []string{mdText(deal), mdText(account), money(w.Amount), mdText(w.Owner), w.ClosedOn, strings.Join(camps, ", ")})
	}
	d.table([]string{"Opportunity", "Account", "Amount", "Owner", "Closed", "Campaigns that touched it"}, "llrlll", cells)
}
