package analysis

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/campaignretro/retro/loader"
)

// TestEndModels checks j_shaped and inverse_j (SPEC 14) by hand for n = 1,
// 2, 3 and 5.
func TestEndModels(t *testing.T) {
	tests := []struct {
		n               int
		jShaped, invers []float64
	}{
		{1, []float64{1}, []float64{1}},
		{2, []float64{0.25, 0.75}, []float64{0.75, 0.25}},
		{3, []float64{0.2, 0.2, 0.6}, []float64{0.6, 0.2, 0.2}},
		{5, []float64{0.2, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.6}, []float64{0.6, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.2}},
	}
	for _, tc := range tests {
		j := &journey{touches: make([]journeyTouch, tc.n)}
		w := make([]float64, tc.n)
		jShaped(j, w)
		if !sameWeights(w, tc.jShaped) {
			t.Errorf("j_shaped n=%d: %v, want %v", tc.n, w, tc.jShaped)
		}
		w = make([]float64, tc.n)
		inverseJ(j, w)
		if !sameWeights(w, tc.invers) {
			t.Errorf("inverse_j n=%d: %v, want %v", tc.n, w, tc.invers)
		}
	}
}

// TestFullPathAndCustom checks the stage models with the closed role
// (revenue journeys) by hand: every role present, missing roles, a touch
// holding several roles, and custom shares.
func TestFullPathAndCustom(t *testing.T) {
	none := loader.NoTime
	custom := [numRoles]float64{0.4, 0.1, 0.2, 0.2} // rest 0.1
	tests := []struct {
		name         string
		days         []float64
		mql, created loader.Time
		closed       bool
		full, custom []float64
	}{
		{"one touch", []float64{1}, none, day, true, []float64{1}, []float64{1}},
		// n = 2: first j1; created j1 (day 1); closed j2; no mql. Every
		// touch holds a role. full_path: 0.3 + 0.3 on j1, 0.3 on j2, rest
		// 0.1 over both. custom: mql's 0.1 over the three present roles.
		{"two touches", []float64{1, 2}, none, day, true,
			[]float64{0.65, 0.35}, []float64{0.4 + 0.2 + 0.2/3 + 0.05, 0.2 + 0.1/3 + 0.05}},
		// n = 3, every role on its own touch but mql shares j2 with created
		// (day 2): j1 first, j2 mql+created, j3 closed.
		{"three touches, two roles on one", []float64{1, 2, 3}, 2 * day, 2 * day, true,
			[]float64{0.225 + 0.1/3, 0.45 + 0.1/3, 0.225 + 0.1/3}, []float64{0.4 + 0.1/3, 0.3 + 0.1/3, 0.2 + 0.1/3}},
		// n = 5: first j1, mql j2, created j3, closed j5; j4 holds no role
		// and takes the rest.
		{"five touches, four roles", []float64{1, 2, 3, 4, 5}, 2 * day, 3 * day, true,
			[]float64{0.225, 0.225, 0.225, 0.1, 0.225}, []float64{0.4, 0.1, 0.2, 0.1, 0.2}},
		// Pipeline (no closed role): full_path is w_shaped; custom passes
		// closed's 0.2 evenly to first, mql and created (j5); j3 and j4
		// split the rest.
		{"five touches, pipeline", []float64{1, 2, 3, 4, 5}, 2 * day, 5 * day, false,
			[]float64{0.3, 0.3, 0.05, 0.05, 0.3}, []float64{0.4 + 0.2/3, 0.1 + 0.2/3, 0.05, 0.05, 0.2 + 0.2/3}},
		// Only first and closed: 0.45 each; the rest over j2 and j3.
		{"missing mql and created", []float64{1, 2, 3, 4}, none, 0, true,
			[]float64{0.45, 0.05, 0.05, 0.45}, []float64{0.4 + 0.15, 0.05, 0.05, 0.2 + 0.15}},
	}
	for _, tc := range tests {
		roles := journeyRoles(touchesAt(tc.days...), tc.mql, tc.created, tc.closed)
		w := make([]float64, len(tc.days))
		roleWeights(roles, fullPathShares, 0.1, w)
		if !sameWeights(w, tc.full) {
			t.Errorf("%s: full_path %v, want %v", tc.name, w, tc.full)
		}
		w = make([]float64, len(tc.days))
		roleWeights(roles, custom, 0.1, w)
		if !sameWeights(w, tc.custom) {
			t.Errorf("%s: custom %v, want %v", tc.name, w, tc.custom)
		}
	}
}

