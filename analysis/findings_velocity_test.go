package analysis

import (
	"strings"
	"testing"
)

// originWith builds a by-origin row of opps opportunities, closed of them
// closed and won won, with the given median days to close.
func originWith(origin string, opps, closed, won int, cycle float64) OriginVelocity {
	return OriginVelocity{Origin: origin, Opportunities: opps, Closed: closed, Won: won, Pipeline: Money(opps * 1000),
		WinRate: ratio(won, closed), WinRateCI: wilson(won, closed), CycleMedianDays: &cycle}
}

func TestVelocityFinding(t *testing.T) {
	tests := []struct {
		name       string
		m, s       OriginVelocity
		p          *float64
		want       []string // fragments of the text; nil: no finding
		wantAbsent []string
	}{
		{
			name: "faster at the same win rate",
			m:    originWith("marketing_sourced", 100, 80, 40, 41.2), s: originWith("sales_sourced", 100, 80, 42, 63),
			p:    ptr(0.001),
			want: []string{"closed in a median 41 days against 63 days for sales-sourced", "win rates the data cannot tell apart (50% and 53%)"},
		},
		{
			name: "faster and winning more",
			m:    originWith("marketing_sourced", 100, 100, 60, 30), s: originWith("sales_sourced", 100, 100, 20, 50),
			p:    ptr(0.01),
			want: []string{"closed in a median 30 days", "won 60% of those closed against 20%"},
		},
		{
			name: "times not apart, win rates apart",
			m:    originWith("marketing_sourced", 100, 100, 60, 30), s: originWith("sales_sourced", 100, 100, 20, 50),
			p:    ptr(0.2),
			want: []string{"won 60% of those closed against 20% for sales-sourced; their time to close cannot be told apart"}, wantAbsent: []string{"median"},
		},
		{
			name: "nothing apart",
			m:    originWith("marketing_sourced", 100, 100, 50, 30), s: originWith("sales_sourced", 100, 100, 45, 50),
			p: ptr(0.2),
		},
		{
			name: "small sample",
			m:    originWith("marketing_sourced", 29, 29, 29, 3), s: originWith("sales_sourced", 100, 100, 1, 50),
			p: ptr(0.0001),
		},
		{
			name: "no test",
			m:    originWith("marketing_sourced", 100, 100, 50, 30), s: originWith("sales_sourced", 100, 100, 48, 50),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &Report{Velocity: &Velocity{ByOrigin: []OriginVelocity{tc.m, tc.s}, CycleLogRankP: tc.p}}
			f := velocityFinding(r)
			if tc.want == nil {
				if f != nil {
					t.Fatalf("finding %q, want none", f.Text)
				}
				return
			}
			if f == nil {
				t.Fatal("no finding")
			}
			for _, w := range tc.want {
				if !strings.Contains(f.Text, w) {
					t.Errorf("text %q lacks %q", f.Text, w)
				}
			}
			for _, w := range tc.wantAbsent {
				if strings.Contains(f.Text, w) {
					t.Errorf("text %q has %q", f.Text, w)
				}
			}
		})
	}
}

func TestAccountFinding(t *testing.T) {
	row := func(id string, engaged, withOpp int) AccountCampaign {
		return AccountCampaign{CampaignID: id, Name: "Campaign " + id, AccountsEngaged: engaged, AccountsWithOpportunity: withOpp,
			AccountOppRate: ratio(withOpp, engaged), AccountOppRateCI: wilson(withOpp, engaged)}
	}
	r := &Report{Settings: Settings{LookbackDays: 180}, Accounts: &Accounts{
		Totals: AccountTotals{AccountsEngaged: 1000, AccountsWithOpportunity: 100, EngagedToOpportunityRate: ptr(0.1)},
		ByCampaign: []AccountCampaign{
			row("ABM1", 100, 40), // 40% (31-50%): above 10%
			row("ABM2", 29, 29),  // a small sample, not named
			row("E1", 500, 60),   // 12% (9.4-15%): not clearly above
		},
	}}
	f := accountFinding(r)
	if f == nil || !strings.Contains(f.Text, "40% of the 100 accounts reached by Campaign ABM1 (ABM1) opened an opportunity within 180 days, against 10%") {
		t.Fatalf("finding = %+v, want ABM1 named", f)
	}
	r.Accounts.ByCampaign = r.Accounts.ByCampaign[1:]
	if f := accountFinding(r); f != nil {
		t.Errorf("finding %q without a campaign clearly above, want none", f.Text)
	}
}
