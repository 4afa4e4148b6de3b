package analysis

import (
	"fmt"
	"slices"
	"strings"

	h "github.com/campaignretro/retro/internal/humanize"
)

// Finding is one sentence of the executive summary: what the data says, with
// its number. Section names the report section that backs it (the renderers
// link to it). Findings are ranked by Stake, an estimate of the money at
// stake used only for ordering.
type Finding struct {
	Kind    string  `json:"kind"`
	Text    string  `json:"text"`
	Section Section `json:"section"`
	Stake   float64 `json:"-"`
	// Campaigns are the ids of the campaigns the text names; a long
	// per-campaign table keeps their rows (see Report.NamedCampaigns).
	Campaigns []string `json:"-"`
}

// maxFindings bounds the executive summary.
const maxFindings = 8

// findings writes the executive summary from the finished report. A claim
// that two things differ is made only when its 95% intervals do not overlap
// (or its test gives p < 0.05); otherwise the finding is left out or stated
// without the comparison.
func findings(r *Report) []Finding {
	var out []Finding
	add := func(f *Finding) {
		if f != nil {
			out = append(out, *f)
		}
	}
	add(periodFinding(r))
	add(bestCampaignFinding(r))
	add(weakCampaignFinding(r))
	add(latencyFinding(r))
	add(contentFinding(r))
	add(sourcingFinding(r))
	add(velocityFinding(r))
	add(accountFinding(r))
	add(creditLeaderFinding(r))
	add(hygieneFinding(r))
	add(leadQualityFinding(r))
	add(winFinding(r))
	// The period overview stays first; the rest by stake, then kind.
	if len(out) > 1 {
		rest := out[1:]
		if out[0].Kind != "period" {
			rest = out
		}
		slices.SortStableFunc(rest, func(a, b Finding) int {
			switch {
			case a.Stake > b.Stake:
				return -1
			case a.Stake < b.Stake:
				return 1
			}
			return strings.Compare(a.Kind, b.Kind)
		})
	}
	if len(out) > maxFindings {
		out = out[:maxFindings]
	}
	if out == nil {
		out = []Finding{}
	}
	return out
}

// periodFinding states the period's pipeline and revenue, with the change
// against the previous period when there is one.
func periodFinding(r *Report) *Finding {
	t := r.Totals
	if t.Pipeline == nil || t.Revenue == nil {
		return &Finding{Kind: "period", Section: SectionCampaigns, Text: fmt.Sprintf("%s brought %s leads and %s MQLs.", r.Period.Label, h.Count(intOr0(t.LeadsCreated)), h.Count(intOr0(t.MQLs)))}
	}
	text := fmt.Sprintf("%s created %s of pipeline in %s and won %s in %s", r.Period.Label,
		h.MoneyShort(float64(*t.Pipeline)), h.Plural(*t.OpportunitiesCreated, "opportunity", "opportunities"),
		h.MoneyShort(float64(*t.Revenue)), h.Plural(*t.Won, "deal", "deals"))
	if t.WinRate != nil {
		text += fmt.Sprintf(" (win rate %s)", h.Percent(*t.WinRate))
	}
	section := SectionCampaigns
	if pc := r.PreviousChange; pc != nil && pc.Relative != nil && pc.Relative.Pipeline != nil {
		text += fmt.Sprintf("; pipeline is %s on %s", upDown(*pc.Relative.Pipeline), pc.Label)
		if pc.Relative.Revenue != nil {
			text += fmt.Sprintf(" and revenue %s", upDown(*pc.Relative.Revenue))
		}
		section = SectionPrevious
	}
	return &Finding{Kind: "period", Section: section, Text: text + "."}
}

// campaignAverage is the opportunity rate and MQL rate over all responders
// of all campaign rows.
func campaignAverage(r *Report) (oppRate, mqlRate float64, ok bool) {
	var resp, opp, mql int
	for _, c := range r.Campaigns {
		resp += c.Responders
		mql += c.MQLs
		if c.OppRate != nil {
			opp += int(*c.OppRate*float64(c.Responders) + 0.5)
		}
	}
	if resp == 0 {
		return 0, 0, false
	}
	return float64(opp) / float64(resp), float64(mql) / float64(resp), true
}

