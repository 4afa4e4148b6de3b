package analysis

import (
	"math"
	"testing"
)

func assetRow(t *testing.T, r *Report, typ string) AssetType {
	t.Helper()
	for _, a := range r.AssetTypes {
		if a.AssetType == typ {
			return a
		}
	}
	t.Fatalf("no asset type row %s in %+v", typ, r.AssetTypes)
	return AssetType{}
}

func near(a *float64, b float64) bool { return a != nil && math.Abs(*a-b) < 1e-6 }

// TestAssetTypes works through five closed deals by hand (lookback 30 days):
//
//	O1 won 1,000  L1: white paper 07-05                      -> white paper
//	O2 lost       L2: white paper 07-05, case study 08-02    -> white paper (the case study came after close)
//	O3 won 500    L3: white paper 06-01, case study 07-09    -> case study (06-01 is before created - 30 days)
//	O4 lost       L4: case study 07-08                       -> case study
//	O5 won 2,000  L5: a touch without an asset               -> none
//
// White paper: 1 of 2 won (50%); baseline O3, O4, O5: 2 of 3; lift 0.75;
// pooled rate 3/5, z = (1/2 - 2/3) / sqrt(0.6 x 0.4 x (1/2 + 1/3)) = -0.3727,
// p = 0.70939. The case study mirrors it. Video touched nothing: no win rate,
// no lift, no p-value, but a row. Lead side: L1, L2 and L3 first touched a
// white paper (L3's first touch ever is the June one), L4 a case study.
func TestAssetTypes(t *testing.T) {
	files := map[string]string{
		"campaigns.csv": "campaign_id,name,channel\nC1,Content,content_syndication\n",
		"assets.csv":    "asset_id,name,asset_type\nA1,Guide,White_Paper\nA2,Story,case_study\nA3,Clip,video\n",
		"leads.csv": `lead_id,created_at,mql_at
L1,2026-07-01,2026-07-06
L2,2026-07-01,
L3,2026-07-01,
L4,2026-07-01,
L5,2026-07-01,
`,
		"touches.csv": `lead_id,campaign_id,touched_at,asset_id
L1,C1,2026-07-05,A1
L2,C1,2026-07-05,A1
L2,C1,2026-08-02,A2
L3,C1,2026-06-01,A1
L3,C1,2026-07-09,A2
L4,C1,2026-07-08,A2
L5,C1,2026-07-08,
`,
		"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id
O1,2026-07-10,1000,won,2026-08-01,L1
O2,2026-07-10,700,lost,2026-08-01,L2
O3,2026-07-10,500,won,2026-08-01,L3
O4,2026-07-10,300,lost,2026-08-01,L4
O5,2026-07-10,2000,won,2026-08-01,L5
`,
	}
	r := analyzeQ3(t, loadFiles(t, files), 30)
	if len(r.AssetTypes) != 3 {
		t.Fatalf("want 3 asset types (every type of assets.csv), got %+v", r.AssetTypes)
	}
	for _, typ := range []string{"white_paper", "case_study"} {
		a := assetRow(t, r, typ)
		if a.Opportunities != 2 || a.Won != 1 || a.Lost != 1 || !near(a.WinRate, 0.5) || !near(a.BaselineWinRate, 2.0/3) ||
			!near(a.Lift, 0.75) || !near(a.PValue, 0.7093881) || a.Significant || !a.SmallSample {
			t.Errorf("%s: %+v", typ, a)
		}
	}
	if wp := assetRow(t, r, "white_paper"); wp.Revenue != 1000 || wp.Leads != 3 || !near(wp.MQLRate, 1.0/3) || !near(wp.OppRate, 1) {
		t.Errorf("white paper revenue / lead side: %+v", wp)
	}
	if cs := assetRow(t, r, "case_study"); cs.Revenue != 500 || cs.Leads != 1 {
		t.Errorf("case study revenue / lead side: %+v", cs)
	}
	v := assetRow(t, r, "video")
	if v.Opportunities != 0 || v.WinRate != nil || v.Lift != nil || v.PValue != nil || !near(v.BaselineWinRate, 0.6) || v.Leads != 0 {
		t.Errorf("video (all zero) row: %+v", v)
	}
	if r.AssetDeals == nil || r.AssetDeals.Closed != 5 || r.AssetDeals.Won != 3 {
		t.Errorf("closed deals: %+v", r.AssetDeals)
	}
	// Per asset: ranked by touched won revenue, then asset_id.
	if len(r.Assets) != 3 || r.Assets[0].AssetID != "A1" || r.Assets[1].AssetID != "A2" || r.Assets[2].AssetID != "A3" {
		t.Errorf("asset ranking: %+v", r.Assets)
	}
}

// TestAssetTypeEveryDeal: a type on every closed deal has no baseline, so
// no lift and no p-value.
func TestAssetTypeEveryDeal(t *testing.T) {
	files := map[string]string{
		"campaigns.csv":     "campaign_id,name,channel\nC1,Content,email\n",
		"assets.csv":        "asset_id,name,asset_type\nA1,Guide,white_paper\n",
		"leads.csv":         "lead_id,created_at\nL1,2026-07-01\nL2,2026-07-01\n",
		"touches.csv":       "lead_id,campaign_id,touched_at,asset_id\nL1,C1,2026-07-05,A1\nL2,C1,2026-07-05,A1\n",
		"opportunities.csv": "opportunity_id,created_at,amount,status,closed_at,lead_id\nO1,2026-07-10,1,won,2026-08-01,L1\nO2,2026-07-10,1,lost,2026-08-01,L2\n",
	}
	a := assetRow(t, analyzeQ3(t, loadFiles(t, files), 180), "white_paper")
	if a.Opportunities != 2 || a.BaselineWinRate != nil || a.Lift != nil || a.PValue != nil {
		t.Errorf("want an empty baseline with null lift and p-value: %+v", a)
	}
}

func TestAssetTypesMissing(t *testing.T) {
	files := map[string]string{
		"assets.csv":  "asset_id,name,asset_type\nA1,Guide,white_paper\n",
		"leads.csv":   "lead_id,created_at\nL1,2026-07-01\n",
		"touches.csv": "lead_id,campaign_id,touched_at\nL1,C1,2026-07-05\n",
	}
	r := analyzeQ3(t, loadFiles(t, files), 180)
	if r.AssetTypes != nil || len(r.Missing) == 0 {
		t.Fatalf("asset types without an asset_id column: %+v", r.AssetTypes)
	}
	found := false
	for _, m := range r.Missing {
		if m.Section == "asset_types" && m.Needs == "the asset_id column of touches.csv" {
			found = true
		}
	}
	if !found {
		t.Errorf("missing sections: %+v", r.Missing)
	}
}

func TestTwoProportionP(t *testing.T) {
	tests := []struct {
		x1, n1, x2, n2 int
		want           *float64
	}{
		// 2/10 vs 6/10: pooled 0.4, se = sqrt(0.4 x 0.6 x 0.2) = 0.21909,
		// z = -0.4 / 0.21909 = -1.82574, p = erfc(1.82574 / sqrt 2) = 0.067889.
		{2, 10, 6, 10, ptr(0.0678892)},
		{0, 5, 0, 7, ptr(1)}, // pooled rate 0
		{5, 5, 7, 7, ptr(1)}, // pooled rate 1
		{1, 2, 0, 0, nil},    // an empty group
	}
	for _, tc := range tests {
		got := twoProportionP(tc.x1, tc.n1, tc.x2, tc.n2)
		if (got == nil) != (tc.want == nil) || (got != nil && math.Abs(*got-*tc.want) > 1e-6) {
			t.Errorf("p(%d/%d vs %d/%d) = %v, want %v", tc.x1, tc.n1, tc.x2, tc.n2, got, tc.want)
		}
	}
}

func ptr(f float64) *float64 { return &f }

// TestAssetTypeWindowEdges checks the ends of touches(o, o.created_at - W,
// o.closed_at), both inclusive, and that a contact's touch counts (lookback
// 30 days). O1 (won 100, L1) was created 07-31 00:00 and closed 08-15 12:00:
//
//	white paper 07-01 00:00:00  = created_at - 30 days  -> counts
//	case study  08-15 12:00:00  = closed_at             -> counts
//	video       06-30 23:59:59  one second too early    -> ignored
//	ebook       08-15 12:00:01  one second too late     -> ignored
//
// O2 (lost, primary L2 without an asset touch) has contact L3, who read a
// datasheet on 08-01: O2 is touched by datasheet.
//
// White paper: 1 of 1 won; baseline O2: 0 of 1, so lift is null (baseline
// 0); pooled 1/2, z = (1 - 0) / sqrt(0.5 x 0.5 x (1 + 1)) = 1.41421,
// p = erfc(1.41421 / sqrt 2) = erfc(1) = 0.157299. Datasheet mirrors it:
// 0 of 1 against 1 of 1, lift 0 / 1 = 0, the same p. Video and ebook touched
// nothing: baseline 1 of 2.
func TestAssetTypeWindowEdges(t *testing.T) {
	files := map[string]string{
		"campaigns.csv": "campaign_id,name,channel\nC1,Content,email\n",
		"assets.csv":    "asset_id,name,asset_type\nA1,Guide,white_paper\nA2,Story,case_study\nA3,Clip,video\nA4,Book,ebook\nA5,Sheet,datasheet\n",
		"leads.csv":     "lead_id,created_at\nL1,2026-06-01\nL2,2026-06-01\nL3,2026-06-01\n",
		"touches.csv": `lead_id,campaign_id,touched_at,asset_id
L1,C1,2026-07-01T00:00:00Z,A1
L1,C1,2026-08-15T12:00:00Z,A2
L1,C1,2026-06-30T23:59:59Z,A3
L1,C1,2026-08-15T12:00:01Z,A4
L3,C1,2026-08-01T00:00:00Z,A5
`,
		"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id
O1,2026-07-31T00:00:00Z,100,won,2026-08-15T12:00:00Z,L1
O2,2026-07-31T00:00:00Z,50,lost,2026-08-15T12:00:00Z,L2
`,
		"opportunity_contacts.csv": "opportunity_id,lead_id\nO2,L3\n",
	}
	r := analyzeQ3(t, loadFiles(t, files), 30)
	tests := []struct {
		typ           string
		opps, won     int
		revenue       Money
		winRate, base *float64
		lift, p       *float64
	}{
		{"case_study", 1, 1, 100, ptr(1), ptr(0), nil, ptr(0.1572992)},
		{"datasheet", 1, 0, 0, ptr(0), ptr(1), ptr(0), ptr(0.1572992)},
		{"ebook", 0, 0, 0, nil, ptr(0.5), nil, nil},
		{"video", 0, 0, 0, nil, ptr(0.5), nil, nil},
		{"white_paper", 1, 1, 100, ptr(1), ptr(0), nil, ptr(0.1572992)},
	}
	if len(r.AssetTypes) != len(tests) {
		t.Fatalf("want %d asset types, got %+v", len(tests), r.AssetTypes)
	}
	same := func(a, b *float64) bool { return (a == nil && b == nil) || (b != nil && near(a, *b)) }
	for i, tc := range tests {
		a := r.AssetTypes[i]
		if a.AssetType != tc.typ || a.Opportunities != tc.opps || a.Won != tc.won || a.Revenue != tc.revenue ||
			!same(a.WinRate, tc.winRate) || !same(a.BaselineWinRate, tc.base) || !same(a.Lift, tc.lift) || !same(a.PValue, tc.p) {
			t.Errorf("row %d: got %+v, want %+v", i, a, tc)
		}
	}
}

