package analysis

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// winFiles (for TestWinNames): three deals won in Q3 that a campaign touched (W1 and W3 named,
// W2 not), one won but never touched (W4) and one lost (L1). The leads'
// own name column is a person's and must not reach the wins.
var winFiles = map[string]string{
	"campaigns.csv": "campaign_id,name,channel\nC1,Spring webinar,webinar\nC2,Trade show,event\n",
	"leads.csv":     "lead_id,created_at,name\nP1,2026-06-01,Ann Person\nP2,2026-06-01,Bob Person\nP3,2026-06-01,Cy Person\nP4,2026-06-01,Di Person\n",
	"touches.csv":   "lead_id,campaign_id,touched_at\nP1,C1,2026-07-02\nP1,C2,2026-07-04\nP2,C2,2026-07-03\nP3,C1,2026-07-05\n",
	"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id,account_id,owner,name,account_name
W1,2026-07-06,5000,won,2026-08-01,P1,A1,Rita Rep,Acme - 50 seats,Acme Corp
W2,2026-07-06,9000,won,2026-08-02,P2,A2,Rita Rep,,
W3,2026-07-06,5000,won,2026-08-03,P3,A3,Sam Rep,Globex expansion,
W4,2026-07-06,7000,won,2026-08-04,P4,A4,Sam Rep,Untouched deal,Initech
L1,2026-07-06,8000,lost,2026-08-05,P1,A1,Rita Rep,Acme - lost add-on,Acme Corp
`,
}

func TestWinNames(t *testing.T) {
	r := analyzeQ3(t, loadFiles(t, winFiles), 30)
	// By amount descending, then id: W2 (9000), W1 and W3 (5000). W4 has
	// no touch, L1 was lost.
	want := []Win{
		{OpportunityID: "W2", AccountID: "A2", Amount: 9000, Owner: "Rita Rep", ClosedOn: "2026-08-02", Campaigns: []string{"C2"}, CampaignNames: []string{"Trade show"}},
		{OpportunityID: "W1", Name: "Acme - 50 seats", AccountID: "A1", AccountName: "Acme Corp", Amount: 5000, Owner: "Rita Rep", ClosedOn: "2026-08-01", Campaigns: []string{"C1", "C2"}, CampaignNames: []string{"Spring webinar", "Trade show"}},
		{OpportunityID: "W3", Name: "Globex expansion", AccountID: "A3", Amount: 5000, Owner: "Sam Rep", ClosedOn: "2026-08-03", Campaigns: []string{"C1"}, CampaignNames: []string{"Spring webinar"}},
	}
	if !reflect.DeepEqual(r.Wins, want) {
		t.Errorf("wins =\n%+v\nwant\n%+v", r.Wins, want)
	}
	b, err := json.Marshal(r.Wins)
	if err != nil {
		t.Fatal(err)
	}
	js := string(b)
	// The keys appear where there is a name, and only there.
	if strings.Count(js, `"name":`) != 2 || strings.Count(js, `"account_name":`) != 1 {
		t.Errorf("wins JSON has the name keys %d and %d times, want 2 and 1: %s", strings.Count(js, `"name":`), strings.Count(js, `"account_name":`), js)
	}
	if strings.Contains(js, "Person") {
		t.Errorf("wins JSON names a lead: %s", js)
	}
}

// TestWinFindingNames: the summary's win names the deal and its account
// where the export gives their names, else their ids.
func TestWinFindingNames(t *testing.T) {
	for _, tc := range []struct {
		win  Win
		want string
	}{
		{Win{OpportunityID: "O1", AccountID: "ACC1", Amount: 10000, Campaigns: []string{"C1"}},
			"The largest win that marketing touched: O1 ($10k, account ACC1), touched by C1."},
		{Win{OpportunityID: "O1", Name: "Acme - 50 seats", AccountID: "ACC1", AccountName: "Acme Corp", Amount: 10000, Campaigns: []string{"C1"}, CampaignNames: []string{"Webinar"}},
			"The largest win that marketing touched: Acme - 50 seats ($10k, account Acme Corp), touched by Webinar (C1)."},
	} {
		if f := winFinding(&Report{Wins: []Win{tc.win}}); f == nil || f.Text != tc.want {
			t.Errorf("win finding = %+v, want %q", f, tc.want)
		}
	}
}