// bestCampaignFinding names the campaign whose opportunity rate is highest
// among those whose 95% interval lies wholly above the all-campaign rate.
func bestCampaignFinding(r *Report) *Finding {
	avg, _, ok := campaignAverage(r)
	if !ok || avg == 0 {
		return nil
	}
	var best *Campaign
	for i := range r.Campaigns {
		c := &r.Campaigns[i]
		if opp := c.Opp(); opp.Small() || opp.CI == nil || opp.CI[0] <= avg {
			continue
		}
		if best == nil || *c.OppRate > *best.OppRate {
			best = c
		}
	}
	if best == nil {
		return nil
	}
	return &Finding{
		Kind: "best_campaign", Section: SectionCampaigns, Stake: float64(best.Pipeline), Campaigns: []string{best.CampaignID},
		Text: fmt.Sprintf("%s (%s) turned %s of its %s responders into opportunities, %s the rate of all campaigns (%s), and touched %s of pipeline.",
			best.Name, best.CampaignID, h.Percent(*best.OppRate), h.Count(best.Responders), h.Multiple(*best.OppRate/avg), h.Percent(avg), h.MoneyShort(float64(best.Pipeline))),
	}
}

// weakCampaignFinding names the costliest campaign whose MQL rate's 95%
// interval lies wholly below the all-campaign MQL rate.
func weakCampaignFinding(r *Report) *Finding {
	_, avg, ok := campaignAverage(r)
	if !ok {
		return nil
	}
	var weak *Campaign
	for i := range r.Campaigns {
		c := &r.Campaigns[i]
		if mql := c.MQL(); mql.Small() || mql.CI == nil || mql.CI[1] >= avg || c.Cost <= 0 {
			continue
		}
		if weak == nil || c.Cost > weak.Cost {
			weak = c
		}
	}
	if weak == nil {
		return nil
	}
	text := fmt.Sprintf("%s (%s) cost %s for %s responders, but only %s became MQLs against %s across campaigns",
		weak.Name, weak.CampaignID, h.MoneyShort(float64(weak.Cost)), h.Count(weak.Responders), h.Percent(*weak.MQLRate), h.Percent(avg))
	if weak.ROAS != nil {
		text += fmt.Sprintf("; it returned %s its cost under %s credit", h.Multiple(*weak.ROAS), strings.ReplaceAll(string(r.Settings.Model), "_", " "))
	}
	return &Finding{Kind: "weak_campaign", Section: SectionSpend, Stake: float64(weak.Cost), Campaigns: []string{weak.CampaignID}, Text: text + "."}
}

// latencyFinding compares fast and slow follow-up when the difference is
// clear; otherwise it states the SLA share alone.
func latencyFinding(r *Report) *Finding {
	l := r.Latency
	if l == nil || l.Handoffs == 0 {
		return nil
	}
	tk := l.Takeaway
	if tk == nil || !tk.Significant || tk.Ratio == nil || tk.FastRate <= tk.SlowRate {
		if l.WithinSLA == nil {
			return nil
		}
		return &Finding{Kind: "follow_up", Section: SectionLatency, Stake: 0,
			Text: fmt.Sprintf("Sales contacted %s of %s handoffs within the %s SLA; %s were never contacted.",
				h.Percent(*l.WithinSLA), h.Count(l.Handoffs), h.Duration(l.SLAMinutes), h.Count(l.Handoffs-l.Contacted))}
	}
	// Stake: the SQLs the slow group would have added at the fast rate,
	// valued at the period's pipeline per SQL.
	stake := (tk.FastRate - tk.SlowRate) * float64(tk.SlowLeads)
	if t := r.Totals; t.Pipeline != nil && t.SQLs != nil && *t.SQLs > 0 {
		stake *= float64(*t.Pipeline) / float64(*t.SQLs)
	}
	text := fmt.Sprintf("Leads contacted within an hour became SQLs %s as often as leads first contacted after a day (%s vs %s)",
		h.Multiple(*tk.Ratio), h.Percent(tk.FastRate), h.Percent(tk.SlowRate))
	if l.WithinSLA != nil {
		text += fmt.Sprintf("; %s of %s handoffs were contacted within the %s SLA", h.Percent(*l.WithinSLA), h.Count(l.Handoffs), h.Duration(l.SLAMinutes))
	}
	return &Finding{Kind: "follow_up", Section: SectionLatency, Stake: stake, Text: text + "."}
}