// TestCustomModelEndToEnd runs the custom model on journeyData's revenue
// journey C1 C2 C3 C4 C1 (roles: first j1, mql j2, created j4, closed j5;
// j3 free) with shares first 0.1, mql 0.2, created 0.3, closed 0.3, rest
// 0.1: C1 0.1 + 0.3, C2 0.2, C3 0.1, C4 0.3.
func TestCustomModelEndToEnd(t *testing.T) {
	w, err := ParseWeights([]byte("first: 0.1\nmql: 0.2\ncreated: 0.3\nclosed: 0.3\nrest: 0.1\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := analyzeJuly(t, loadFiles(t, journeyData), func(o *Options) { o.Weights, o.Model = w, "custom" })
	want := map[string]float64{"C1": 400, "C2": 200, "C3": 100, "C4": 300}
	got := r.Attribution.Revenue.Models["custom"]
	for c, v := range want {
		if !(math.Abs(float64(got[c])-v) <= 1e-9) {
			t.Errorf("custom %s = %v, want %v", c, float64(got[c]), v)
		}
	}
	if m := r.AttributionModels(); len(m) != len(Models)+1 || m[8] != "custom" {
		t.Errorf("models = %v", m)
	}
	if rec := r.Attribution.Revenue.Reconciliation; len(rec) != len(Models)+1 || rec[8].Model != "custom" || rec[8].Credited != 1000 {
		t.Errorf("reconciliation %+v", rec)
	}
	for _, row := range r.Attribution.Revenue.Compare {
		if row.Credit["custom"] != got[row.CampaignID] || row.Rank["custom"] == 0 || row.Bands["custom"].Band == 0 {
			t.Errorf("compare row %s: custom credit %v rank %d band %+v", row.CampaignID, row.Credit["custom"], row.Rank["custom"], row.Bands["custom"])
		}
	}
	for _, c := range r.Campaigns {
		if c.AttributedRevenue != r.Attribution.Revenue.Models["custom"][c.CampaignID] {
			t.Errorf("%s attributed_revenue %v, want the custom credit", c.CampaignID, c.AttributedRevenue)
		}
	}
}

// TestParseWeights checks the --weights file and that each mistake names
// its key.
func TestParseWeights(t *testing.T) {
	w, err := ParseWeights([]byte("first: 0.25\nMQL: 0.25\ncreated: 0.25\nrest: 0.25\n"))
	if err != nil || *w != (Weights{First: 0.25, MQL: 0.25, Created: 0.25, Rest: 0.25}) {
		t.Fatalf("got %+v, %v", w, err)
	}
	for _, tc := range []struct{ yaml, key, says string }{
		{"frist: 0.5\nrest: 0.5\n", "frist", "not a role"},
		{"first: -0.5\nrest: 1.5\n", "first", "negative"},
		{"first: lots\nrest: 1\n", "first", "not a number"},
		{"first: .nan\nrest: 1\n", "first", "not a number"},
		{"first: [1]\n", "first", "not a number"},
		{"first: 0.5\nfirst: 0.5\n", "first", "twice"},
		{"first: 0.5\nrest: 0.4\n", "", "sum to 0.9"},
		{"- 1\n", "", "mapping"},
		{"first: 0.5\n  rest: [\n", "", "not YAML"},
	} {
		_, err := ParseWeights([]byte(tc.yaml))
		var we *WeightsError
		if !errors.As(err, &we) || we.Key != tc.key || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%q: error %v, want key %q and %q", tc.yaml, err, tc.key, tc.says)
		}
	}
	// The 1e-9 tolerance.
	if _, err := ParseWeights([]byte("first: 0.1\nmql: 0.2\ncreated: 0.3\nclosed: 0.3\nrest: 0.1000000001\n")); err != nil {
		t.Errorf("within 1e-9: %v", err)
	}
	if _, err := ParseModel("custom", nil); err == nil || !strings.Contains(err.Error(), "--weights") {
		t.Errorf("custom without weights: %v", err)
	}
	if _, err := ParseModel("custom", w); err != nil {
		t.Errorf("custom with weights: %v", err)
	}
}

// TestCreditInterval checks SPEC 14's formula by hand: x = 100, 0, 50, 50
// over N = 4: T = 200, mean 50, v = (2500 + 2500 + 0 + 0) / 4 = 1250,
// N v = 5000, half-width 1.645 sqrt(5000) = 116.3158...; lo 83.68, hi
// 316.32. With x = 10, 0, 0, 0: T = 10, v = 18.75, N v = 75, half 14.246:
// lo clipped to 0.
func TestCreditInterval(t *testing.T) {
	half := 1.645 * math.Sqrt(5000)
	got := creditInterval(200, 100*100+50*50+50*50, 4)
	if !(math.Abs(float64(got[0])-(200-half)) < 1e-9) || !(math.Abs(float64(got[1])-(200+half)) < 1e-9) {
		t.Errorf("interval %v, want [%v, %v]", got, 200-half, 200+half)
	}
	if got := creditInterval(10, 100, 4); got[0] != 0 || !(math.Abs(float64(got[1])-(10+1.645*math.Sqrt(75))) < 1e-9) {
		t.Errorf("clipped interval %v", got)
	}
	if got := creditInterval(0, 0, 0); got != (MoneyInterval{}) {
		t.Errorf("no opportunities: %v", got)
	}
}

// TestIntervalsEndToEnd checks the intervals of journeyData by hand. The
// pipeline has one attributed opp (N = 1, v = 0): every interval is the
// credit itself. The revenue, too.
func TestIntervalsEndToEnd(t *testing.T) {
	r := analyzeJuly(t, loadFiles(t, journeyData), nil)
	for _, tg := range []AttributionTarget{r.Attribution.Pipeline, r.Attribution.Revenue} {
		if _, ok := tg.Intervals["markov"]; ok {
			t.Errorf("markov has intervals")
		}
		for _, m := range Models {
			if m == "markov" {
				continue
			}
			if len(tg.Intervals[m]) != len(tg.Models[m]) {
				t.Errorf("%s: %d intervals for %d campaigns", m, len(tg.Intervals[m]), len(tg.Models[m]))
			}
			for c, v := range tg.Models[m] {
				if iv := tg.Intervals[m][c]; !(math.Abs(float64(iv[0]-v)) < 1e-9 && math.Abs(float64(iv[1]-v)) < 1e-9) {
					t.Errorf("%s %s: interval %v around %v", m, c, iv, v)
				}
			}
			for ch, v := range tg.Channels[m] {
				if iv := tg.ChannelIntervals[m][ch]; !(math.Abs(float64(iv[0]-v)) < 1e-9 && math.Abs(float64(iv[1]-v)) < 1e-9) {
					t.Errorf("%s channel %s: interval %v around %v", m, ch, iv, v)
				}
			}
		}
	}
}

// twoCampaignData has n won opportunities in July, each of one lead with
// one touch on C1 (odd i) or C2 (even i), amounts 1000 + 10 i.
func twoCampaignData(n int, rng *rand.Rand) map[string]string {
	var leads, touches, opps strings.Builder
	leads.WriteString("lead_id,created_at\n")
	touches.WriteString("lead_id,campaign_id,touched_at\n")
	opps.WriteString("opportunity_id,created_at,amount,status,closed_at,lead_id\n")
	for i := range n {
		c := "C1"
		if i%2 == 0 {
			c = "C2"
		}
		if rng != nil && rng.IntN(3) == 0 {
			c = "C3"
		}
		leads.WriteString("L" + strconv.Itoa(i) + ",2026-06-01\n")
		touches.WriteString("L" + strconv.Itoa(i) + "," + c + ",2026-06-10\n")
		opps.WriteString("O" + strconv.Itoa(i) + ",2026-07-02," + strconv.Itoa(1000+10*i) + ",won,2026-07-20,L" + strconv.Itoa(i) + "\n")
	}
	return map[string]string{
		"campaigns.csv":     "campaign_id,name,channel\nC1,One,email\nC2,Two,email\nC3,Three,event\n",
		"leads.csv":         leads.String(),
		"touches.csv":       touches.String(),
		"opportunities.csv": opps.String(),
	}
}

// TestIntervalProperties: every interval holds its credit, and the
// relative width of a campaign's interval narrows as opportunities grow
// (the same mix, four times as many deals: about half as wide).
func TestIntervalProperties(t *testing.T) {
	width := map[int]map[string]float64{}
	for _, n := range []int{20, 80, 320} {
		r := analyzeJuly(t, loadFiles(t, twoCampaignData(n, rand.New(rand.NewPCG(7, 7)))), nil)
		width[n] = map[string]float64{}
		for _, tg := range []AttributionTarget{r.Attribution.Pipeline, r.Attribution.Revenue} {
			for m, ivs := range tg.Intervals {
				for c, iv := range ivs {
					v := tg.Models[m][c]
					if !(iv[0] <= v && v <= iv[1]) || iv[0] < 0 {
						t.Errorf("n=%d %s %s: %v outside %v", n, m, c, v, iv)
					}
				}
				for ch, iv := range tg.ChannelIntervals[m] {
					if v := tg.Channels[m][ch]; !(iv[0] <= v+1e-6 && v <= iv[1]+1e-6) {
						t.Errorf("n=%d %s channel %s: %v outside %v", n, m, ch, v, iv)
					}
				}
			}
		}
		for c, iv := range r.Attribution.Revenue.Intervals["linear"] {
			width[n][c] = float64(iv[1]-iv[0]) / float64(r.Attribution.Revenue.Models["linear"][c])
		}
	}
	for _, c := range []string{"C1", "C2", "C3"} {
		if !(width[80][c] < width[20][c] && width[320][c] < width[80][c]) {
			t.Errorf("%s relative widths %v, %v, %v do not narrow", c, width[20][c], width[80][c], width[320][c])
		}
		if r := width[320][c] / width[80][c]; r < 0.4 || r > 0.6 {
			t.Errorf("%s: 4x the deals gives %v of the width, want about 1/2", c, r)
		}
	}
}

// TestBands: campaigns whose intervals overlap share a band, also through
// a third; ranks within a band are not told apart.
func TestBands(t *testing.T) {
	rows := []ModelComparison{
		{CampaignID: "A", Rank: map[Model]int{"linear": 1}},
		{CampaignID: "B", Rank: map[Model]int{"linear": 2}},
		{CampaignID: "C", Rank: map[Model]int{"linear": 3}},
		{CampaignID: "D", Rank: map[Model]int{"linear": 4}},
		{CampaignID: "E", Rank: map[Model]int{"linear": 5}},
	}
	iv := map[Model]map[string]MoneyInterval{"linear": {
		"A": {900, 1100}, // alone at the top
		"B": {500, 600},  // B and D overlap only through C's wide interval
		"C": {300, 520},
		"D": {200, 350},
		"E": {0, 100.00}, // touches nothing: [0, 100] vs D's 200
	}}
	bandRows(rows, iv)
	want := map[string]RankBand{
		"A": {1, [2]int{1, 1}}, "B": {2, [2]int{2, 4}}, "C": {2, [2]int{2, 4}}, "D": {2, [2]int{2, 4}}, "E": {3, [2]int{5, 5}},
	}
	for _, r := range rows {
		if got := r.Bands["linear"]; got != want[r.CampaignID] {
			t.Errorf("%s: band %+v, want %+v", r.CampaignID, got, want[r.CampaignID])
		}
	}
	// Intervals that touch at a cent overlap.
	rows = rows[:2]
	bandRows(rows, map[Model]map[string]MoneyInterval{"linear": {"A": {600, 700}, "B": {500, 600.004}}})
	if rows[0].Bands["linear"].Band != 1 || rows[1].Bands["linear"].Band != 1 {
		t.Errorf("touching intervals: %+v, %+v", rows[0].Bands, rows[1].Bands)
	}
}

// TestIntervalsByOpportunity checks that x_o is a campaign's whole credit
// from one opportunity (two touches of C1 on O1 count as one x of 1000,
// not two of 500) and channel intervals, by hand. Linear pipeline: O1
// (1000) C1 C1; O2 (500) C2 C3. N = 2.
// C1: x = 1000, 0: T 1000, v = 250000, N v = 500000: 1000 -/+ 1.645
// sqrt(500000) = [0 (clipped), 2163.19]. C2: x = 0, 250: N v = 31250.
// email (C1, C2): x = 1000, 250: T 1250, N v = 281250.
func TestIntervalsByOpportunity(t *testing.T) {
	r := analyzeJuly(t, loadFiles(t, map[string]string{
		"campaigns.csv": "campaign_id,name,channel\nC1,One,email\nC2,Two,email\nC3,Three,webinar\n",
		"leads.csv":     "lead_id,created_at\nL1,2026-06-01\nL2,2026-06-01\n",
		"touches.csv": "lead_id,campaign_id,touched_at\nL1,C1,2026-06-10\nL1,C1,2026-06-12\n" +
			"L2,C2,2026-06-10\nL2,C3,2026-06-12\n",
		"opportunities.csv": "opportunity_id,created_at,amount,status,closed_at,lead_id\n" +
			"O1,2026-07-02,1000,open,,L1\nO2,2026-07-03,500,open,,L2\n",
	}), nil)
	p := r.Attribution.Pipeline
	near := func(name string, got MoneyInterval, lo, hi float64) {
		t.Helper()
		if !(math.Abs(float64(got[0])-lo) < 1e-9 && math.Abs(float64(got[1])-hi) < 1e-9) {
			t.Errorf("%s: %v, want [%v, %v]", name, got, lo, hi)
		}
	}
	h1, h2, he := 1.645*math.Sqrt(500000), 1.645*math.Sqrt(31250), 1.645*math.Sqrt(281250)
	near("C1", p.Intervals["linear"]["C1"], 0, 1000+h1)
	near("C2", p.Intervals["linear"]["C2"], 0, 250+h2)
	near("email", p.ChannelIntervals["linear"]["email"], 1250-he, 1250+he)
	near("webinar", p.ChannelIntervals["linear"]["webinar"], 0, 250+h2)
	// first_touch: C1 x = 1000, 0; C2 x = 0, 500: N v = 125000.
	near("C2 first touch", p.Intervals["first_touch"]["C2"], 0, 500+1.645*math.Sqrt(125000))
	near("C3 first touch", p.Intervals["first_touch"]["C3"], 0, 0)
}
