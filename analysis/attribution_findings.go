package analysis

import (
	"fmt"
	"strings"

	h "github.com/campaignretro/retro/internal/humanize"
)

// creditLeaderFinding names the campaign with the most revenue credit under
// the default model (linear when the default has no intervals) only when
// it is clearly ahead: alone in the top band, its interval above every
// other campaign's, over at least SmallSample attributed deals.
func creditLeaderFinding(r *Report) *Finding {
	if r.Attribution == nil || r.IsPaths() {
		return nil
	}
	t := &r.Attribution.Revenue
	m := t.IntervalModel(r.Settings.Model)
	if t.Opportunities < SmallSample || len(t.Compare) < 2 {
		return nil
	}
	var top *ModelComparison
	for i := range t.Compare {
		c := &t.Compare[i]
		if c.Bands[m].Band != 1 {
			continue
		}
		if top != nil {
			return nil // the top band holds several campaigns: no leader
		}
		top = c
	}
	if top == nil {
		return nil
	}
	iv := t.Intervals[m][top.CampaignID]
	name := top.Name
	if name == "" {
		name = top.CampaignID
	}
	return &Finding{Kind: "credit_leader", Section: SectionAttribution, Stake: float64(top.Credit[m]), Campaigns: []string{top.CampaignID},
		Text: fmt.Sprintf("%s (%s) earned the most revenue credit under %s attribution, %s (90%% interval %s–%s), clearly above every other campaign.",
			name, top.CampaignID, strings.ReplaceAll(string(m), "_", " "), h.MoneyShort(float64(top.Credit[m])), h.MoneyShort(float64(iv[0])), h.MoneyShort(float64(iv[1])))}
}
