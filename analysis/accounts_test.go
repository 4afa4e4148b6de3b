package analysis

import "testing"

// accountFiles: account A1 has two engaged leads (P1 on C1 and C2, P2 on
// C2), A2 one (P3 on C1), A3 a lead touched only before P, and P5 no
// account. Lookback 30 days.
var accountFiles = map[string]string{
	"campaigns.csv": "campaign_id,name,channel\nC1,Target list,abm\nC2,Webinar,webinar\n",
	"leads.csv": `lead_id,created_at,account_id
P1,2026-06-01,A1
P2,2026-06-01,A1
P3,2026-06-01,A2
P4,2026-06-01,A3
P5,2026-06-01,
`,
	"touches.csv": `lead_id,campaign_id,touched_at
P1,C1,2026-07-02
P1,C2,2026-07-10
P2,C2,2026-07-05
P3,C1,2026-07-03
P4,C1,2026-06-01
P5,C1,2026-07-01
`,
	// OB is before A1's first touch; OD is exactly t_a + 30 days for A2
	// (inclusive), OC a day later; OE is A3's, which is not engaged.
	"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,account_id
OA,2026-07-08,1000,won,2026-07-20,A1
OB,2026-06-30,500,open,,A1
OD,2026-08-02,300,lost,2026-08-10,A2
OC,2026-08-03,900,open,,A2
OE,2026-07-15,200,open,,A3
OF,2026-07-15,50,open,,
`,
}

func TestAccounts(t *testing.T) {
	r := analyzeQ3(t, loadFiles(t, accountFiles), 30)
	a := r.Accounts
	if a == nil {
		t.Fatal("accounts is null")
	}
	// Engaged: A1 (t_a 07-02) and A2 (07-03); both have an opportunity in
	// [t_a, t_a + 30 days] (OA; OD on the boundary); A1's was won.
	tt := a.Totals
	if tt.Accounts != 3 || tt.AccountsEngaged != 2 || tt.AccountsWithOpportunity != 2 || tt.AccountsWon != 1 {
		t.Errorf("totals = %+v, want 3 accounts, 2 engaged, 2 with opportunity, 1 won", tt)
	}
	checkF(t, "engaged_to_opportunity_rate", tt.EngagedToOpportunityRate, ptr(1))
	checkF(t, "average_engaged_people", tt.AverageEngagedPeople, ptr(1.5))

	// C1: A1 (P1, 07-02: OA) and A2 (P3, 07-03: OD): 2 of 2, 1000 + 300.
	// C2: A1 only, t_a = P2's 07-05 (not P1's 07-10, which would miss OA
	// of 07-08): 1 of 1, 1000.
	want := []AccountCampaign{
		{CampaignID: "C1", AccountsEngaged: 2, AccountsWithOpportunity: 2, AccountPipeline: 1300},
		{CampaignID: "C2", AccountsEngaged: 1, AccountsWithOpportunity: 1, AccountPipeline: 1000},
	}
	if len(a.ByCampaign) != len(want) {
		t.Fatalf("by_campaign = %+v, want %d rows", a.ByCampaign, len(want))
	}
	for i, w := range want {
		g := a.ByCampaign[i]
		if g.CampaignID != w.CampaignID || g.AccountsEngaged != w.AccountsEngaged || g.AccountsWithOpportunity != w.AccountsWithOpportunity || g.AccountPipeline != w.AccountPipeline {
			t.Errorf("by_campaign[%d] = %+v, want %+v", i, g, w)
		}
		checkF(t, w.CampaignID+" account_opp_rate", g.AccountOppRate, ptr(1))
	}

	// A day shorter lookback drops OD from A2's window.
	r = analyzeQ3(t, loadFiles(t, accountFiles), 29)
	if got := r.Accounts.Totals.AccountsWithOpportunity; got != 1 {
		t.Errorf("accounts_with_opportunity with a 29-day lookback = %d, want 1", got)
	}
	checkF(t, "rate with 29 days", r.Accounts.Totals.EngagedToOpportunityRate, ptr(0.5))
	if ci := r.Accounts.Totals.EngagedToOpportunityRateCI; ci == nil || *ci != *wilson(1, 2) {
		t.Errorf("rate CI = %v, want %v", ci, wilson(1, 2))
	}
}

func TestAccountsNull(t *testing.T) {
	// No account_id anywhere: null.
	files := map[string]string{
		"leads.csv":         "lead_id,created_at\nP1,2026-07-01\n",
		"opportunities.csv": "opportunity_id,created_at,amount,status\nO1,2026-07-02,10,open\n",
	}
	if a := analyzeQ3(t, loadFiles(t, files), 180).Accounts; a != nil {
		t.Errorf("accounts = %+v, want null", a)
	}
	// Without campaigns.csv: totals, but by_campaign null.
	files = map[string]string{}
	for k, v := range accountFiles {
		if k != "campaigns.csv" {
			files[k] = v
		}
	}
	a := analyzeQ3(t, loadFiles(t, files), 30).Accounts
	if a == nil || a.ByCampaign != nil || a.Totals.AccountsEngaged != 2 {
		t.Errorf("accounts without campaigns.csv = %+v, want totals and a null by_campaign", a)
	}
}

// TestAccountsNeedTouches: an account is engaged by its leads' touches, so
// without leads.csv or touches.csv the section is null and listed as
// missing, not a row of zeros ("no lead of the 85 accounts had a touch").
func TestAccountsNeedTouches(t *testing.T) {
	for _, tc := range []struct{ drop, needs string }{
		{"touches.csv", "touches.csv"},
		{"leads.csv", "leads.csv"},
	} {
		files := map[string]string{}
		for k, v := range accountFiles {
			if k != tc.drop {
				files[k] = v
			}
		}
		r := analyzeQ3(t, loadFiles(t, files), 30)
		if r.Accounts != nil {
			t.Errorf("without %s: accounts = %+v, want null", tc.drop, r.Accounts)
		}
		found := false
		for _, m := range r.Missing {
			found = found || (m.Section == SectionAccounts && m.Needs == tc.needs)
		}
		if !found {
			t.Errorf("without %s: missing = %+v, want accounts needing %s", tc.drop, r.Missing, tc.needs)
		}
	}
}
