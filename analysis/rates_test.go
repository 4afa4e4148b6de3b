package analysis

import "testing"

// TestRateDenominators checks that each rate rests on the count the SPEC
// computes it from, and that Small draws the line at SmallSample.
func TestRateDenominators(t *testing.T) {
	won, lost, leads := 20, 10, 31
	c := Campaign{Responders: 29, MQLs: 30, Won: 12, Lost: 17}
	seg := SegmentRow{LeadsCreated: &leads, Won: &won, Lost: &lost}
	for _, tc := range []struct {
		name  string
		rate  Rate
		n     int
		small bool
	}{
		{"campaign mql over responders", c.MQL(), 29, true},
		{"campaign sql over mqls", c.SQL(), 30, false},
		{"campaign opp over responders", c.Opp(), 29, true},
		{"campaign win over closed", c.Win(), 29, true},
		{"segment mql over leads created", seg.MQL(), 31, false},
		{"segment win over closed", seg.Win(), 30, false},
		{"segment win without opportunities.csv", (&SegmentRow{}).Win(), 0, true},
		{"bucket sql over handoffs", (&LatencyBucket{Leads: 40, SQLs: 3}).SQL(), 40, false},
		{"asset type win over touched deals", (&AssetType{Opportunities: 5, Leads: 90}).Win(), 5, true},
		{"asset type mql over leads", (&AssetType{Opportunities: 5, Leads: 90}).MQL(), 90, false},
		{"lead quality sql over mqls", (&LeadQualityCampaign{Disqualified: 50, MQLs: 2}).SQL(), 2, true},
		{"owner flagged over opportunities", (&HygieneOwner{Opportunities: 30}).Flagged(), 30, false},
		{"origin win over closed by as_of", (&OriginVelocity{Opportunities: 80, Closed: 12}).Win(), 12, true},
		{"accounts over engaged accounts", (&AccountTotals{Accounts: 10, AccountsEngaged: 45}).Opportunity(), 45, false},
		{"campaign accounts over its engaged accounts", (&AccountCampaign{AccountsEngaged: 3}).Opportunity(), 3, true},
	} {
		if tc.rate.N != tc.n || tc.rate.Small() != tc.small {
			t.Errorf("%s: N %d small %v, want N %d small %v", tc.name, tc.rate.N, tc.rate.Small(), tc.n, tc.small)
		}
	}
}
