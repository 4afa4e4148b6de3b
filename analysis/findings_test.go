package analysis

import (
	"slices"
	"strings"
	"testing"
)

// campaignWith builds a campaign row of n responders, mqls MQLs and opp
// responders on opportunities, with the rates and intervals of the funnel.
func campaignWith(id string, n, mqls, opp int, cost float64) Campaign {
	return Campaign{CampaignID: id, Name: "Campaign " + id, Responders: n, MQLs: mqls, Cost: Money(cost),
		MQLRate: ratio(mqls, n), MQLRateCI: wilson(mqls, n), OppRate: ratio(opp, n), OppRateCI: wilson(opp, n)}
}

func kinds(fs []Finding) map[string]Finding {
	m := map[string]Finding{}
	for _, f := range fs {
		m[f.Kind] = f
	}
	return m
}

// TestFindingsNeedSupport checks that no finding claims a difference its
// interval does not support, and that a clear difference is reported.
func TestFindingsNeedSupport(t *testing.T) {
	tests := []struct {
		name      string
		campaigns []Campaign
		wantBest  string // campaign id, or "" for no best_campaign finding
		wantWeak  string
	}{
		{
			// 40 responders with 4 on opportunities (10%, interval 4.0-23%)
			// against 1,000 at 5%: the interval includes the average (5.5%),
			// so no claim.
			name: "overlapping intervals",
			campaigns: []Campaign{
				campaignWith("A", 40, 12, 4, 1000),
				campaignWith("B", 1000, 300, 51, 1000),
			},
		},
		{
			// 200 responders, 60 on opportunities (30%, interval 24-37%)
			// against an average of (60+20)/1200 = 6.7%: a clear best. C's MQL
			// rate 2/200 = 1% (0.27-3.6%) lies below the average MQL rate
			// (2+600)/1200 = 50%: a clear weak campaign.
			name: "clear differences",
			campaigns: []Campaign{
				campaignWith("A", 200, 2, 60, 5000),
				campaignWith("B", 1000, 600, 20, 100),
			},
			wantBest: "A", wantWeak: "A",
		},
		{
			// Too few responders for any claim, however extreme.
			name: "small samples",
			campaigns: []Campaign{
				campaignWith("A", 20, 0, 20, 9000),
				campaignWith("B", 1000, 500, 10, 10),
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &Report{Campaigns: tc.campaigns, Period: PeriodInfo{Label: "2026-Q3"}, Settings: Settings{Model: "linear"}}
			got := kinds(findings(r))
			best, hasBest := got["best_campaign"]
			if tc.wantBest == "" && hasBest {
				t.Errorf("unsupported best_campaign finding: %s", best.Text)
			}
			if tc.wantBest != "" && (!hasBest || !strings.Contains(best.Text, "("+tc.wantBest+")") || !slices.Equal(best.Campaigns, []string{tc.wantBest})) {
				t.Errorf("want best campaign %s, got %+v", tc.wantBest, best)
			}
			weak, hasWeak := got["weak_campaign"]
			if tc.wantWeak == "" && hasWeak {
				t.Errorf("unsupported weak_campaign finding: %s", weak.Text)
			}
			if tc.wantWeak != "" && (!hasWeak || !strings.Contains(weak.Text, "("+tc.wantWeak+")") || !slices.Equal(weak.Campaigns, []string{tc.wantWeak})) {
				t.Errorf("want weak campaign %s, got %+v", tc.wantWeak, weak)
			}
		})
	}
}

func TestLatencyFindingNeedsSignificance(t *testing.T) {
	sla := 0.4
	ratio := 1.5
	l := &Latency{Handoffs: 100, Contacted: 90, WithinSLA: &sla, SLAMinutes: 60,
		Takeaway: &LatencyTakeaway{FastRate: 0.3, SlowRate: 0.2, Ratio: &ratio, Significant: false, SlowLeads: 50}}
	r := &Report{Latency: l, Period: PeriodInfo{Label: "2026-Q3"}}
	f := kinds(findings(r))["follow_up"]
	if strings.Contains(f.Text, "as often") || !strings.Contains(f.Text, "40% of 100 handoffs") {
		t.Errorf("non-significant latency gap stated as a difference: %q", f.Text)
	}
	l.Takeaway.Significant = true
	f = kinds(findings(r))["follow_up"]
	if !strings.Contains(f.Text, "1.5x as often") || !strings.Contains(f.Text, "(30% vs 20%)") {
		t.Errorf("significant gap not stated: %q", f.Text)
	}
}

