package analysis

import (
	"fmt"
	"math"
	"testing"

	"github.com/campaignretro/retro/loader"
)

// checkF compares a nullable figure with a hand-computed one (nil: null).
func checkF(t *testing.T, label string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s = %s, want %s", label, fmtF(got), fmtF(want))
	case math.Abs(*got-*want) > 1e-9*math.Max(1, math.Abs(*want)):
		t.Errorf("%s = %v, want %v", label, *got, *want)
	}
}

// checkM is checkF for money.
func checkM(t *testing.T, label string, got *Money, want *float64) {
	t.Helper()
	var g *float64
	if got != nil {
		f := float64(*got)
		g = &f
	}
	checkF(t, label, g, want)
}

func fmtF(f *float64) string {
	if f == nil {
		return "null"
	}
	return fmt.Sprint(*f)
}

func stageRow(t *testing.T, r *Report, name string) VelocityStage {
	t.Helper()
	for _, s := range r.Velocity.Stages {
		if s.Stage == name {
			return s
		}
	}
	t.Fatalf("no stage %s", name)
	return VelocityStage{}
}

func TestVelocityStages(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		stage string
		want  VelocityStage
	}{
		{
			// Days from mql_at: D is disqualified after 1 day and converts
			// later (censored at 1, not converted); A, G, H convert at 2,
			// with C censored at 2 (disqualified) still at risk then; B and
			// F convert at 4 (F's disqualification is not before it
			// converted); E's sql_at is before its mql_at, so it never
			// converts: censored at as_of (D's sql_at, 07-11) = 10 days.
			// G's disqualification is at entry, not after it.
			// KM: t=2: 7 at risk, 3 events, 1-S = 3/7; t=4: 3 at risk, 2
			// events, 1-S = 1 - 4/7*1/3 = 17/21. Median and p75 at 4.
			name: "mql_to_sql: ties and censoring by disqualification", stage: "mql_to_sql",
			files: map[string]string{"leads.csv": `lead_id,created_at,mql_at,sql_at,disqualified_at
A,2026-06-01,2026-07-01,2026-07-03,
B,2026-06-01,2026-07-01,2026-07-05,
C,2026-06-01,2026-07-01,,2026-07-03
D,2026-06-01,2026-07-01,2026-07-11,2026-07-02
E,2026-06-01,2026-07-01,2026-06-30,
F,2026-06-01,2026-07-01,2026-07-05,2026-07-05
G,2026-06-01,2026-07-01,2026-07-03,2026-07-01
H,2026-06-01,2026-07-01,2026-07-03,
`},
			want: VelocityStage{Entered: 8, Converted: 5, MedianDays: ptr(4), P75Days: ptr(4)},
		},
		{
			// X: sql 07-01, its earliest opportunity created at or after
			// sql_at is O3 (07-06, 5 days; O1 before sql_at does not count,
			// O2 via contacts comes later). Y: disqualified 2 days after
			// sql_at, before its opportunity: censored at 2. Z: no
			// opportunity, censored at as_of (07-11) - 07-03 = 8.
			// KM: t=5: 2 at risk, 1 event: 1-S = 0.5.
			name: "sql_to_opportunity", stage: "sql_to_opportunity",
			files: map[string]string{
				"leads.csv": `lead_id,created_at,sql_at,disqualified_at
X,2026-06-01,2026-07-01,
Y,2026-06-01,2026-07-02,2026-07-04
Z,2026-06-01,2026-07-03,
`,
				"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id
O1,2026-06-20,100,open,,X
O2,2026-07-11,100,open,,
O3,2026-07-06,100,open,,X
O4,2026-07-10,100,open,,Y
`,
				"opportunity_contacts.csv": "opportunity_id,lead_id\nO2,X\n",
			},
			want: VelocityStage{Entered: 3, Converted: 1, MedianDays: ptr(5)},
		},
		{
			// Closed after 5 (lost), 10 (won), 20 (won) days; one open,
			// censored at as_of (07-31) = 30 days. KM: 1-S = 1/4, 1/2, 3/4.
			// OE and OF were created before P.
			name: "opportunity_to_close", stage: "opportunity_to_close", files: opportunityFiles,
			want: VelocityStage{Entered: 4, Converted: 3, MedianDays: ptr(10), P75Days: ptr(20)},
		},
		{
			// The lost deal is censored at 5 days: t=10: 3 at risk, 1-S =
			// 1/3; t=20: 2 at risk, 1-S = 2/3.
			name: "opportunity_to_won", stage: "opportunity_to_won", files: opportunityFiles,
			want: VelocityStage{Entered: 4, Converted: 2, MedianDays: ptr(20)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := analyzeQ3(t, loadFiles(t, tc.files), 180)
			got := stageRow(t, r, tc.stage)
			if got.Entered != tc.want.Entered || got.Converted != tc.want.Converted {
				t.Errorf("entered, converted = %d, %d; want %d, %d", got.Entered, got.Converted, tc.want.Entered, tc.want.Converted)
			}
			checkF(t, "median_days", got.MedianDays, tc.want.MedianDays)
			checkF(t, "p75_days", got.P75Days, tc.want.P75Days)
			checkF(t, "p90_days", got.P90Days, tc.want.P90Days)
		})
	}
}

// opportunityFiles: OA marketing (origin column) won in 10 days, OB sales
// lost in 5, OC partner open, OD won in 20 days with no origin of its own
// (its lead L2 has no origin and no touch: sales); OE (70 days) and OF (50
// days) were created before P and won in it.
var opportunityFiles = map[string]string{
	"leads.csv": `lead_id,created_at
L1,2026-05-01
L2,2026-05-01
L3,2026-05-01
L4,2026-05-01
L5,2026-05-01
`,
	"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id,origin
OA,2026-07-01,1000,won,2026-07-11,L1,marketing
OB,2026-07-01,500,lost,2026-07-06,,sales
OC,2026-07-01,700,open,,,partner
OD,2026-07-01,3000,won,2026-07-21,L2,
OE,2026-05-01,400,won,2026-07-10,L5,
OF,2026-06-11,800,won,2026-07-31,L4,
`,
	"opportunity_contacts.csv": "opportunity_id,lead_id\nOD,L3\n",
	// L1's first touch is before P; L3 (a contact on OD) first touched
	// 06-21; L5's first touch is 05-01; L2 and L4 never.
	"touches.csv": `lead_id,campaign_id,touched_at
L1,C1,2026-06-01
L1,C1,2026-07-02
L3,C1,2026-06-21
L5,C1,2026-05-01
L5,C1,2026-07-01
`,
}

func TestSalesCycleAndLeadToRevenue(t *testing.T) {
	v := analyzeQ3(t, loadFiles(t, opportunityFiles), 180).Velocity
	// Won in P: OA 10, OD 20, OE 70, OF 50 days: median (20+50)/2 = 35,
	// mean 37.5.
	if v.SalesCycle.Won != 4 {
		t.Errorf("sales_cycle.won = %d, want 4", v.SalesCycle.Won)
	}
	checkF(t, "sales_cycle.median_days", v.SalesCycle.MedianDays, ptr(35))
	checkF(t, "sales_cycle.mean_days", v.SalesCycle.MeanDays, ptr(37.5))
	// OA: 07-11 - 06-01 = 40; OD: 07-21 - 06-21 (L3) = 30; OE: 07-10 -
	// 05-01 = 70; OF: no touch, left out.
	if v.LeadToRevenue.N != 3 {
		t.Errorf("lead_to_revenue.n = %d, want 3", v.LeadToRevenue.N)
	}
	checkF(t, "lead_to_revenue.median_days", v.LeadToRevenue.MedianDays, ptr(40))
	checkF(t, "lead_to_revenue.mean_days", v.LeadToRevenue.MeanDays, ptr(140.0/3))
}

func TestVelocityByOrigin(t *testing.T) {
	v := analyzeQ3(t, loadFiles(t, opportunityFiles), 180).Velocity
	type row struct {
		origin                           string
		opportunities, closed, won       int
		pipeline                         float64
		winRate, averageWon, cycle, velo *float64
	}
	want := []row{
		// 1 opp x 1 x 1000 / 10 days.
		{"marketing_sourced", 1, 1, 1, 1000, ptr(1), ptr(1000), ptr(10), ptr(100)},
		// OB lost in 5, OD won in 20: 2 x 0.5 x 3000 / 20; KM median 5.
		{"sales_sourced", 2, 2, 1, 3500, ptr(0.5), ptr(3000), ptr(5), ptr(150)},
		{"partner_sourced", 1, 0, 0, 700, nil, nil, nil, nil},
		{"other_sourced", 0, 0, 0, 0, nil, nil, nil, nil},
	}
	if len(v.ByOrigin) != len(want) {
		t.Fatalf("by_origin has %d rows, want %d: %+v", len(v.ByOrigin), len(want), v.ByOrigin)
	}
	for i, w := range want {
		g := v.ByOrigin[i]
		if g.Origin != w.origin || g.Opportunities != w.opportunities || g.Closed != w.closed || g.Won != w.won || float64(g.Pipeline) != w.pipeline {
			t.Errorf("row %d = %+v, want %+v", i, g, w)
		}
		checkF(t, w.origin+" win_rate", g.WinRate, w.winRate)
		checkM(t, w.origin+" average_won", g.AverageWon, w.averageWon)
		checkF(t, w.origin+" cycle_median_days", g.CycleMedianDays, w.cycle)
		checkM(t, w.origin+" velocity", g.Velocity, w.velo)
	}
	// All four: 4 x 2/3 x 2000 / 15.
	checkM(t, "pipeline_velocity", v.PipelineVelocity, ptr(4*(2.0/3)*2000/15))
	if ci := v.ByOrigin[1].WinRateCI; ci == nil || *ci != *wilson(1, 2) {
		t.Errorf("sales win_rate_ci = %v, want %v", ci, wilson(1, 2))
	}
}

func TestVelocityUnknownSourced(t *testing.T) {
	// No leads (here an empty leads.csv; an opportunities-only folder
	// alike): an opportunity without an origin is unknown_sourced.
	opps := "opportunity_id,created_at,amount,status,closed_at,origin\nO1,2026-07-01,100,won,2026-07-03,\nO2,2026-07-01,50,open,,marketing\n"
	v := analyzeQ3(t, loadFiles(t, map[string]string{"opportunities.csv": opps, "leads.csv": "lead_id,created_at\n"}), 180).Velocity
	if n := len(v.ByOrigin); n != 5 || v.ByOrigin[4].Origin != "unknown_sourced" || v.ByOrigin[4].Opportunities != 1 || v.ByOrigin[0].Opportunities != 1 {
		t.Fatalf("by_origin = %+v, want an unknown_sourced row with O1", v.ByOrigin)
	}
	checkM(t, "unknown velocity", v.ByOrigin[4].Velocity, ptr(1*1*100/2.0))
	// No leads, every opportunity with its own origin: the row is there,
	// empty.
	v = analyzeQ3(t, loadFiles(t, map[string]string{"opportunities.csv": "opportunity_id,created_at,amount,status,origin\nO1,2026-07-01,100,open,sales\n", "leads.csv": "lead_id,created_at\n"}), 180).Velocity
	if n := len(v.ByOrigin); n != 5 || v.ByOrigin[4].Opportunities != 0 || v.ByOrigin[4].WinRate != nil || v.ByOrigin[1].Opportunities != 1 {
		t.Fatalf("by_origin without leads = %+v, want an empty unknown_sourced row", v.ByOrigin)
	}
	// With a lead, an opportunity without origin follows section 6 (sales).
	v = analyzeQ3(t, loadFiles(t, map[string]string{"opportunities.csv": opps, "leads.csv": "lead_id,created_at\nL1,2026-07-01\n"}), 180).Velocity
	if n := len(v.ByOrigin); n != 4 || v.ByOrigin[1].Opportunities != 1 {
		t.Fatalf("by_origin with leads = %+v, want O1 in sales_sourced and no unknown row", v.ByOrigin)
	}
}

func TestMedianMean(t *testing.T) {
	for _, tc := range []struct {
		xs           []float64
		median, mean *float64
	}{
		{nil, nil, nil},
		{[]float64{3}, ptr(3), ptr(3)},
		{[]float64{4, 1, 2}, ptr(2), ptr(7.0 / 3)},
		{[]float64{4, 1, 2, 10}, ptr(3), ptr(4.25)},
	} {
		m, a := medianMean(tc.xs)
		checkF(t, fmt.Sprint("median of ", tc.xs), m, tc.median)
		checkF(t, fmt.Sprint("mean of ", tc.xs), a, tc.mean)
	}
}

func TestLogRank(t *testing.T) {
	obs := func(ts ...int) []observation {
		var out []observation
		for _, x := range ts {
			// Negative: censored at -x.
			if x < 0 {
				out = append(out, observation{t: loaderTime(-x)})
			} else {
				out = append(out, observation{t: loaderTime(x), event: true})
			}
		}
		return out
	}
	// Hand computation: a = {1, 3}, b = {2, 4c}. t=1: n=4 (2,2), d=1: E_a =
	// 1/2, V = 1/4. t=2: n=3 (1,2), d=1: E_a = 1/3, V = 2/9. t=3: n=2 (1,1),
	// d=1: E_a = 1/2, V = 1/4. O_a = 2, E_a = 4/3, V = 13/18; chi2 =
	// (2/3)^2 / (13/18) = 8/13.
	want := math.Erfc(math.Sqrt(8.0 / 13 / 2))
	checkF(t, "log-rank p", logRankP(obs(1, 3), obs(2, -4)), &want)
	checkF(t, "identical groups", logRankP(obs(1, 2), obs(1, 2)), ptr(1))
	checkF(t, "no event in b", logRankP(obs(1, 2), obs(-1)), nil)
}

func loaderTime(days int) loader.Time { return loader.Time(days) * microsPerDay }
