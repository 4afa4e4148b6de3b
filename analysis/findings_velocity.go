package analysis

import (
	"fmt"
	"math"

	h "github.com/campaignretro/retro/internal/humanize"
)

// logRankAlpha is the p-value below which a test backs a claim.
const logRankAlpha = 0.05

// velocityFinding sets marketing-sourced deals beside sales-sourced ones:
// time to close only when the log-rank test tells them apart, win rates as
// different only when their 95% intervals do not overlap (else "at win
// rates the data cannot tell apart"). Both groups need at least
// SmallSample opportunities; nil when nothing can be claimed.
func velocityFinding(r *Report) *Finding {
	v := r.Velocity
	if v == nil || len(v.ByOrigin) < 2 {
		return nil
	}
	m, s := v.ByOrigin[0], v.ByOrigin[1]
	if m.Opportunities < SmallSample || s.Opportunities < SmallSample {
		return nil
	}
	cycleApart := v.CycleLogRankP != nil && *v.CycleLogRankP < logRankAlpha && m.CycleMedianDays != nil && s.CycleMedianDays != nil &&
		*m.CycleMedianDays != *s.CycleMedianDays
	rates := m.Closed >= SmallSample && s.Closed >= SmallSample && m.WinRateCI != nil && s.WinRateCI != nil
	ratesApart := rates && (m.WinRateCI[0] > s.WinRateCI[1] || m.WinRateCI[1] < s.WinRateCI[0])
	var text string
	switch {
	case cycleApart:
		text = fmt.Sprintf("Marketing-sourced deals closed in a median %s against %s for sales-sourced (log-rank p < 0.05)", wholeDays(*m.CycleMedianDays), wholeDays(*s.CycleMedianDays))
		switch {
		case ratesApart:
			text += fmt.Sprintf(", and won %s of those closed against %s", h.Percent(*m.WinRate), h.Percent(*s.WinRate))
		case rates:
			text += fmt.Sprintf(", at win rates the data cannot tell apart (%s and %s)", h.Percent(*m.WinRate), h.Percent(*s.WinRate))
		}
	case ratesApart:
		text = fmt.Sprintf("Marketing-sourced deals won %s of those closed against %s for sales-sourced; their time to close cannot be told apart",
			h.Percent(*m.WinRate), h.Percent(*s.WinRate))
	default:
		return nil
	}
	if m.Velocity != nil && s.Velocity != nil {
		text += fmt.Sprintf(". Velocity: %s a day from marketing-sourced pipeline, %s from sales-sourced", h.MoneyShort(float64(*m.Velocity)), h.MoneyShort(float64(*s.Velocity)))
	}
	return &Finding{Kind: "velocity", Section: "velocity", Stake: float64(m.Pipeline+s.Pipeline) / 4, Text: text + "."}
}

// accountFinding names the campaign whose reached accounts opened pipeline
// most often, among those whose 95% interval lies wholly above the rate of
// all engaged accounts (at least SmallSample accounts each).
func accountFinding(r *Report) *Finding {
	a := r.Accounts
	if a == nil || a.Totals.EngagedToOpportunityRate == nil {
		return nil
	}
	all := *a.Totals.EngagedToOpportunityRate
	var best *AccountCampaign
	for i := range a.ByCampaign {
		c := &a.ByCampaign[i]
		if c.AccountsEngaged < SmallSample || c.AccountOppRateCI == nil || c.AccountOppRateCI[0] <= all {
			continue
		}
		if best == nil || *c.AccountOppRate > *best.AccountOppRate {
			best = c
		}
	}
	if best == nil {
		return nil
	}
	return &Finding{Kind: "accounts", Section: "accounts", Stake: float64(best.AccountPipeline) / 4, Campaigns: []string{best.CampaignID},
		Text: fmt.Sprintf("%s of the %s accounts reached by %s (%s) opened an opportunity within %d days, against %s of all %s engaged accounts.",
			h.Percent(*best.AccountOppRate), h.Count(best.AccountsEngaged), best.Name, best.CampaignID, r.Settings.LookbackDays,
			h.Percent(all), h.Count(a.Totals.AccountsEngaged))}
}

// wholeDays writes a number of days rounded to whole days: "41 days".
func wholeDays(d float64) string { return h.Plural(int(math.Round(d)), "day", "days") }