func TestHygieneFindingLateClaim(t *testing.T) {
	share, all := 0.5, 0.25
	late := 0.2 // 20 of 100: interval 13-29% does not lie above 15%
	h := &Hygiene{Opportunities: 100, LateCreated: FlagTotal{Count: 20}, LateShare: &late, ExpectedLateShare: 0.15,
		FlaggedShare: &all, MostFlagged: &HygieneOwner{Owner: "Rep", Opportunities: 10, Pipeline: 1000, FlaggedShare: &share}}
	r := &Report{Hygiene: h, Period: PeriodInfo{Label: "2026-Q3"}}
	f := kinds(findings(r))["hygiene"]
	if !strings.Contains(f.Text, "Rep's new pipeline") || strings.Contains(f.Text, "even pace") {
		t.Errorf("want the owner but no late-creation claim: %q", f.Text)
	}
	h.LateCreated.Count, late = 40, 0.4 // 40 of 100: interval 31-50% > 15%
	f = kinds(findings(r))["hygiene"]
	if !strings.Contains(f.Text, "more than the 15% an even pace gives") {
		t.Errorf("want the late-creation claim: %q", f.Text)
	}
}

func TestFindingsOrder(t *testing.T) {
	r := &Report{
		Period:    PeriodInfo{Label: "2026-Q3"},
		Campaigns: []Campaign{campaignWith("A", 200, 2, 60, 5000), campaignWith("B", 1000, 600, 20, 100)},
		Wins:      []Win{{OpportunityID: "O1", AccountID: "ACC1", Amount: 1e6, Campaigns: []string{"A"}}},
	}
	fs := findings(r)
	if len(fs) < 3 || fs[0].Kind != "period" {
		t.Fatalf("want the period first, got %+v", fs)
	}
	for i := 2; i < len(fs); i++ {
		if fs[i-1].Stake < fs[i].Stake {
			t.Errorf("findings not ranked by stake: %s (%v) before %s (%v)", fs[i-1].Kind, fs[i-1].Stake, fs[i].Kind, fs[i].Stake)
		}
	}
	if len(fs) > maxFindings {
		t.Errorf("%d findings, at most %d", len(fs), maxFindings)
	}
}

// TestCreditLeaderFinding names a campaign only when it is alone in the
// top band over at least SmallSample deals.
func TestCreditLeaderFinding(t *testing.T) {
	rows := func(bands ...int) []ModelComparison {
		var out []ModelComparison
		for i, b := range bands {
			out = append(out, ModelComparison{CampaignID: string(rune('A' + i)), Name: "N" + string(rune('A'+i)),
				Credit: map[Model]Money{"linear": Money(1000 - 100*i)}, Bands: map[Model]RankBand{"linear": {Band: b}}})
		}
		return out
	}
	report := func(n int, compare []ModelComparison) *Report {
		return &Report{Settings: Settings{Model: "markov"}, Attribution: &Attribution{Revenue: AttributionTarget{
			Opportunities: n, Compare: compare,
			Intervals: map[Model]map[string]MoneyInterval{"linear": {"A": {900, 1100}}},
		}}}
	}
	if f := creditLeaderFinding(report(30, rows(1, 2, 2))); f == nil || !strings.Contains(f.Text, "NA (A) earned the most revenue credit under linear") || !strings.Contains(f.Text, "$900–$1,100") {
		t.Errorf("clear leader: %+v", f)
	}
	for name, r := range map[string]*Report{
		"tied top band":  report(30, rows(1, 1, 2)),
		"too few deals":  report(29, rows(1, 2, 2)),
		"one campaign":   report(30, rows(1)),
		"no attribution": {},
	} {
		if f := creditLeaderFinding(r); f != nil {
			t.Errorf("%s: %+v", name, f)
		}
	}
}