// TestAssetRanking ranks assets by touched won revenue in cents, then
// asset_id. A2's deals add up to 0.1 + 0.2, which is 0.30000000000000004 in
// floating point; A1's deal is 0.3. Both are $0.30, so A1 comes first.
func TestAssetRanking(t *testing.T) {
	files := map[string]string{
		"assets.csv":  "asset_id,name,asset_type\nA1,Guide,white_paper\nA2,Other guide,white_paper\nA3,Unread,white_paper\n",
		"leads.csv":   "lead_id,created_at\nL1,2026-07-01\nL2,2026-07-01\nL3,2026-07-01\n",
		"touches.csv": "lead_id,campaign_id,touched_at,asset_id\nL1,C1,2026-07-02,A1\nL2,C1,2026-07-02,A2\nL3,C1,2026-07-02,A2\n",
		"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id
O1,2026-07-10,0.3,won,2026-08-01,L1
O2,2026-07-10,0.1,won,2026-08-01,L2
O3,2026-07-10,0.2,won,2026-08-01,L3
`,
	}
	r := analyzeQ3(t, loadFiles(t, files), 180)
	var got []string
	for _, a := range r.Assets {
		got = append(got, a.AssetID)
	}
	if len(got) != 3 || got[0] != "A1" || got[1] != "A2" || got[2] != "A3" {
		t.Errorf("ranking %v, want [A1 A2 A3]: %+v", got, r.Assets)
	}
}

// TestAssetTypesMissingFiles: without assets.csv or touches.csv the section
// is null and the missing line names the file.
func TestAssetTypesMissingFiles(t *testing.T) {
	leads := "lead_id,created_at\nL1,2026-07-01\n"
	tests := []struct {
		name  string
		files map[string]string
		needs string
	}{
		{"no assets.csv", map[string]string{"leads.csv": leads, "touches.csv": "lead_id,campaign_id,touched_at,asset_id\nL1,C1,2026-07-05,A1\n"}, "assets.csv"},
		{"no touches.csv", map[string]string{"leads.csv": leads, "assets.csv": "asset_id,name,asset_type\nA1,Guide,white_paper\n"}, "touches.csv"},
		{"neither", map[string]string{"leads.csv": leads}, "assets.csv and touches.csv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := analyzeQ3(t, loadFiles(t, tc.files), 180)
			if r.AssetTypes != nil || r.Assets != nil || r.AssetDeals != nil {
				t.Errorf("want a null section: %+v %+v %+v", r.AssetTypes, r.Assets, r.AssetDeals)
			}
			found := false
			for _, m := range r.Missing {
				found = found || (m.Section == "asset_types" && m.Needs == tc.needs)
			}
			if !found {
				t.Errorf("want asset_types needing %q in %+v", tc.needs, r.Missing)
			}
		})
	}
}

func TestMarkVerdicts(t *testing.T) {
	row := func(lift float64, significant, small bool) AssetType {
		return AssetType{Lift: &lift, Significant: significant, SmallSample: small}
	}
	types := []AssetType{
		row(0.4, true, false),  // the clearest loser
		row(0.2, true, true),   // lower, but a small sample
		row(0.6, true, false),  // a loser, less clear
		row(1.9, true, false),  // the clearest winner
		row(2.5, false, false), // higher, but not significant
		row(1.2, true, false),
	}
	markVerdicts(types)
	var got []AssetVerdict
	for _, t := range types {
		got = append(got, t.Verdict)
	}
	want := []AssetVerdict{VerdictWinsLess, "", "", VerdictWinsMore, "", ""}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("verdicts = %q, want %q", got, want)
		}
	}
}
