package analysis

import (
	"cmp"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/campaignretro/retro/loader"
)

// analyzeLatency analyses ds for 2026-Q3 with the given SLA (minutes) and
// as_of, and returns the latency section.
func analyzeLatency(t *testing.T, ds *loader.Dataset, sla float64, asOf string) *Report {
	t.Helper()
	p, err := ParsePeriod("2026-Q3")
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.Period = &p
	opts.SLAMinutes = sla
	opts.AsOf, _, err = loader.ParseTime(asOf, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyze(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// minutes builds an observation: an event (contacted) or a censored time.
func minutes(m float64, event bool) observation {
	return observation{t: loader.Time(m * microsPerMinute), event: event}
}

func eqPtr(got *float64, want float64, ok bool) bool {
	if !ok {
		return got == nil
	}
	return got != nil && math.Abs(*got-want) < 1e-9
}

func fmtPtr(p *float64) any {
	if p == nil {
		return "null"
	}
	return *p
}

func TestKaplanMeierQuantiles(t *testing.T) {
	const none = -1.0 // a quantile never reached
	var distinct24 []observation
	for m := 1; m <= 24; m++ {
		distinct24 = append(distinct24, minutes(float64(m), true))
	}
	cases := []struct {
		name                string
		obs                 []observation // sorted by time
		median, p75, p90    float64
		curveAt, curveShare []float64
	}{
		{
			// Times 10e 10e 10c 20e 1440c. At 10 all 5 are at risk, the
			// censored 10 included: S = 1 - 2/5 = 0.6, contacted 0.4. At 20
			// two are at risk (20e, 1440c): S = 0.6 x 1/2 = 0.3, contacted
			// 0.7. Median 20; 0.75 and 0.9 never reached. (Dropping the
			// censored 10 before the events would give 2/4 = 0.5 and a
			// median of 10.)
			name: "censored time equal to an event time is still at risk",
			obs: []observation{minutes(10, true), minutes(10, true), minutes(10, false),
				minutes(20, true), minutes(1440, false)},
			median: 20, p75: none, p90: none,
			curveAt: []float64{10, 20}, curveShare: []float64{0.4, 0.7},
		},
		{
			// No censoring: the empirical distribution. 12/24 = 0.5 exactly,
			// but the product (23/24)(22/23)...(12/13) leaves 1 - S =
			// 0.4999999999999999: the 1e-9 tolerance makes the median 12.
			// p75: 18/24 = 0.75; p90: 0.9 x 24 = 21.6, so the 22nd.
			name: "tolerance at exactly one half", obs: distinct24,
			median: 12, p75: 18, p90: 22,
		},
		{
			// 5e then three censored: 1 - S = 1/4 at most.
			name:   "never reached",
			obs:    []observation{minutes(5, true), minutes(20, false), minutes(30, false), minutes(40, false)},
			median: none, p75: none, p90: none,
			curveAt: []float64{5}, curveShare: []float64{0.25},
		},
		{
			// 1e, 2c, 3e: S(1) = 2/3; at 3 one at risk: S = 0, contacted 1.
			name:   "last event after a censoring",
			obs:    []observation{minutes(1, true), minutes(2, false), minutes(3, true)},
			median: 3, p75: 3, p90: 3,
			curveAt: []float64{1, 3}, curveShare: []float64{1.0 / 3, 1},
		},
		{name: "no handoffs", median: none, p75: none, p90: none},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := kmQuantiles(c.obs, 0.5, 0.75, 0.9)
			for i, want := range []float64{c.median, c.p75, c.p90} {
				if !eqPtr(got[i], want, want != none) {
					t.Errorf("quantile %d = %v, want %v", i, fmtPtr(got[i]), want)
				}
			}
			if c.curveAt == nil {
				return
			}
			curve := kmCurve(c.obs, MaxCurvePoints)
			if len(curve) != len(c.curveAt) {
				t.Fatalf("curve %v, want %d steps", curve, len(c.curveAt))
			}
			for i, st := range curve {
				if math.Abs(st.Minutes-c.curveAt[i]) > 1e-9 || math.Abs(st.ContactedShare-c.curveShare[i]) > 1e-12 {
					t.Errorf("step %d = %+v, want {%v %v}", i, st, c.curveAt[i], c.curveShare[i])
				}
			}
		})
	}
}

func TestCurveThinning(t *testing.T) {
	// n handoffs contacted at 1..n minutes, none censored: n steps, the
	// k-th at contacted share k/n. Above the cap, the first and last stay.
	for _, c := range []struct{ n, max, want int }{
		{0, 5, 0}, {1, 5, 1}, {5, 5, 5}, {6, 5, 5}, {1000, 5, 5}, {1000, MaxCurvePoints, MaxCurvePoints},
	} {
		var obs []observation
		for m := 1; m <= c.n; m++ {
			obs = append(obs, minutes(float64(m), true))
		}
		got := kmCurve(obs, c.max)
		if len(got) != c.want {
			t.Fatalf("n=%d max=%d: %d points, want %d", c.n, c.max, len(got), c.want)
		}
		if c.n == 0 {
			continue
		}
		if got[0].Minutes != 1 || got[len(got)-1].Minutes != float64(c.n) || math.Abs(got[len(got)-1].ContactedShare-1) > 1e-12 {
			t.Errorf("n=%d max=%d: first %+v last %+v, want minutes 1 and %d at share 1", c.n, c.max, got[0], got[len(got)-1], c.n)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Minutes <= got[i-1].Minutes {
				t.Fatalf("n=%d max=%d: not strictly ascending at %d: %+v", c.n, c.max, i, got)
			}
		}
		if c.n == 1000 && c.max == 5 {
			// Ranks 0, 249, 499, 749, 999 (k x 999 / 4): minutes 1, 250, 500, 750, 1000.
			for i, m := range []float64{1, 250, 500, 750, 1000} {
				if got[i].Minutes != m {
					t.Errorf("point %d at %v minutes, want %v", i, got[i].Minutes, m)
				}
			}
		}
	}
}

func TestSortByTime(t *testing.T) {
	seed := uint64(7)
	rnd := func(m int64) int64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int64(seed>>33) % m
	}
	random := func(n int, spread int64, negative bool) []loader.Time {
		ts := make([]loader.Time, n)
		for i := range ts {
			ts[i] = rnd(spread)
			if negative && rnd(2) == 0 {
				ts[i] = -ts[i]
			}
		}
		return ts
	}
	cases := []struct {
		name  string
		times []loader.Time
	}{
		{"empty", nil},
		{"one", []loader.Time{5}},
		{"all equal", []loader.Time{3, 3, 3}},
		// Only the lowest byte differs: one pass, the result lands in
		// scratch and must be copied back.
		{"one pass", []loader.Time{9, 2, 200, 2, 0, 255}},
		{"negative (censored before handoff)", []loader.Time{-60e6, 5, -1, 0, 1 << 40, -(1 << 40)}},
		{"random, many passes", random(5000, 1<<50, true)},
		{"random, ties", random(5000, 20, false)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			obs := make([]observation, len(c.times))
			for i, tm := range c.times {
				obs[i] = observation{t: tm, owner: int32(i)} // owner keeps the input order
			}
			want := slices.Clone(obs)
			slices.SortStableFunc(want, func(a, b observation) int { return cmp.Compare(a.t, b.t) })
			sortByTime(obs, make([]observation, len(obs)))
			if !slices.Equal(obs, want) {
				t.Errorf("got %v, want %v", obs, want)
			}
		})
	}
}