// hygieneFinding names the owner with the largest flagged share of new
// pipeline when it stands above the share for all owners, and says whether
// late creation stands clearly above an even pace.
func hygieneFinding(r *Report) *Finding {
	hy := r.Hygiene
	if hy == nil || hy.MostFlagged == nil || hy.FlaggedShare == nil || hy.MostFlagged.FlaggedShare == nil || *hy.MostFlagged.FlaggedShare <= *hy.FlaggedShare {
		return nil
	}
	o := hy.MostFlagged
	text := fmt.Sprintf("%s's new pipeline carries the most hygiene flags: %s of %s across %s (%d created in the last 14 days, %d lost within 14 days",
		o.Owner, h.Percent(*o.FlaggedShare), h.MoneyShort(float64(o.Pipeline)), h.Plural(o.Opportunities, "opportunity", "opportunities"), o.LateCreated, o.FastLoss)
	if o.ColdCreated != nil {
		text += fmt.Sprintf(", %d with no touch or activity in the 30 days before", *o.ColdCreated)
	}
	text += fmt.Sprintf(") against %s for all owners", h.Percent(*hy.FlaggedShare))
	// Late creation overall: a claim only when the late share's interval
	// lies above the even-pace share.
	if hy.LateShare != nil && hy.Opportunities > 0 {
		late := wilson(hy.LateCreated.Count, hy.Opportunities)
		if late != nil && late[0] > hy.ExpectedLateShare {
			text += fmt.Sprintf("; across all owners %s of new opportunities came in the last 14 days, more than the %s an even pace gives", h.Percent(*hy.LateShare), h.Percent(hy.ExpectedLateShare))
		}
	}
	return &Finding{Kind: "hygiene", Section: SectionHygiene, Stake: float64(o.Pipeline) * *o.FlaggedShare,
		Text: text + ". A prompt for a conversation, not a verdict."}
}

// leadQualityFinding names the campaign behind the most disqualified leads.
func leadQualityFinding(r *Report) *Finding {
	lq := r.LeadQuality
	if lq == nil || lq.Disqualified == 0 || len(lq.ByCampaign) == 0 {
		return nil
	}
	var top *LeadQualityCampaign
	for i := range lq.ByCampaign {
		c := &lq.ByCampaign[i]
		if c.Name == "" && strings.HasPrefix(c.CampaignID, "(") {
			continue // leads without a campaign touch
		}
		if top == nil || c.Disqualified > top.Disqualified {
			top = c
		}
	}
	if top == nil || len(top.Reasons) == 0 {
		return nil
	}
	var cost float64
	for _, c := range r.Campaigns {
		if c.CampaignID == top.CampaignID {
			cost = float64(c.Cost)
		}
	}
	return &Finding{Kind: "lead_quality", Section: SectionLeadQuality, Stake: cost, Campaigns: []string{top.CampaignID},
		Text: fmt.Sprintf("%s (%s) brought %s of the %s leads sales disqualified, most often for \"%s\" (%s).",
			top.Name, top.CampaignID, h.Count(top.Disqualified), h.Count(lq.Disqualified), top.Reasons[0].Reason, h.Count(top.Reasons[0].Count))}
}

