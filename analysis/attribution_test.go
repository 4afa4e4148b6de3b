package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/campaignretro/retro/loader"
)

// day is d days after an arbitrary epoch, as a loader.Time.
func day(d float64) loader.Time { return loader.Time(d * microsPerDay) }

// testJourney builds a journey whose touches are at the given days, on
// campaigns 0, 1, 2, ... in order.
func testJourney(days ...float64) *journey {
	j := &journey{mql: loader.NoTime, created: loader.NoTime}
	for i, d := range days {
		j.touches = append(j.touches, journeyTouch{At: day(d), Campaign: loader.ID(i)})
	}
	j.at = j.touches[len(j.touches)-1].At
	return j
}

func weightsOf(f func(*journey, []float64), j *journey) []float64 {
	w := make([]float64, len(j.touches))
	f(j, w)
	return w
}

func nearAll(got, want []float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !(math.Abs(got[i]-want[i]) <= 1e-12) { // NaN fails too
			return false
		}
	}
	return true
}

func TestPositionModels(t *testing.T) {
	first := func(j *journey, w []float64) { w[0] = 1 }
	last := func(j *journey, w []float64) { w[len(w)-1] = 1 }
	tests := []struct {
		name  string
		model func(*journey, []float64)
		n     int
		want  []float64
	}{
		{"first n=1", first, 1, []float64{1}},
		{"first n=3", first, 3, []float64{1, 0, 0}},
		{"last n=3", last, 3, []float64{0, 0, 1}},
		{"linear n=1", linearWeights, 1, []float64{1}},
		{"linear n=2", linearWeights, 2, []float64{0.5, 0.5}},
		{"linear n=4", linearWeights, 4, []float64{0.25, 0.25, 0.25, 0.25}},
		{"position n=1", positionBasedWeights, 1, []float64{1}},
		{"position n=2", positionBasedWeights, 2, []float64{0.5, 0.5}},
		// 0.4 at each end, 0.2 over the one middle touch.
		{"position n=3", positionBasedWeights, 3, []float64{0.4, 0.2, 0.4}},
		// 0.2 over three middle touches: 0.2/3 each.
		{"position n=5", positionBasedWeights, 5, []float64{0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			days := make([]float64, tt.n)
			for i := range days {
				days[i] = float64(i + 1)
			}
			if got := weightsOf(tt.model, testJourney(days...)); !nearAll(got, tt.want) {
				t.Errorf("weights = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWShapedWeights(t *testing.T) {
	none := -1.0 // no mql_at (or no created_at) in the journey's people
	tests := []struct {
		name         string
		days         []float64
		mql, created float64
		want         []float64
	}{
		{"one touch", []float64{1}, none, 1, []float64{1}},
		// first = j1 and created = j2 take 0.45 each; both hold a role, so
		// 0.1 is split over them: 0.5 each.
		{"two touches, no mql", []float64{1, 2}, none, 2, []float64{0.5, 0.5}},
		// first j1, mql j2 (last touch at or before day 2), created j4:
		// 0.3 each; j3 alone holds no role and takes 0.1.
		{"all three roles", []float64{1, 2, 3, 4}, 2, 4, []float64{0.3, 0.3, 0.1, 0.3}},
		// mql at 2.5 falls between j2 and j3: the last touch at or before it is j2.
		{"mql between touches", []float64{1, 2, 3, 4}, 2.5, 4, []float64{0.3, 0.3, 0.1, 0.3}},
		// No mql role: first and created take 0.45; j2 and j3 split 0.1.
		{"no mql", []float64{1, 2, 3, 4}, none, 4, []float64{0.45, 0.05, 0.05, 0.45}},
		// An mql_at before every touch gives no mql role either.
		{"mql before the journey", []float64{1, 2, 3, 4}, 0.5, 4, []float64{0.45, 0.05, 0.05, 0.45}},
		// mql at 1.5 is held by j1, which is also first: 0.3 + 0.3 = 0.6;
		// created j4 0.3; j2 and j3 split 0.1.
		{"first and mql on one touch", []float64{1, 2, 3, 4}, 1.5, 4, []float64{0.6, 0.05, 0.05, 0.3}},
		// Every touch holds a role (j1 first and mql, j2 created): the 0.1
		// is split over both: 0.6 + 0.05, 0.3 + 0.05.
		{"every touch a role holder", []float64{1, 2}, 1, 2, []float64{0.65, 0.35}},
		// Revenue journey: created (day 3) is j3, mql after the close
		// (whenever it falls) is the last touch j5; j2, j4 split 0.1.
		{"mql after conversion", []float64{1, 2, 3, 4, 5}, 10, 3, []float64{0.3, 0.05, 0.3, 0.05, 0.3}},
		// Every touch after created_at and no mql: first alone takes 0.9;
		// j2 and j3 split 0.1.
		{"first alone", []float64{5, 6, 7}, none, 4, []float64{0.9, 0.05, 0.05}},
		// Two touches at day 2: the last in journey order (j3) holds both
		// mql and created: 0.6; j1 first 0.3; j2 0.1.
		{"same instant", []float64{1, 2, 2}, 2, 2, []float64{0.3, 0.1, 0.6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := testJourney(tt.days...)
			if tt.mql != none {
				j.mql = day(tt.mql)
			}
			if tt.created != none {
				j.created = day(tt.created)
			}
			if got := weightsOf(wShapedWeights, j); !nearAll(got, tt.want) {
				t.Errorf("weights = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTimeDecayWeights(t *testing.T) {
	tests := []struct {
		name     string
		days     []float64
		at       float64 // T
		halfLife float64 // days
		want     []float64
	}{
		{"one touch", []float64{3}, 10, 7, []float64{1}},
		// 14, 7 and 0 days before T: 1/4, 1/2, 1, sum 7/4.
		{"whole half-lives", []float64{0, 7, 14}, 14, 7, []float64{1.0 / 7, 2.0 / 7, 4.0 / 7}},
		// T a week after the last touch scales every weight by 1/2 alike.
		{"conversion after the last touch", []float64{0, 7, 14}, 21, 7, []float64{1.0 / 7, 2.0 / 7, 4.0 / 7}},
		// Half a half-life apart: 2^-0.5 and 1, so 1/(1+sqrt2) and sqrt2/(1+sqrt2).
		{"half a half-life", []float64{0, 3.5}, 3.5, 7, []float64{1 / (1 + math.Sqrt2), math.Sqrt2 / (1 + math.Sqrt2)}},
		// A two-day half-life over 2 and 4 days: 1/4, 1/2, 1 again.
		{"short half-life", []float64{0, 2, 4}, 4, 2, []float64{1.0 / 7, 2.0 / 7, 4.0 / 7}},
		// 2^-2000 underflows to 0 and so would 2^-100000 from T: the last
		// touch must still take everything, not divide 0 by 0.
		{"underflow", []float64{0, 2}, 100, 0.001, []float64{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := testJourney(tt.days...)
			j.at = day(tt.at)
			w := make([]float64, len(j.touches))
			timeDecayWeights(j, tt.halfLife*microsPerDay, w)
			if !nearAll(w, tt.want) {
				t.Errorf("weights = %v, want %v", w, tt.want)
			}
		})
	}
}

// paths turns campaign lists into markov paths: converting ones first.
func paths(converting, nonConverting [][]loader.ID) func(func([]loader.ID, bool) bool) {
	return func(yield func([]loader.ID, bool) bool) {
		for _, p := range converting {
			if !yield(p, true) {
				return
			}
		}
		for _, p := range nonConverting {
			if !yield(p, false) {
				return
			}
		}
	}
}

func TestMarkovCredit(t *testing.T) {
	const A, B, C = 0, 1, 2
	tests := []struct {
		name                      string
		converting, nonConverting [][]loader.ID
		value                     float64
		wantRemoval, wantCredit   []float64
		wantP                     float64
	}{
		// Paths A>B>conv, B>conv, A>null. From start: A 2/3, B 1/3. A: B 1/2,
		// null 1/2. B: conv 1. So x(B) = 1, x(A) = 1/2, P(conv) = 2/3·1/2 +
		// 1/3·1 = 2/3. Without A: 1/3, removal 1/2. Without B: 0, removal 1.
		// Shares 1/3 and 2/3 of 900.
		{
			name:       "a chain",
			converting: [][]loader.ID{{A, B}, {B}}, nonConverting: [][]loader.ID{{A}},
			value: 900, wantP: 2.0 / 3, wantRemoval: []float64{0.5, 1, 0}, wantCredit: []float64{300, 600, 0},
		},
		// Paths A>A>B>A>A>conv (collapses to A>B>A), A>conv, B>null,
		// C>A>null. C is on no converting path but leads to A.
		// start: A 1/2, B 1/4, C 1/4. A: B 1/4, conv 1/2, null 1/4.
		// B: A 1/2, null 1/2. C: A 1.
		// x(A) = 1/4 x(B) + 1/2, x(B) = 1/2 x(A), so x(A) = 4/7, x(B) = 2/7,
		// x(C) = 4/7 and P(conv) = 1/2·4/7 + 1/4·2/7 + 1/4·4/7 = 1/2.
		// Without A: nothing converts, removal 1.
		// Without B: x(A) = 1/2 = x(C), P = 1/4 + 1/8 = 3/8, removal 1/4.
		// Without C: P = 2/7 + 1/14 = 5/14, removal 1 - 5/7 = 2/7.
		// Sum 1 + 1/4 + 2/7 = 43/28: shares 28/43, 7/43, 8/43 of 4300.
		{
			name:       "a cycle and a campaign on non-converting paths only",
			converting: [][]loader.ID{{A, A, B, A, A}, {A}}, nonConverting: [][]loader.ID{{B}, {C, A}},
			value: 4300, wantP: 0.5, wantRemoval: []float64{1, 0.25, 2.0 / 7}, wantCredit: []float64{2800, 700, 800},
		},
		// C only ever leads to null: no removal effect, no credit, exactly.
		// start: A 1/2, C 1/2; A: conv 1; C: null 1. P(conv) = 1/2.
		{
			name:       "a dead end",
			converting: [][]loader.ID{{A}}, nonConverting: [][]loader.ID{{C}},
			value: 100, wantP: 0.5, wantRemoval: []float64{1, 0, 0}, wantCredit: []float64{100, 0, 0},
		},
		{
			name:          "no converting path",
			nonConverting: [][]loader.ID{{A, B}},
			value:         0, wantRemoval: []float64{0, 0, 0}, wantCredit: []float64{0, 0, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := markovCredit(paths(tt.converting, tt.nonConverting), 3, tt.value)
			if !nearAll(got.removal, tt.wantRemoval) {
				t.Errorf("removal effects = %v, want %v", got.removal, tt.wantRemoval)
			}
			if !nearAll(got.credit, tt.wantCredit) {
				t.Errorf("credit = %v, want %v", got.credit, tt.wantCredit)
			}
			p := got.chain.ConversionProbability
			if tt.wantP == 0 && p != nil || tt.wantP != 0 && (p == nil || math.Abs(*p-tt.wantP) > 1e-12) {
				t.Errorf("P(conv) = %v, want %v", p, tt.wantP)
			}
			if got.chain.ConvertingPaths != len(tt.converting) || got.chain.NonConvertingPaths != len(tt.nonConverting) {
				t.Errorf("paths = %d converting, %d not, want %d and %d", got.chain.ConvertingPaths,
					got.chain.NonConvertingPaths, len(tt.converting), len(tt.nonConverting))
			}
		})
	}
}

func TestInvertMMatrix(t *testing.T) {
	// I - Q for Q = [[0, 1/2], [1/4, 0]]: det = 1 - 1/8 = 7/8, inverse
	// = 8/7 [[1, 1/2], [1/4, 1]].
	a := []float64{1, -0.5, -0.25, 1}
	invertMMatrix(a, 2)
	want := []float64{8.0 / 7, 4.0 / 7, 2.0 / 7, 8.0 / 7}
	if !nearAll(a, want) {
		t.Errorf("inverse = %v, want %v", a, want)
	}
}

// writeCSVs writes files (name -> content) into a fresh folder.
func writeCSVs(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// analyzeJuly loads dir and analyses July 2026 as of 2026-08-01, with opts
// changed by edit.
func analyzeJuly(t testing.TB, dir string, edit func(*Options)) *Report {
	t.Helper()
	ds, err := loader.Load(dir, loader.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	p, err := ParsePeriod("2026-07-01..2026-07-31")
	if err != nil {
		t.Fatal(err)
	}
	opts.Period = &p
	opts.AsOf, _, err = loader.ParseTime("2026-08-01", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(&opts)
	}
	r, err := Analyze(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// journeyData is one won opportunity with two people. Its pipeline journey
// (created 07-03, W = 180 days) is C1 06-12 (L1), C2 06-19 (L2, whose mql_at
// it is), C3 06-26 (L1), C4 07-03 (L2, at created_at); its revenue journey
// (closed 07-24) adds C1 07-17 (L1). L1's own mql_at (06-27) is later than
// L2's, so the mql role stays with C2. L3 touches C3 in P and is on no deal.
var journeyData = map[string]string{
	"campaigns.csv": "campaign_id,name,channel\nC1,One,email\nC2,Two,webinar\nC3,Three,abm\nC4,Four,email\nC5,Five,event\n",
	"leads.csv": "lead_id,created_at,mql_at\nL1,2026-06-01,2026-06-27T00:00:00Z\nL2,2026-06-01,2026-06-19T00:00:00Z\n" +
		"L3,2026-06-01,\nL4,2026-06-01,\n",
	"touches.csv": "lead_id,campaign_id,touched_at\n" +
		"L1,C1,2026-06-12T00:00:00Z\nL2,C2,2026-06-19T00:00:00Z\nL1,C3,2026-06-26T00:00:00Z\n" +
		"L2,C4,2026-07-03T00:00:00Z\nL1,C1,2026-07-17T00:00:00Z\nL3,C3,2026-07-10T00:00:00Z\n" +
		"L4,C5,2026-06-10T00:00:00Z\n",
	"opportunities.csv": "opportunity_id,created_at,amount,status,closed_at,lead_id\n" +
		"O1,2026-07-03T00:00:00Z,1000,won,2026-07-24T00:00:00Z,L1\n" +
		"O2,2026-07-05T00:00:00Z,500,open,,\n",
	"opportunity_contacts.csv": "opportunity_id,lead_id\nO1,L2\n",
}

// TestAttributionModels checks every model end to end on journeyData.
func TestAttributionModels(t *testing.T) {
	r := analyzeJuly(t, writeCSVs(t, journeyData), nil)
	pipeline := map[string]map[string]float64{
		"first_touch": {"C1": 1000, "C2": 0, "C3": 0, "C4": 0},
		"last_touch":  {"C1": 0, "C2": 0, "C3": 0, "C4": 1000},
		"linear":      {"C1": 250, "C2": 250, "C3": 250, "C4": 250},
		// 0.4, 0.1, 0.1, 0.4.
		"position_based": {"C1": 400, "C2": 100, "C3": 100, "C4": 400},
		// first C1, mql C2 (L2's mql_at), created C4: 0.3 each; C3 0.1.
		"w_shaped": {"C1": 300, "C2": 300, "C3": 100, "C4": 300},
		// 21, 14, 7, 0 days before T: 1/8, 1/4, 1/2, 1 of 15/8: 1/15, 2/15, 4/15, 8/15.
		"time_decay": {"C1": 1000.0 / 15, "C2": 2000.0 / 15, "C3": 4000.0 / 15, "C4": 8000.0 / 15},
		// Paths C1>C2>C3>C4>conv and C3>null (L3; L4 has no touch in P).
		// start: C1 1/2, C3 1/2; C3: C4 1/2, null 1/2; C4: conv.
		// x(C4) = 1, x(C3) = x(C2) = x(C1) = 1/2, P(conv) = 1/2.
		// Without C1 or C2: P = 1/4, removal 1/2; without C3 or C4: 0,
		// removal 1. Shares 1/6, 1/6, 1/3, 1/3.
		"markov": {"C1": 1000.0 / 6, "C2": 1000.0 / 6, "C3": 1000.0 / 3, "C4": 1000.0 / 3},
	}
	revenue := map[string]map[string]float64{
		"first_touch":    {"C1": 1000, "C2": 0, "C3": 0, "C4": 0},
		"last_touch":     {"C1": 1000, "C2": 0, "C3": 0, "C4": 0},
		"linear":         {"C1": 400, "C2": 200, "C3": 200, "C4": 200},
		"position_based": {"C1": 800, "C2": 200.0 / 3, "C3": 200.0 / 3, "C4": 200.0 / 3},
		// first C1, mql C2, created C4 (07-03): 0.3 each; C3 and the
		// second C1 touch split 0.1.
		"w_shaped": {"C1": 350, "C2": 300, "C3": 50, "C4": 300},
		// T = 07-24: 42, 35, 28, 21, 7 days: 1/64, 1/32, 1/16, 1/8, 1/2 of
		// 47/64: 1, 2, 4, 8, 32 of 47.
		"time_decay": {"C1": 33000.0 / 47, "C2": 2000.0 / 47, "C3": 4000.0 / 47, "C4": 8000.0 / 47},
		// Paths C1>C2>C3>C4>C1>conv and C3>null. start: C1 1/2, C3 1/2;
		// C1: C2 1/2, conv 1/2; C2: C3; C3: C4 1/2, null 1/2; C4: C1.
		// x(C1) = 1/2 + 1/2 x(C2), x(C2) = x(C3) = 1/2 x(C4), x(C4) = x(C1):
		// x(C1) = 2/3 = x(C4), x(C2) = x(C3) = 1/3, P(conv) = 1/2.
		// Without C1: 0, removal 1. Without C2: x(C1) = 1/2, x(C3) = 1/4,
		// P = 3/8, removal 1/4. Without C3: x(C1) = 1/2, P = 1/4, removal
		// 1/2. Without C4: the same, 1/2. Sum 9/4: 4/9, 1/9, 2/9, 2/9.
		"markov": {"C1": 4000.0 / 9, "C2": 1000.0 / 9, "C3": 2000.0 / 9, "C4": 2000.0 / 9},
	}
	for name, tt := range map[string]struct {
		got  AttributionTarget
		want map[string]map[string]float64
	}{"pipeline": {r.Attribution.Pipeline, pipeline}, "revenue": {r.Attribution.Revenue, revenue}} {
		for model, want := range tt.want {
			got := tt.got.Models[model]
			if len(got) != len(want) {
				t.Errorf("%s %s: campaigns %v, want %v", name, model, got, want)
			}
			for c, v := range want {
				if g, ok := got[c]; !ok || !(math.Abs(float64(g)-v) <= 1e-9) {
					t.Errorf("%s %s %s = %v, want %v", name, model, c, float64(g), v)
				}
			}
		}
	}
	if got := r.Attribution.Pipeline; got.Total != 1500 || got.Unattributed != 500 || got.Opportunities != 2 || got.AttributedOpportunities != 1 {
		t.Errorf("pipeline total %v unattributed %v opportunities %d (%d attributed), want 1500, 500, 2 (1)",
			got.Total, got.Unattributed, got.Opportunities, got.AttributedOpportunities)
	}
	// Channels: C1 + C4 are email.
	if got := r.Attribution.Pipeline.Channels["w_shaped"]; got["email"] != 600 || got["webinar"] != 300 || got["abm"] != 100 {
		t.Errorf("w_shaped channels = %v, want email 600, webinar 300, abm 100", got)
	}
	if m := r.Attribution.Pipeline.Markov; m.ConvertingPaths != 1 || m.NonConvertingPaths != 1 || m.Campaigns != 4 {
		t.Errorf("pipeline chain = %+v, want 1 converting path, 1 not, 4 campaigns", m)
	}
}

// TestHalfLife checks that Options.HalfLifeDays reaches time_decay: with a
// 14-day half-life the pipeline journey's 21, 14, 7, 0 days weigh
// 2^-1.5, 1/2, 2^-0.5, 1.
func TestHalfLife(t *testing.T) {
	r := analyzeJuly(t, writeCSVs(t, journeyData), func(o *Options) { o.HalfLifeDays = 14 })
	raw := []float64{math.Exp2(-1.5), 0.5, math.Exp2(-0.5), 1}
	sum := raw[0] + raw[1] + raw[2] + raw[3]
	got := r.Attribution.Pipeline.Models["time_decay"]
	for i, c := range []string{"C1", "C2", "C3", "C4"} {
		if want := 1000 * raw[i] / sum; !(math.Abs(float64(got[c])-want) <= 1e-9) {
			t.Errorf("%s = %v, want %v", c, float64(got[c]), want)
		}
	}
}

// TestModelComparison checks the side-by-side rows and the campaign rows
// under a non-default model.
func TestModelComparison(t *testing.T) {
	r := analyzeJuly(t, writeCSVs(t, journeyData), func(o *Options) { o.Model = "w_shaped" })
	rows := r.Attribution.Pipeline.ByCampaign
	// w_shaped pipeline: C1 300, C2 300, C3 100, C4 300: ties by campaign_id.
	var order []string
	for _, row := range rows {
		order = append(order, row.CampaignID)
	}
	if want := []string{"C1", "C2", "C4", "C3"}; !slices.Equal(order, want) {
		t.Fatalf("order = %v, want %v", order, want)
	}
	c1 := rows[0]
	// C1: first_touch 1000 (max), last_touch 0 (min); ranks 1 (first
	// touch), 2 (last touch: C4 alone has more), 1 (w_shaped, tied).
	if c1.Min != 0 || c1.Max != 1000 || c1.Spread != 1000 || c1.Rank["first_touch"] != 1 ||
		c1.Rank["last_touch"] != 2 || c1.Rank["w_shaped"] != 1 || !c1.RankChanges {
		t.Errorf("C1 row = %+v", c1)
	}
	for _, rec := range r.Attribution.Pipeline.Reconciliation {
		if !rec.Reconciled || rec.Credited != 1000 || rec.Total != 1500 {
			t.Errorf("reconciliation %+v", rec)
		}
	}
	if ch := r.Attribution.Pipeline.ByChannel; len(ch) != 3 || ch[0].Channel != "email" || ch[0].Credit["w_shaped"] != 600 {
		t.Errorf("channels = %+v, want email (600) first of 3", ch)
	}
	for _, c := range r.Campaigns {
		want := r.Attribution.Pipeline.Models["w_shaped"][c.CampaignID]
		if c.AttributedPipeline != want {
			t.Errorf("%s attributed_pipeline = %v, want %v", c.CampaignID, c.AttributedPipeline, want)
		}
	}
	// C5's only touch (L4, 06-10) is in no journey and not in P.
	if _, ok := r.Attribution.Pipeline.Models["markov"]["C5"]; ok {
		t.Errorf("C5 listed in markov")
	}
}

// origin tests share these leads: L1 origin partner, created 06-01; L2 no
// origin, created 06-02; L3 no origin, created 06-01 (tied with L1).
const originLeads = "lead_id,created_at,origin\nL1,2026-06-01,partner\nL2,2026-06-02,\nL3,2026-06-01,\n"

func TestOrigin(t *testing.T) {
	tests := []struct {
		name      string
		leads     string // rows after originLeads
		touches   string // rows
		oppOrigin string
		oppLead   string
		contacts  []string
		want      string
	}{
		{name: "the opportunity's own origin", oppOrigin: "Sales", oppLead: "L1", want: "sales_sourced"},
		{name: "an unknown origin is other", oppOrigin: "reseller", oppLead: "L1", want: "other_sourced"},
		{name: "the primary person's origin", oppLead: "L1", want: "partner_sourced"},
		{name: "a lead origin other than the four is other", leads: "L9,2026-06-01,SDR\n", oppLead: "L9", want: "other_sourced"},
		{name: "first touch exactly a day after creation", oppLead: "L2",
			touches: "L2,C1,2026-06-03T00:00:00Z\n", want: "marketing_sourced"},
		{name: "the earliest of several touches counts", oppLead: "L2",
			touches: "L2,C1,2026-06-03T00:00:01Z\nL2,C1,2026-06-02T12:00:00Z\n", want: "marketing_sourced"},
		{name: "only touch a second too late", oppLead: "L2",
			touches: "L2,C1,2026-06-03T00:00:01Z\n", want: "sales_sourced"},
		{name: "first touch before creation, outside the lookback", oppLead: "L2",
			touches: "L2,C1,2025-01-01T00:00:00Z\n", want: "marketing_sourced"},
		{name: "no touch", oppLead: "L2", want: "sales_sourced"},
		{name: "unknown primary person", oppLead: "LX",
			touches: "LX,C1,2026-06-01T00:00:00Z\n", want: "sales_sourced"},
		{name: "unknown primary person beside a known contact", oppLead: "LX", contacts: []string{"L1"}, want: "sales_sourced"},
		// No lead_id: the earliest-created of people(o) is L1 (06-01) before L2 (06-02).
		{name: "earliest-created contact", contacts: []string{"L2", "L1"}, want: "partner_sourced"},
		// L1 and L3 both 06-01: the smaller lead_id, L1.
		{name: "tie goes to the smaller lead_id", contacts: []string{"L3", "L1"}, want: "partner_sourced"},
		{name: "only unknown contacts", contacts: []string{"LX"}, want: "sales_sourced"},
		{name: "nobody", want: "sales_sourced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			contacts := "opportunity_id,lead_id\n"
			for _, c := range tt.contacts {
				contacts += "O1," + c + "\n"
			}
			dir := writeCSVs(t, map[string]string{
				"leads.csv":                originLeads + tt.leads,
				"touches.csv":              "lead_id,campaign_id,touched_at\n" + tt.touches,
				"opportunities.csv":        "opportunity_id,created_at,amount,status,closed_at,lead_id,origin\nO1,2026-07-10,100,won,2026-07-20," + tt.oppLead + "," + tt.oppOrigin + "\n",
				"opportunity_contacts.csv": contacts,
			})
			r := analyzeJuly(t, dir, nil)
			for _, target := range []SourcingTarget{r.Sourcing.Pipeline, r.Sourcing.Revenue} {
				groups := map[string]SourcingGroup{
					"marketing_sourced": target.MarketingSourced, "sales_sourced": target.SalesSourced,
					"partner_sourced": target.PartnerSourced, "other_sourced": target.OtherSourced,
				}
				for name, g := range groups {
					want := SourcingGroup{}
					if name == tt.want {
						want = SourcingGroup{Count: 1, Amount: 100}
					}
					if g != want {
						t.Errorf("%s = %+v, want %+v", name, g, want)
					}
				}
			}
		})
	}
}

func TestMarketingTouched(t *testing.T) {
	// O1 is created 2026-07-10T00:00:00Z; W = 180 days reaches back to
	// 2026-01-11T00:00:00Z. as_of is 2026-08-01.
	tests := []struct {
		name    string
		status  string
		closed  string
		touch   string // lead,time
		contact bool   // L2 is a contact of O1
		want    bool
	}{
		{name: "touch at created_at - W", status: "open", touch: "L1,2026-01-11T00:00:00Z", want: true},
		{name: "touch a second before the window", status: "open", touch: "L1,2026-01-10T23:59:59Z", want: false},
		{name: "open: touch after creation, before as_of", status: "open", touch: "L1,2026-07-30T00:00:00Z", want: true},
		{name: "open: touch at as_of", status: "open", touch: "L1,2026-08-01T00:00:00Z", want: true},
		{name: "open: touch after as_of", status: "open", touch: "L1,2026-08-02T00:00:00Z", want: false},
		{name: "lost: touch at closed_at", status: "lost", closed: "2026-07-20T00:00:00Z", touch: "L1,2026-07-20T00:00:00Z", want: true},
		{name: "lost: touch after closed_at", status: "lost", closed: "2026-07-20T00:00:00Z", touch: "L1,2026-07-21T00:00:00Z", want: false},
		// Closed after as_of: the window ends at as_of.
		{name: "won after as_of: touch between", status: "won", closed: "2026-08-20T00:00:00Z", touch: "L1,2026-08-05T00:00:00Z", want: false},
		{name: "a contact's touch", status: "open", touch: "L2,2026-07-01T00:00:00Z", contact: true, want: true},
		{name: "someone else's touch", status: "open", touch: "L2,2026-07-01T00:00:00Z", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lead, at, _ := strings.Cut(tt.touch, ",")
			contacts := "opportunity_id,lead_id\n"
			if tt.contact {
				contacts += "O1,L2\n"
			}
			dir := writeCSVs(t, map[string]string{
				"leads.csv":                "lead_id,created_at\nL1,2026-01-01\nL2,2026-01-01\n",
				"touches.csv":              "lead_id,campaign_id,touched_at\n" + lead + ",C1," + at + "\n",
				"opportunities.csv":        "opportunity_id,created_at,amount,status,closed_at,lead_id\nO1,2026-07-10T00:00:00Z,100," + tt.status + "," + tt.closed + ",L1\n",
				"opportunity_contacts.csv": contacts,
			})
			r := analyzeJuly(t, dir, nil)
			got := r.Sourcing.Pipeline
			touched, untouched := SourcingGroup{}, SourcingGroup{Count: 1, Amount: 100}
			if tt.want {
				touched, untouched = untouched, touched
			}
			if *got.MarketingTouched != touched || *got.Untouched != untouched {
				t.Errorf("touched %+v, untouched %+v; want %+v, %+v", *got.MarketingTouched, *got.Untouched, touched, untouched)
			}
		})
	}
}

func TestSourcingMissingFiles(t *testing.T) {
	leads := "lead_id,created_at\nL1,2026-07-01\n"
	opps := "opportunity_id,created_at,amount,status,closed_at,lead_id\nO1,2026-07-10,100,open,,L1\n"
	r := analyzeJuly(t, writeCSVs(t, map[string]string{"leads.csv": leads, "opportunities.csv": opps}), nil)
	if r.Sourcing == nil || r.Sourcing.Pipeline.MarketingTouched != nil || r.Sourcing.Pipeline.Untouched != nil {
		t.Errorf("without touches.csv: sourcing %+v, want touched and untouched null", r.Sourcing)
	}
	if r.Sourcing.Pipeline.SalesSourced.Count != 1 || r.Attribution != nil {
		t.Errorf("without touches.csv: sales_sourced %+v (want 1), attribution %v (want nil)", r.Sourcing.Pipeline.SalesSourced, r.Attribution)
	}
	r = analyzeJuly(t, writeCSVs(t, map[string]string{"leads.csv": leads}), nil)
	if r.Sourcing != nil {
		t.Errorf("without opportunities.csv: sourcing %+v, want null", r.Sourcing)
	}
}

// randomData writes a small random dataset: a handful of campaigns, leads,
// touches and opportunities around July 2026, with unknown leads and
// campaigns, duplicates, contacts and odd amounts.
func randomData(rng *rand.Rand) map[string]string {
	var camps, leads, touches, opps, contacts strings.Builder
	camps.WriteString("campaign_id,name,channel,cost\n")
	nc := 1 + rng.IntN(6)
	channels := []string{"email", "webinar", "abm", "event"}
	for c := 1; c <= nc; c++ {
		fmt.Fprintf(&camps, "C%d,Campaign %d,%s,%d\n", c, c, channels[rng.IntN(len(channels))], rng.IntN(1000))
	}
	when := func(fromDay, days int) string {
		t := time.Date(2026, 1, fromDay, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(int64(days) * 24 * int64(time.Hour))))
		return t.Format(time.RFC3339)
	}
	leads.WriteString("lead_id,created_at,origin,mql_at\n")
	nl := 1 + rng.IntN(8)
	origins := []string{"", "", "marketing", "sales", "partner", "SDR"}
	for l := 1; l <= nl; l++ {
		mql := ""
		if rng.IntN(2) == 0 {
			mql = when(120, 120)
		}
		fmt.Fprintf(&leads, "L%d,%s,%s,%s\n", l, when(100, 120), origins[rng.IntN(len(origins))], mql)
	}
	touches.WriteString("lead_id,campaign_id,touched_at\n")
	for range rng.IntN(30) {
		// Lead nl+1 and campaign nc+1 are unknown; times repeat to make duplicates.
		fmt.Fprintf(&touches, "L%d,C%d,2026-%02d-%02dT%02d:00:00Z\n", 1+rng.IntN(nl+1), 1+rng.IntN(nc+1),
			5+rng.IntN(4), 1+rng.IntN(28), rng.IntN(3))
	}
	opps.WriteString("opportunity_id,created_at,amount,status,closed_at,lead_id,origin\n")
	contacts.WriteString("opportunity_id,lead_id\n")
	statuses := []string{"open", "won", "won", "lost"}
	no := rng.IntN(8)
	for o := 1; o <= no; o++ {
		status := statuses[rng.IntN(len(statuses))]
		closed := ""
		if status != "open" {
			closed = when(181, 60)
		}
		lead := ""
		if rng.IntN(4) > 0 {
			lead = fmt.Sprintf("L%d", 1+rng.IntN(nl+1))
		}
		fmt.Fprintf(&opps, "O%d,%s,%d.%02d,%s,%s,%s,%s\n", o, when(160, 60), rng.IntN(100000), rng.IntN(100),
			status, closed, lead, origins[rng.IntN(len(origins))])
		for range rng.IntN(3) {
			fmt.Fprintf(&contacts, "O%d,L%d\n", o, 1+rng.IntN(nl+1))
		}
	}
	return map[string]string{
		"campaigns.csv": camps.String(), "leads.csv": leads.String(), "touches.csv": touches.String(),
		"opportunities.csv": opps.String(), "opportunity_contacts.csv": contacts.String(),
	}
}

// TestAttributionReconciles checks SPEC section 6's invariants on 200
// random datasets: under every model, credits plus unattributed make the
// total; no credit is negative; channels add up to campaigns; every model
// but markov names the same campaigns (markov may add campaigns that only
// non-converting paths reach); campaign rows use the default model; the
// sourcing groups partition the opportunities.
func TestAttributionReconciles(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 7))
	for i := range 200 {
		files := randomData(rng)
		lookback := []int{0, 30, 180}[rng.IntN(3)]
		halfLife := []float64{0.5, 7, 30}[rng.IntN(3)]
		model := Models[rng.IntN(len(Models))]
		r := analyzeJuly(t, writeCSVs(t, files), func(o *Options) {
			o.LookbackDays, o.HalfLifeDays, o.Model = lookback, halfLife, model
		})
		fail := func(format string, a ...any) {
			t.Helper()
			t.Errorf("dataset %d (lookback %d, half-life %v, model %s): %s\n%v", i, lookback, halfLife, model, fmt.Sprintf(format, a...), files)
		}
		for name, target := range map[string]AttributionTarget{"pipeline": r.Attribution.Pipeline, "revenue": r.Attribution.Revenue} {
			if d := float64(target.Attributed + target.Unattributed - target.Total); !(math.Abs(d) <= 1e-6) {
				fail("%s: attributed + unattributed - total = %v", name, d)
			}
			keys := func(m map[string]Money) []string {
				var k []string
				for c := range m {
					k = append(k, c)
				}
				slices.Sort(k)
				return k
			}
			journeyCampaigns := keys(target.Models["linear"])
			for _, m := range Models {
				credits, sum, channelSum := target.Models[m], 0.0, 0.0
				for c, v := range credits {
					sum += float64(v)
					if !(v >= -1e-9) { // NaN fails too
						fail("%s %s: %s has credit %v", name, m, c, v)
					}
				}
				for _, v := range target.Channels[m] {
					channelSum += float64(v)
				}
				if d := sum + float64(target.Unattributed) - float64(target.Total); !(math.Abs(d) <= 1e-6) {
					fail("%s %s: credits + unattributed - total = %v", name, m, d)
				}
				if !(math.Abs(sum-channelSum) <= 1e-6) {
					fail("%s %s: campaigns %v, channels %v", name, m, sum, channelSum)
				}
				k := keys(credits)
				if m != "markov" && !slices.Equal(k, journeyCampaigns) || m == "markov" && !containsAll(k, journeyCampaigns) {
					fail("%s %s names %v, linear %v", name, m, k, journeyCampaigns)
				}
			}
			for _, rec := range target.Reconciliation {
				if !rec.Reconciled {
					fail("%s: %+v", name, rec)
				}
			}
			if len(target.ByCampaign) < len(journeyCampaigns) {
				fail("%s: %d comparison rows for %d campaigns", name, len(target.ByCampaign), len(journeyCampaigns))
			}
		}
		for _, c := range r.Campaigns {
			if c.AttributedPipeline != r.Attribution.Pipeline.Models[model][c.CampaignID] ||
				c.AttributedRevenue != r.Attribution.Revenue.Models[model][c.CampaignID] {
				fail("campaign %s: attributed %v / %v, model %s says %v / %v", c.CampaignID, c.AttributedPipeline,
					c.AttributedRevenue, model, r.Attribution.Pipeline.Models[model][c.CampaignID], r.Attribution.Revenue.Models[model][c.CampaignID])
			}
		}
		for name, s := range map[string]SourcingTarget{"pipeline": r.Sourcing.Pipeline, "revenue": r.Sourcing.Revenue} {
			sourced := s.MarketingSourced.Count + s.SalesSourced.Count + s.PartnerSourced.Count + s.OtherSourced.Count
			amount := s.MarketingSourced.Amount + s.SalesSourced.Amount + s.PartnerSourced.Amount + s.OtherSourced.Amount
			if sourced != s.Total.Count || !(math.Abs(float64(amount-s.Total.Amount)) <= 1e-6) ||
				s.MarketingTouched.Count+s.Untouched.Count != s.Total.Count {
				fail("%s sourcing does not partition: %+v", name, s)
			}
		}
		if r.Sourcing.Pipeline.Total.Count != r.Attribution.Pipeline.Opportunities ||
			r.Sourcing.Revenue.Total.Count != r.Attribution.Revenue.Opportunities {
			fail("sourcing and attribution count different opportunities")
		}
	}
}

func containsAll(set, sub []string) bool {
	for _, s := range sub {
		if !slices.Contains(set, s) {
			return false
		}
	}
	return true
}

// BenchmarkMarkov times the markov model alone at 500 campaigns: 200,000
// converting and 800,000 non-converting paths of 1 to 8 touches, with
// campaigns favouring neighbours so the chain has cycles and structure.
func BenchmarkMarkov(b *testing.B) {
	const campaigns = 500
	rng := rand.New(rand.NewPCG(1, 2))
	var flat []loader.ID
	type span struct {
		lo, hi    int
		converted bool
	}
	var spans []span
	for i := range 1_000_000 {
		lo := len(flat)
		c := rng.IntN(campaigns)
		for range 1 + rng.IntN(8) {
			flat = append(flat, loader.ID(c))
			c = (c + campaigns + rng.IntN(41) - 20) % campaigns
		}
		spans = append(spans, span{lo, len(flat), i%5 == 0})
	}
	all := func(yield func([]loader.ID, bool) bool) {
		for _, s := range spans {
			if !yield(flat[s.lo:s.hi], s.converted) {
				return
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		res := markovCredit(all, campaigns, 1e6)
		if res.chain.Campaigns != campaigns {
			b.Fatalf("%d campaigns", res.chain.Campaigns)
		}
	}
}

// BenchmarkMarkovSolve times the solve alone: a dense 500-campaign chain
// (every campaign leads to every other), the worst case for the inversion.
func BenchmarkMarkovSolve(b *testing.B) {
	const k = 500
	rng := rand.New(rand.NewPCG(3, 4))
	a := make([]float64, k*k)
	for b.Loop() {
		for i := range k {
			row := a[i*k : (i+1)*k]
			sum := 0.0
			for j := range row {
				row[j] = rng.Float64()
				sum += row[j]
			}
			for j := range row {
				row[j] = -row[j] / (sum * 1.25) // 20% of each row is absorbed
			}
			row[i] = 1
		}
		invertMMatrix(a, k)
	}
}