// latencyFiles is a quarter of handoffs, one per bucket, all handed off
// (mql_at) on 2026-07-01 00:00Z; as_of is 2026-07-10 00:00Z.
//
//	A  5m exactly (0-5m)            owner Ann, region NA, last touch C2 at h
//	B  60m exactly (5m-1h), SQL     owner Ann, touched C1 only after h
//	C  1440m (1h-24h); an activity one second before h is ignored; SQL
//	   before h does not count      owner Bob, last touch C1
//	D  never contacted: censored at 9 days = 12960m   owner Bob
//	G  2880m (1d-7d), opp created after h             no owner
//	H  11520m (>7d), on an opp created before h       no owner
//	E  mql_at in Q2: not a handoff; F: no mql_at: not a handoff
var latencyFiles = map[string]string{
	"leads.csv": `lead_id,created_at,owner,region,mql_at,sql_at
A,2026-06-01,Ann,NA,2026-07-01T00:00:00Z,
B,2026-06-01,Ann,,2026-07-01T00:00:00Z,2026-07-02T00:00:00Z
C,2026-06-01,Bob,,2026-07-01T00:00:00Z,2026-06-30T00:00:00Z
D,2026-06-01,Bob,,2026-07-01T00:00:00Z,
G,2026-06-01,,,2026-07-01T00:00:00Z,
H,2026-06-01,,,2026-07-01T00:00:00Z,
E,2026-06-01,Ann,,2026-06-30T23:00:00Z,
F,2026-07-01,Ann,,,
`,
	"activities.csv": `lead_id,occurred_at
A,2026-07-01T00:05:00Z
B,2026-07-01T01:00:00Z
B,2026-07-01T02:00:00Z
C,2026-06-30T23:59:59Z
C,2026-07-02T00:00:00Z
G,2026-07-03T00:00:00Z
H,2026-07-09T00:00:00Z
E,2026-07-01T00:00:00Z
F,2026-07-01T00:00:00Z
`,
	"campaigns.csv": "campaign_id,name,channel\nC1,One,email\nC2,Two,webinar\n",
	"touches.csv": `lead_id,campaign_id,touched_at
A,C1,2026-06-20T00:00:00Z
A,C2,2026-07-01T00:00:00Z
B,C1,2026-07-02T00:00:00Z
C,C1,2026-06-01T00:00:00Z
`,
	"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id
O1,2026-07-05T00:00:00Z,100,open,,G
O2,2026-06-15T00:00:00Z,100,open,,H
`,
}

func TestLatencyFigures(t *testing.T) {
	r := analyzeLatency(t, loadFiles(t, latencyFiles), 60, "2026-07-10T00:00:00Z")
	l := r.Latency
	if l == nil {
		t.Fatal("latency is null")
	}
	if l.Handoff != "mql_at" || l.SLAMinutes != 60 || l.Handoffs != 6 || l.Contacted != 5 {
		t.Errorf("handoff %q sla %v handoffs %d contacted %d, want mql_at 60 6 5", l.Handoff, l.SLAMinutes, l.Handoffs, l.Contacted)
	}
	// KM over 5e 60e 1440e 2880e 11520e 12960c: contacted 1/6, 2/6, 3/6
	// (median 1440), 4/6, 5/6 (p75 11520); D is censored, 0.9 never reached.
	for _, q := range []struct {
		name string
		got  *float64
		want float64
		ok   bool
	}{
		{"median", l.MedianMinutes, 1440, true}, {"p75", l.P75Minutes, 11520, true}, {"p90", l.P90Minutes, 0, false},
		// within 5m: A; 1h: A B; 24h: + C; 7d: + G; of all 6 handoffs.
		{"5m", l.Within.Min5, 1.0 / 6, true}, {"1h", l.Within.Hour1, 2.0 / 6, true},
		{"24h", l.Within.Hour24, 3.0 / 6, true}, {"7d", l.Within.Day7, 4.0 / 6, true},
		{"within_sla", l.WithinSLA, 2.0 / 6, true},
	} {
		if !eqPtr(q.got, q.want, q.ok) {
			t.Errorf("%s = %v, want %v (ok=%v)", q.name, fmtPtr(q.got), q.want, q.ok)
		}
	}

	// One lead per bucket; B's SQL counts (after h), C's does not (before
	// h); G's opp is created after h, H's before.
	want := []struct {
		bucket            BucketName
		leads, sqls, opps int
	}{{"0-5m", 1, 0, 0}, {"5m-1h", 1, 1, 0}, {"1h-24h", 1, 0, 0}, {"1d-7d", 1, 0, 1}, {">7d", 1, 0, 0}, {"never", 1, 0, 0}}
	if len(l.Buckets) != len(want) {
		t.Fatalf("%d buckets, want %d", len(l.Buckets), len(want))
	}
	for i, w := range want {
		b := l.Buckets[i]
		if b.Bucket != w.bucket || b.Leads != w.leads || b.SQLs != w.sqls || b.Opportunities != w.opps {
			t.Errorf("bucket %d = %+v, want %+v", i, b, w)
		}
		if !eqPtr(b.SQLRate, float64(w.sqls), true) || b.SQLRateCI == nil || !eqPtr(b.OppRate, float64(w.opps), true) {
			t.Errorf("bucket %s rates %v %v", w.bucket, fmtPtr(b.SQLRate), fmtPtr(b.OppRate))
		}
	}

	// Fast (A, B): 1 SQL of 2; slow (G, H): 0 of 2. The ratio has a zero
	// denominator; Wilson(1, 2) and Wilson(0, 2) overlap.
	tk := l.Takeaway
	if tk == nil || tk.FastLeads != 2 || tk.FastSQLs != 1 || tk.SlowLeads != 2 || tk.SlowSQLs != 0 ||
		tk.FastRate != 0.5 || tk.SlowRate != 0 || tk.Ratio != nil || tk.Significant {
		t.Errorf("takeaway %+v", tk)
	}

	// Ann: A 5e, B 60e -> median 5, both within 60m. Bob: C 1440e, D
	// censored -> 1/2 at 1440, none within 60m. (none): G 2880e, H 11520e.
	wantGroups := func(name string, got []LatencyGroup, want []LatencyGroup) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %+v, want %+v", name, got, want)
		}
		for i, w := range want {
			g := got[i]
			if g.Key != w.Key || g.Name != w.Name || g.Handoffs != w.Handoffs || g.Contacted != w.Contacted ||
				!eqPtr(g.MedianMinutes, *w.MedianMinutes, true) || !eqPtr(g.WithinSLA, *w.WithinSLA, true) {
				t.Errorf("%s[%d] = %s %d %d %v %v, want %s %d %d %v %v", name, i,
					g.Key, g.Handoffs, g.Contacted, fmtPtr(g.MedianMinutes), fmtPtr(g.WithinSLA),
					w.Key, w.Handoffs, w.Contacted, *w.MedianMinutes, *w.WithinSLA)
			}
		}
	}
	f := func(x float64) *float64 { return &x }
	wantGroups("by_owner", l.ByOwner, []LatencyGroup{
		{"(none)", "", 2, 2, f(2880), f(0)}, {"Ann", "", 2, 2, f(5), f(1)}, {"Bob", "", 2, 1, f(1440), f(0)},
	})
	// Region: only A has one; the other five are "(none)": 60e 1440e 2880e
	// 11520e 12960c -> 1/5, 2/5, 3/5 at 2880; within 60m: B only.
	wantGroups("by_region", l.ByRegion, []LatencyGroup{
		{"(none)", "", 5, 4, f(2880), f(1.0 / 5)}, {"NA", "", 1, 1, f(5), f(1)},
	})
	// Campaign of the last touch at or before h: A -> C2 (touched at h, after
	// C1); C -> C1; B's touch is after h: "(none)" with D, G, H: 60e 2880e
	// 11520e 12960c -> 1/4, 2/4 at 2880.
	wantGroups("by_campaign", l.ByCampaign, []LatencyGroup{
		{"(none)", "", 4, 3, f(2880), f(1.0 / 4)}, {"C1", "One", 1, 1, f(1440), f(0)}, {"C2", "Two", 1, 1, f(5), f(1)},
	})

	// The curve: one step per event time, contacted share k/6 (the 1e-9
	// tolerance covers the product's rounding).
	if len(l.Curve) != 5 || l.Curve[0].Minutes != 5 || l.Curve[4].Minutes != 11520 ||
		math.Abs(l.Curve[4].ContactedShare-5.0/6) > 1e-12 {
		t.Errorf("curve %+v", l.Curve)
	}
}

func TestLatencyWithinSLA(t *testing.T) {
	ds := loadFiles(t, latencyFiles)
	cases := []struct {
		sla        float64
		all        float64 // of the 6 handoffs (latencies 5, 60, 1440, 2880, 11520, never)
		ann, bob   float64 // Ann: 5, 60; Bob: 1440, never
		unassigned float64 // 2880, 11520
	}{
		{sla: 5, all: 1.0 / 6, ann: 0.5, bob: 0, unassigned: 0}, // 5 minutes exactly is within
		{sla: 4.99, all: 0, ann: 0, bob: 0, unassigned: 0},
		{sla: 1440, all: 3.0 / 6, ann: 1, bob: 0.5, unassigned: 0},
		{sla: 20000, all: 5.0 / 6, ann: 1, bob: 0.5, unassigned: 1},
	}
	for _, c := range cases {
		l := analyzeLatency(t, ds, c.sla, "2026-07-10T00:00:00Z").Latency
		if l.SLAMinutes != c.sla || !eqPtr(l.WithinSLA, c.all, true) {
			t.Errorf("sla %v: within_sla %v, want %v", c.sla, fmtPtr(l.WithinSLA), c.all)
		}
		for i, want := range []float64{c.unassigned, c.ann, c.bob} {
			if g := l.ByOwner[i]; !eqPtr(g.WithinSLA, want, true) {
				t.Errorf("sla %v: %s within_sla %v, want %v", c.sla, g.Key, fmtPtr(g.WithinSLA), want)
			}
		}
		// within is fixed whatever the SLA.
		if !eqPtr(l.Within.Hour1, 2.0/6, true) {
			t.Errorf("sla %v: within 1h %v", c.sla, fmtPtr(l.Within.Hour1))
		}
	}
}

func TestLatencyHandoffFallsBackToCreatedAt(t *testing.T) {
	// No lead has an mql_at, so h = created_at. X created in Q3, contacted
	// 30 minutes later; W contacted at the very instant of its handoff
	// (latency 0); Y created in Q2 (not a handoff); Z created in Q3 and
	// never contacted, censored at as_of - created_at = 2026-07-02 -
	// 2026-07-01 12:00 = 720 minutes. KM over 0e 30e 720c: 1/3 at 0, then
	// S = 2/3 x 1/2 = 1/3 at 30: median 30.
	activities := "lead_id,occurred_at\nX,2026-07-01T00:30:00Z\nY,2026-07-01T00:30:00Z\nW,2026-07-01T06:00:00Z\n"
	for _, c := range []struct{ name, leads string }{
		{"no mql_at column", "lead_id,created_at\nX,2026-07-01T00:00:00Z\nY,2026-06-30T00:00:00Z\nZ,2026-07-01T12:00:00Z\nW,2026-07-01T06:00:00Z\n"},
		{"mql_at column all empty", "lead_id,created_at,mql_at\nX,2026-07-01T00:00:00Z,\nY,2026-06-30T00:00:00Z,\nZ,2026-07-01T12:00:00Z,\nW,2026-07-01T06:00:00Z,\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ds := loadFiles(t, map[string]string{"leads.csv": c.leads, "activities.csv": activities})
			l := analyzeLatency(t, ds, 60, "2026-07-02T00:00:00Z").Latency
			if l.Handoff != "created_at" || l.Handoffs != 3 || l.Contacted != 2 || !eqPtr(l.MedianMinutes, 30, true) ||
				!eqPtr(l.WithinSLA, 2.0/3, true) || l.Buckets[0].Leads != 1 || l.Buckets[1].Leads != 1 || l.Buckets[5].Leads != 1 {
				t.Errorf("latency %+v", l)
			}
			if len(l.Curve) != 2 || l.Curve[0].Minutes != 0 || math.Abs(l.Curve[0].ContactedShare-1.0/3) > 1e-12 {
				t.Errorf("curve %+v, want a first step at 0 minutes", l.Curve)
			}
			// Without touches.csv there is no campaign to key by.
			if l.ByCampaign != nil {
				t.Errorf("by_campaign %+v, want null without touches.csv", l.ByCampaign)
			}
			if l.Takeaway != nil {
				t.Errorf("takeaway %+v, want nil without a slow group", l.Takeaway)
			}
		})
	}
}

func TestLatencyNeedsActivities(t *testing.T) {
	ds := loadFiles(t, map[string]string{"leads.csv": "lead_id,created_at,mql_at\nX,2026-07-01,2026-07-02\n"})
	r := analyzeLatency(t, ds, 60, "2026-07-10")
	if r.Latency != nil {
		t.Errorf("latency %+v, want null without activities.csv", r.Latency)
	}
	found := false
	for _, m := range r.Missing {
		if m.Section == "latency" && m.Needs == "activities.csv" {
			found = true
		}
	}
	if !found {
		t.Errorf("missing sections %+v lack latency", r.Missing)
	}
}

func TestLatencyNoHandoffs(t *testing.T) {
	ds := loadFiles(t, map[string]string{
		"leads.csv":      "lead_id,created_at,mql_at\nX,2026-04-01,2026-04-02\n",
		"activities.csv": "lead_id,occurred_at\nX,2026-04-03\n",
		"touches.csv":    "lead_id,campaign_id,touched_at\nX,C1,2026-04-01\nX,C1,2026-07-02\n", // a touch in P: P is not empty
	})
	l := analyzeLatency(t, ds, 60, "2026-10-01").Latency
	if l.Handoffs != 0 || l.MedianMinutes != nil || l.WithinSLA != nil || l.Within.Min5 != nil ||
		len(l.Buckets) != 6 || l.Buckets[0].SQLRate != nil || l.Buckets[0].SQLRateCI != nil ||
		l.ByOwner == nil || len(l.ByOwner) != 0 || l.ByCampaign == nil || len(l.Curve) != 0 || l.Takeaway != nil {
		t.Errorf("latency %+v", l)
	}
}

// BenchmarkLatency times section 4 on a million handoffs with two million
// activities and two touches each.
func BenchmarkLatency(b *testing.B) {
	const n = 1_000_000
	day := loader.Time(microsPerDay)
	lo := loader.Time(1_782_864_000_000_000) // 2026-07-01T00:00:00Z
	ds := &loader.Dataset{
		Leads: make([]loader.Lead, n), Files: loader.Files{Leads: true, Activities: true, Touches: true},
		ActivityStart: make([]int32, n+1), TouchStart: make([]int32, n+1),
		Campaigns: make([]loader.Campaign, 50), OppPeopleStart: []int32{0},
	}
	for c := range ds.Campaigns {
		ds.CampaignIDs.Intern(string(rune('A'+c%26)) + string(rune('a'+c/26)))
	}
	for i := 0; i < 20; i++ {
		ds.Labels.Intern(string(rune('a' + i)))
	}
	seed := uint64(1)
	rnd := func(m int64) int64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int64(seed>>33) % m
	}
	for p := range ds.Leads {
		h := lo + loader.Time(rnd(int64(90*day)))
		ds.Leads[p] = loader.Lead{Known: true, CreatedAt: h - day, MQLAt: h, SQLAt: h + loader.Time(rnd(int64(30*day))),
			Owner: int32(rnd(20)), Region: int32(rnd(5))}
		ds.Activities = append(ds.Activities, h-loader.Time(rnd(int64(day))), h+loader.Time(rnd(int64(10*day))))
		ds.ActivityStart[p+1] = int32(len(ds.Activities))
		ds.Touches = append(ds.Touches,
			loader.Touch{At: h - day, Lead: int32(p), Campaign: int32(rnd(50))},
			loader.Touch{At: h + day, Lead: int32(p), Campaign: int32(rnd(50))})
		ds.TouchStart[p+1] = int32(len(ds.Touches))
	}
	s := &scope{ds: ds, opts: DefaultOptions(), lo: lo, hi: lo + 92*day, asOf: lo + 92*day}
	s.indexOpps()
	b.ResetTimer()
	for range b.N {
		if l := s.latency(); l.Handoffs != n {
			b.Fatalf("handoffs %d", l.Handoffs)
		}
	}
}