// winFinding celebrates the largest marketing-touched win.
func winFinding(r *Report) *Finding {
	if len(r.Wins) == 0 {
		return nil
	}
	w := r.Wins[0]
	var names []string
	for i, id := range w.Campaigns {
		if i == 3 {
			names = append(names, h.Plural(len(w.Campaigns)-3, "more campaign", "more campaigns"))
			break
		}
		if i < len(w.CampaignNames) && w.CampaignNames[i] != "" {
			id = w.CampaignNames[i] + " (" + id + ")"
		}
		names = append(names, id)
	}
	deal, account := w.Shown()
	return &Finding{Kind: "win", Section: SectionWins, Stake: float64(w.Amount) / 2, Campaigns: w.Campaigns[:min(3, len(w.Campaigns))],
		Text: fmt.Sprintf("The largest win that marketing touched: %s (%s, account %s), touched by %s.",
			deal, h.MoneyShort(float64(w.Amount)), account, strings.Join(names, ", "))}
}

// upDown writes a relative change in words: "up 23%", "down 5%", "flat".
func upDown(f float64) string {
	switch p := h.Percent(f); {
	case p == "0%" || p == "-0%":
		return "flat"
	case f > 0:
		return "up " + p
	default:
		return "down " + strings.TrimPrefix(p, "-")
	}
}

// contentFinding contrasts the content type whose touched deals win
// clearly less often than the rest (p < 0.05, enough deals) with the one
// that wins clearly more often.
func contentFinding(r *Report) *Finding {
	var loser, winner *AssetType
	for i := range r.AssetTypes {
		switch r.AssetTypes[i].Verdict {
		case VerdictWinsLess:
			loser = &r.AssetTypes[i]
		case VerdictWinsMore:
			winner = &r.AssetTypes[i]
		}
	}
	if loser == nil && winner == nil {
		return nil
	}
	label := func(t *AssetType) string { return strings.ReplaceAll(t.AssetType, "_", " ") }
	var parts []string
	stake := 0.0
	avgDeal := 0.0
	if t := r.Totals; t.Revenue != nil && t.Won != nil && *t.Won > 0 {
		avgDeal = float64(*t.Revenue) / float64(*t.Won)
	}
	if t := loser; t != nil {
		parts = append(parts, fmt.Sprintf("deals touched by %s content won %s of the time against %s without it (%s leads came in through it)",
			label(t), h.Percent(*t.WinRate), h.Percent(*t.BaselineWinRate), h.Count(t.Leads)))
		stake += (*t.BaselineWinRate - *t.WinRate) * float64(t.Opportunities) * avgDeal
	}
	if t := winner; t != nil {
		parts = append(parts, fmt.Sprintf("deals touched by %s content won %s against %s", label(t), h.Percent(*t.WinRate), h.Percent(*t.BaselineWinRate)))
		stake += (*t.WinRate - *t.BaselineWinRate) * float64(t.Opportunities) * avgDeal
	}
	text := strings.Join(parts, "; ")
	test := " (p < 0.05)."
	if len(parts) == 2 {
		test = " (p < 0.05 for each)."
	}
	return &Finding{Kind: "content", Section: SectionAssetTypes, Stake: stake,
		Text: strings.ToUpper(text[:1]) + text[1:] + test}
}

// sourcingFinding sets what marketing sourced beside what it touched.
func sourcingFinding(r *Report) *Finding {
	if r.Sourcing == nil {
		return nil
	}
	p, v := r.Sourcing.Pipeline, r.Sourcing.Revenue
	if p.SourcedShare == nil {
		return nil
	}
	text := fmt.Sprintf("Marketing sourced %s of new pipeline (%s)", h.Percent(*p.SourcedShare), h.MoneyShort(float64(p.MarketingSourced.Amount)))
	if p.TouchedShare != nil {
		text += fmt.Sprintf(" and touched %s (%s)", h.Percent(*p.TouchedShare), h.MoneyShort(float64(p.MarketingTouched.Amount)))
	}
	if v.SourcedShare != nil && v.TouchedShare != nil {
		text += fmt.Sprintf("; of revenue won, %s was marketing sourced and %s marketing touched", h.Percent(*v.SourcedShare), h.Percent(*v.TouchedShare))
	}
	return &Finding{Kind: "sourcing", Section: SectionSourcing, Stake: float64(p.MarketingSourced.Amount) / 4, Text: text + "."}
}
