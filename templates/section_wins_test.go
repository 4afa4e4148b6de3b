package templates

import (
	"strings"
	"testing"

	"github.com/campaignretro/retro/analysis"
)

// TestWinsSectionNames: a win shows its opportunity's and account's names
// where the export gives them (escaped for Markdown), else their ids.
func TestWinsSectionNames(t *testing.T) {
	r := &analysis.Report{Settings: analysis.Settings{LookbackDays: 90}, Wins: []analysis.Win{
		{OpportunityID: "006A", Name: "Acme | 50 seats", AccountID: "001A", AccountName: "Acme *Corp*", Amount: 5000, Owner: "Rita Rep", ClosedOn: "2026-08-01", Campaigns: []string{"C1"}, CampaignNames: []string{"Webinar"}},
		{OpportunityID: "006B", AccountID: "001B", Amount: 900, Owner: "Sam Rep", ClosedOn: "2026-08-02", Campaigns: []string{"C1"}, CampaignNames: []string{"Webinar"}},
	}}
	d := newDocument("")
	winsSection(d, r)
	md := string(Markdown(d, Options{}))
	for _, w := range []string{
		`| Acme \| 50 seats | Acme \*Corp\* | $5,000 | Rita Rep | 2026-08-01 | Webinar (C1) |`,
		`| 006B | 001B | $900 | Sam Rep | 2026-08-02 | Webinar (C1) |`,
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report.md lacks %q:\n%s", w, md)
		}
	}
	if strings.Contains(md, "006A") || strings.Contains(md, "001A") {
		t.Errorf("report.md shows the ids of a named win:\n%s", md)
	}
}
