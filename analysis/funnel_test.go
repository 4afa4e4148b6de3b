package analysis

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/campaignretro/retro/loader"
)

// loadFiles writes CSV files into a temporary folder and loads it.
func loadFiles(t *testing.T, files map[string]string) *loader.Dataset {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := loader.DefaultOptions()
	opts.MaxBadFraction = 1
	ds, err := loader.Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// analyzeQ3 analyses ds for 2026-Q3 with the given lookback in days.
func analyzeQ3(t *testing.T, ds *loader.Dataset, lookback int) *Report {
	t.Helper()
	p, err := ParsePeriod("2026-Q3")
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.Period = &p
	opts.LookbackDays = lookback
	r, err := Analyze(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func campaignRow(t *testing.T, r *Report, id string) Campaign {
	t.Helper()
	for _, c := range r.Campaigns {
		if c.CampaignID == id {
			return c
		}
	}
	t.Fatalf("no campaign row %s", id)
	return Campaign{}
}

func TestCampaignCostAndScope(t *testing.T) {
	files := map[string]string{
		"campaigns.csv": `campaign_id,name,channel,start_date,end_date,cost
SPAN,Spans the boundary,email,2026-06-01,2026-07-30,6000
INSIDE,Inside Q3,webinar,2026-08-01,2026-08-31,1000
OPEN,Start only,event,2026-09-20,,500
NODATE_T,No dates touched,paid_search,,,300
NODATE,No dates untouched,paid_search,,,999
BEFORE,Before Q3,direct_mail,2026-01-01,2026-03-31,700
`,
		"leads.csv":   "lead_id,created_at\nL1,2026-07-01\n",
		"touches.csv": "lead_id,campaign_id,touched_at\nL1,NODATE_T,2026-07-02T10:00:00Z\n",
	}
	r := analyzeQ3(t, loadFiles(t, files), 180)
	// In scope: SPAN (overlaps), INSIDE, OPEN (open-ended), NODATE_T (touched);
	// not NODATE (no dates, no touch) nor BEFORE.
	want := map[string]float64{
		"SPAN":     6000.0 * 30 / 60, // July 1..30 of June 1..July 30
		"INSIDE":   1000,
		"OPEN":     500, // one date: whole cost
		"NODATE_T": 300, // no dates: whole cost in a period with a touch
	}
	if len(r.Campaigns) != len(want) {
		t.Fatalf("got %d campaign rows, want %d: %+v", len(r.Campaigns), len(want), r.Campaigns)
	}
	total := 0.0
	for id, cost := range want {
		if got := float64(campaignRow(t, r, id).Cost); got != cost {
			t.Errorf("%s cost = %v, want %v", id, got, cost)
		}
		total += cost
	}
	if got := float64(*r.Totals.Cost); got != total {
		t.Errorf("total cost = %v, want %v", got, total)
	}
	// Rows are sorted by campaign_id.
	for i := 1; i < len(r.Campaigns); i++ {
		if r.Campaigns[i-1].CampaignID >= r.Campaigns[i].CampaignID {
			t.Errorf("rows not sorted by campaign_id: %s before %s", r.Campaigns[i-1].CampaignID, r.Campaigns[i].CampaignID)
		}
	}
}

func TestCampaignFunnel(t *testing.T) {
	campaigns := "campaign_id,name,channel,cost\nC1,Webinar,webinar,1000\nC2,Ebook,content_syndication,0\n"
	tests := []struct {
		name     string
		lookback int
		files    map[string]string
		campaign string
		want     Campaign // only the counted fields are compared
	}{
		{
			// L1 was already an MQL (June) before touching C1 in July: not an
			// MQL of C1. L2 became an MQL after its touch: counted, and an SQL.
			name: "already an MQL before the touch", lookback: 180, campaign: "C1",
			files: map[string]string{
				"leads.csv": `lead_id,created_at,mql_at,sql_at
L1,2026-05-01,2026-06-01,2026-07-20
L2,2026-07-01,2026-07-05,2026-07-06
`,
				"touches.csv": "lead_id,campaign_id,touched_at\nL1,C1,2026-07-10\nL2,C1,2026-07-02\n",
			},
			want: Campaign{Responders: 2, NewLeads: 1, MQLs: 1, SQLs: 1},
		},
		{
			// The opportunity is created exactly W = 30 days after L1's touch
			// (counted) and 30 days + 1 s after L2's (not counted for L2).
			name: "lookback edge", lookback: 30, campaign: "C1",
			files: map[string]string{
				"leads.csv":         "lead_id,created_at\nL1,2026-07-01\nL2,2026-07-01\n",
				"touches.csv":       "lead_id,campaign_id,touched_at\nL1,C1,2026-07-02T00:00:00Z\nL2,C1,2026-07-01T23:59:59Z\n",
				"opportunities.csv": "opportunity_id,created_at,amount,status,closed_at,lead_id\nO1,2026-08-01T00:00:00Z,100,won,2026-08-10,L1\nO2,2026-08-01T00:00:00Z,50,open,,L2\n",
			},
			want: Campaign{Responders: 2, NewLeads: 2, Opportunities: 1, Won: 1, Pipeline: 100, Revenue: 100},
		},
		{
			// One opportunity with two contacts who both responded to C1:
			// one opportunity for C1, but both responders count for opp_rate.
			name: "opportunity with several contacts", lookback: 180, campaign: "C1",
			files: map[string]string{
				"leads.csv":                "lead_id,created_at\nL1,2026-07-01\nL2,2026-07-01\nL3,2026-07-01\n",
				"touches.csv":              "lead_id,campaign_id,touched_at\nL1,C1,2026-07-02\nL2,C1,2026-07-03\nL3,C1,2026-07-03\n",
				"opportunities.csv":        "opportunity_id,created_at,amount,status,closed_at,lead_id\nO1,2026-07-10,500,lost,2026-07-20,L1\n",
				"opportunity_contacts.csv": "opportunity_id,lead_id\nO1,L2\nO1,L1\n",
			},
			want: Campaign{Responders: 3, NewLeads: 3, Opportunities: 1, Lost: 1, Pipeline: 500},
		},
		{
			// A touch before the opportunity's responder clock starts does not
			// count: the opportunity predates L1's first touch in P.
			name: "opportunity before the touch", lookback: 180, campaign: "C2",
			files: map[string]string{
				"leads.csv":         "lead_id,created_at\nL1,2026-06-01\n",
				"touches.csv":       "lead_id,campaign_id,touched_at\nL1,C2,2026-06-15\nL1,C2,2026-07-15\n",
				"opportunities.csv": "opportunity_id,created_at,amount,status,closed_at,lead_id\nO1,2026-07-01,900,open,,L1\n",
			},
			want: Campaign{Responders: 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["campaigns.csv"] = campaigns
			r := analyzeQ3(t, loadFiles(t, tc.files), tc.lookback)
			got := campaignRow(t, r, tc.campaign)
			w := tc.want
			if got.Responders != w.Responders || got.NewLeads != w.NewLeads || got.MQLs != w.MQLs || got.SQLs != w.SQLs ||
				got.Opportunities != w.Opportunities || got.Won != w.Won || got.Lost != w.Lost ||
				got.Pipeline != w.Pipeline || got.Revenue != w.Revenue {
				t.Errorf("got %+v\nwant counts %+v", got, w)
			}
		})
	}
}

func TestCampaignRates(t *testing.T) {
	files := map[string]string{
		"campaigns.csv": "campaign_id,name,channel,cost\nC1,Webinar,webinar,1000\n",
		// 4 responders; 2 MQLs after the touch; 1 of them an SQL; 1 responder
		// on an opportunity (won).
		"leads.csv": `lead_id,created_at,mql_at,sql_at
L1,2026-07-01,2026-07-03,2026-07-04
L2,2026-07-01,2026-07-03,
L3,2026-07-01,,
L4,2026-07-01,,
`,
		"touches.csv":       "lead_id,campaign_id,touched_at\nL1,C1,2026-07-02\nL2,C1,2026-07-02\nL3,C1,2026-07-02\nL4,C1,2026-07-02\n",
		"opportunities.csv": "opportunity_id,created_at,amount,status,closed_at,lead_id\nO1,2026-07-10,2000,won,2026-08-01,L1\n",
	}
	c := campaignRow(t, analyzeQ3(t, loadFiles(t, files), 180), "C1")
	check := func(name string, got *float64, want float64) {
		t.Helper()
		if got == nil || math.Abs(*got-want) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("mql_rate", c.MQLRate, 0.5)
	check("sql_rate", c.SQLRate, 0.5)
	check("opp_rate", c.OppRate, 0.25)
	check("win_rate", c.WinRate, 1)
	// Wilson 95% interval of 2/4: (0.5 + 0.4802 ± 1.96·sqrt(0.0625 + 0.0601)) / 1.9604
	// = (0.9802 ± 0.6863) / 1.9604 -> [0.1500, 0.8500].
	if c.MQLRateCI == nil || math.Abs(c.MQLRateCI[0]-0.15003) > 1e-4 || math.Abs(c.MQLRateCI[1]-0.84997) > 1e-4 {
		t.Errorf("mql_rate_ci = %v, want about [0.1500, 0.8500]", c.MQLRateCI)
	}
	// 1/1 won: [lo, 1] with hi exactly 1.
	if c.WinRateCI == nil || c.WinRateCI[1] != 1 {
		t.Errorf("win_rate_ci = %v, want hi exactly 1", c.WinRateCI)
	}
	if got := float64(*c.CostPerResponder); got != 250 {
		t.Errorf("cost_per_responder = %v, want 250", got)
	}
	if got := float64(*c.CostPerOpportunity); got != 1000 {
		t.Errorf("cost_per_opportunity = %v, want 1000", got)
	}
	// Linear revenue credit: O1's journey is L1's one touch on C1: 2000.
	// roi = (2000 - 1000) / 1000 = 1.
	check("roi", c.ROI, 1)
}

func TestWilson(t *testing.T) {
	tests := []struct {
		x, n   int
		lo, hi float64
	}{
		{0, 10, 0, 0.27754},
		{10, 10, 0.72246, 1},
		{5, 10, 0.23659, 0.76341},
		{1, 3, 0.06149, 0.79234},
	}
	for _, tc := range tests {
		iv := wilson(tc.x, tc.n)
		if math.Abs(iv[0]-tc.lo) > 1e-5 || math.Abs(iv[1]-tc.hi) > 1e-5 {
			t.Errorf("wilson(%d, %d) = %v, want [%v, %v]", tc.x, tc.n, *iv, tc.lo, tc.hi)
		}
	}
	if wilson(0, 0) != nil || ratio(0, 0) != nil {
		t.Error("n = 0 must give null")
	}
}

func TestPeriods(t *testing.T) {
	day := func(s string) loader.Day { d, _ := parseDay(s); return d }
	tests := []struct {
		in, label, from, to, prevFrom, prevTo string
	}{
		{"2026-Q3", "2026-Q3", "2026-07-01", "2026-09-30", "2026-04-01", "2026-06-30"},
		{"2026-q1", "2026-Q1", "2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31"},
		{"2026-07-01..2026-09-30", "2026-Q3", "2026-07-01", "2026-09-30", "2026-04-01", "2026-06-30"},
		{"2026-07-01..2026-07-31", "2026-07-01..2026-07-31", "2026-07-01", "2026-07-31", "2026-05-31", "2026-06-30"},
	}
	for _, tc := range tests {
		p, err := ParsePeriod(tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		prev := p.Previous()
		if p.Label != tc.label || p.From != day(tc.from) || p.To != day(tc.to) || prev.From != day(tc.prevFrom) || prev.To != day(tc.prevTo) {
			t.Errorf("%s: got %s %s..%s prev %s..%s", tc.in, p.Label, loader.FormatDay(p.From), loader.FormatDay(p.To), loader.FormatDay(prev.From), loader.FormatDay(prev.To))
		}
	}
	for _, bad := range []string{"2026-Q5", "Q3", "2026-09-30..2026-07-01", "2026-02-30..2026-03-01"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("%s: want an error", bad)
		}
	}
	// Default: the last quarter ending on or before as_of's date.
	for asOf, want := range map[string]string{"2026-09-30": "2026-Q3", "2026-09-29": "2026-Q2", "2026-01-15": "2025-Q4", "2026-12-31": "2026-Q4"} {
		if got := DefaultPeriod(day(asOf)).Label; got != want {
			t.Errorf("default period for %s = %s, want %s", asOf, got, want)
		}
	}
}
