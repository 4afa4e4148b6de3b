package analysis

import "testing"

// channelFiles: two email campaigns (C1, C2) share responder L1, and
// opportunity O1 has L1 and L2 (who responded to C2 only) on it; L3
// responded to the webinar C3 first and to C1 later. CX is no campaign of
// campaigns.csv.
var channelFiles = map[string]string{
	"campaigns.csv": `campaign_id,name,channel,cost
C1,Newsletter,email,100
C2,Nurture,Email,300
C3,Webinar,webinar,50
`,
	"leads.csv": `lead_id,created_at,mql_at,sql_at
L1,2026-07-01,2026-07-03,
L2,2026-07-01,2026-07-06,2026-07-07
L3,2026-07-01,,
`,
	"touches.csv": `lead_id,campaign_id,touched_at
L1,C1,2026-07-02
L1,C2,2026-07-05
L1,CX,2026-07-06
L2,C2,2026-07-04
L3,C3,2026-07-02
L3,C1,2026-07-08
`,
	"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id
O1,2026-07-10,1000,won,2026-07-20,L1
`,
	"opportunity_contacts.csv": "opportunity_id,lead_id\nO1,L2\n",
}

func TestChannels(t *testing.T) {
	r := analyzeQ3(t, loadFiles(t, channelFiles), 180)
	if len(r.Channels) != 2 || r.Channels[0].Channel != "email" || r.Channels[1].Channel != "webinar" {
		t.Fatalf("channels = %+v, want email and webinar rows only", r.Channels)
	}
	email, webinar := r.Channels[0], r.Channels[1]
	// Email: responders L1 (t 07-02), L2 (07-04), L3 (07-08): 3, not the 4
	// of C1 + C2. MQLs L1 and L2 (both after t); SQL L2. O1 once, not
	// twice; L1 and L2 are on it: opp rate 2/3. New leads: L1 and L2
	// (first touch on email); L3 came through the webinar.
	type counts struct{ campaigns, responders, newLeads, mqls, sqls, opps, won, lost int }
	got := counts{email.Campaigns, email.Responders, email.NewLeads, email.MQLs, email.SQLs, email.Opportunities, email.Won, email.Lost}
	want := counts{2, 3, 2, 2, 1, 1, 1, 0}
	if got != want {
		t.Errorf("email counts = %+v, want %+v", got, want)
	}
	checkF(t, "email opp_rate", email.OppRate, ptr(2.0/3))
	checkF(t, "email mql_rate", email.MQLRate, ptr(2.0/3))
	checkF(t, "email sql_rate", email.SQLRate, ptr(0.5))
	checkF(t, "email win_rate", email.WinRate, ptr(1))
	if float64(email.Cost) != 400 || float64(email.Pipeline) != 1000 || float64(email.Revenue) != 1000 {
		t.Errorf("email cost, pipeline, revenue = %v, %v, %v; want 400, 1000, 1000", email.Cost, email.Pipeline, email.Revenue)
	}
	checkM(t, "email cost_per_responder", email.CostPerResponder, ptr(400.0/3))
	checkM(t, "email cost_per_mql", email.CostPerMQL, ptr(200))
	checkM(t, "email cost_per_sql", email.CostPerSQL, ptr(400))
	checkM(t, "email cost_per_opportunity", email.CostPerOpportunity, ptr(400))
	checkM(t, "email cost_per_won", email.CostPerWon, ptr(400))
	// Linear credit: O1's journey (for pipeline and revenue alike) is
	// L1/C1, L2/C2, L1/C2 and L1/CX: email gets 3/4 of 1000, CX's quarter
	// goes to channel (unknown), which has no row.
	checkM(t, "email attributed_revenue", &email.AttributedRevenue, ptr(750))
	checkM(t, "email attributed_pipeline", &email.AttributedPipeline, ptr(750))
	checkF(t, "email roas", email.ROAS, ptr(750.0/400))
	checkF(t, "email roi", email.ROI, ptr((750.0-400)/400))
	for _, target := range []AttributionTarget{r.Attribution.Pipeline, r.Attribution.Revenue} {
		if c := target.Channels["linear"]["email"]; c != email.AttributedRevenue {
			t.Errorf("attribution channels email = %v, channel row %v", c, email.AttributedRevenue)
		}
	}

	if webinar.Responders != 1 || webinar.NewLeads != 1 || webinar.MQLs != 0 || float64(webinar.Cost) != 50 {
		t.Errorf("webinar = %+v, want 1 responder, 1 new lead, no MQL, cost 50", webinar)
	}
	checkM(t, "webinar cost_per_mql", webinar.CostPerMQL, nil)
	checkF(t, "webinar roas", webinar.ROAS, ptr(0))
	checkF(t, "webinar mql_rate", webinar.MQLRate, ptr(0))
	checkF(t, "webinar sql_rate", webinar.SQLRate, nil)
}

func TestCampaignAndTotalsEfficiency(t *testing.T) {
	r := analyzeQ3(t, loadFiles(t, channelFiles), 180)
	// C1: responders L1, L3; MQL L1; no SQL; O1 won; credit 1000/4.
	c1 := campaignRow(t, r, "C1")
	checkM(t, "C1 cost_per_mql", c1.CostPerMQL, ptr(100))
	checkM(t, "C1 cost_per_sql", c1.CostPerSQL, nil)
	checkM(t, "C1 cost_per_won", c1.CostPerWon, ptr(100))
	checkF(t, "C1 roas", c1.ROAS, ptr(250.0/100))
	// C2: responders L1 (MQL 07-03 before its 07-05 touch: no), L2 (MQL,
	// SQL); credit 2 x 250.
	c2 := campaignRow(t, r, "C2")
	checkM(t, "C2 cost_per_mql", c2.CostPerMQL, ptr(300))
	checkM(t, "C2 cost_per_sql", c2.CostPerSQL, ptr(300))
	checkF(t, "C2 roas", c2.ROAS, ptr(500.0/300))

	// Totals: cost 450; MQLs 2, SQLs 1, opportunities 1, won 1.
	e := r.Totals.TotalsEfficiency
	checkM(t, "cost_per_mql", e.CostPerMQL, ptr(225))
	checkM(t, "cost_per_sql", e.CostPerSQL, ptr(450))
	checkM(t, "cost_per_opportunity", e.CostPerOpportunity, ptr(450))
	checkM(t, "cost_per_won", e.CostPerWon, ptr(450))
	checkF(t, "pipeline_per_cost", e.PipelinePerCost, ptr(1000.0/450))

	// Without campaigns.csv: no cost, so every figure is null, and no
	// channels.
	files := map[string]string{}
	for k, v := range channelFiles {
		if k != "campaigns.csv" {
			files[k] = v
		}
	}
	r = analyzeQ3(t, loadFiles(t, files), 180)
	if e := r.Totals.TotalsEfficiency; e != (TotalsEfficiency{}) {
		t.Errorf("efficiency without campaigns.csv = %+v, want all null", e)
	}
	if r.Channels != nil {
		t.Errorf("channels without campaigns.csv = %+v, want null", r.Channels)
	}
}

func TestChannelNewLeadsInScope(t *testing.T) {
	// L1's first touch (June) is on C0, an email campaign of January that
	// is out of scope: L1 responds to the email channel in P through C1 but
	// is not its new lead; L2's first touch is on C1. The channel's new
	// leads are the sum of its campaign rows'.
	files := map[string]string{
		"campaigns.csv": "campaign_id,name,channel,start_date,end_date,cost\nC0,January,email,2026-01-01,2026-01-31,10\nC1,Newsletter,email,,,20\n",
		"leads.csv":     "lead_id,created_at\nL1,2026-07-01\nL2,2026-07-01\n",
		"touches.csv":   "lead_id,campaign_id,touched_at\nL1,C0,2026-06-20\nL1,C1,2026-07-03\nL2,C1,2026-07-02\n",
	}
	r := analyzeQ3(t, loadFiles(t, files), 180)
	if len(r.Channels) != 1 {
		t.Fatalf("channels = %+v, want one email row", r.Channels)
	}
	if c := r.Channels[0]; c.Campaigns != 1 || c.Responders != 2 || c.NewLeads != 1 || float64(c.Cost) != 20 {
		t.Errorf("email = %+v, want 1 campaign in scope, 2 responders, 1 new lead, cost 20", c)
	}
}
