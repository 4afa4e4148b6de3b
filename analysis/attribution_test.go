package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/campaignretro/retro/loader"
)

const day = loader.Time(microsPerDay)

// touchesAt builds journey touches at the given days on campaigns 0, 1, 2, ...
func touchesAt(days ...float64) []journeyTouch {
	out := make([]journeyTouch, len(days))
	for i, d := range days {
		out[i] = journeyTouch{At: loader.Time(d * float64(day)), Campaign: loader.ID(i)}
	}
	return out
}

func sameWeights(got, want []float64) bool {
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

func TestPositionBased(t *testing.T) {
	tests := []struct {
		n    int
		want []float64
	}{
		{1, []float64{1}},
		{2, []float64{0.5, 0.5}},
		{3, []float64{0.4, 0.2, 0.4}},
		{5, []float64{0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4}},
	}
	for _, tc := range tests {
		w := make([]float64, tc.n)
		positionBased(&journey{touches: make([]journeyTouch, tc.n)}, w)
		if !sameWeights(w, tc.want) {
			t.Errorf("n=%d: %v, want %v", tc.n, w, tc.want)
		}
	}
}

func TestWShaped(t *testing.T) {
	none := loader.NoTime
	tests := []struct {
		name         string
		days         []float64
		mql, created loader.Time
		want         []float64
	}{
		{"one touch", []float64{1}, none, 2 * day, []float64{1}},
		// Roles: first j1, mql j2 (last at or before day 2.5), created j4;
		// 0.3 each, 0.1 to the one roleless touch j3.
		{"three roles", []float64{1, 2, 3, 4}, 2*day + day/2, 5 * day, []float64{0.3, 0.3, 0.1, 0.3}},
		// No MQL: first and created take 0.45 each; 0.1 over j2, j3.
		{"no mql role", []float64{1, 2, 3, 4}, none, 5 * day, []float64{0.45, 0.05, 0.05, 0.45}},
		// MQL before every touch: no mql role either.
		{"mql before the journey", []float64{1, 2, 3}, 0, 5 * day, []float64{0.45, 0.1, 0.45}},
		// The MQL touch is also the created touch (j3): 0.3 + 0.3 on it;
		// first 0.3; 0.1 over the roleless j2 and j4.
		{"a touch holding two roles", []float64{1, 2, 3, 4}, 3 * day, 3 * day, []float64{0.3, 0.05, 0.6, 0.05}},
		// Two touches, every touch holds a role: first 0.3, j2 mql and
		// created 0.6, the 0.1 split over both role holders.
		{"every touch holds a role", []float64{1, 2}, 2 * day, 2 * day, []float64{0.35, 0.65}},
		// Revenue journeys may run past creation: created is the last touch
		// at or before it (j2); without any, first alone takes 0.9.
		{"created mid-journey", []float64{1, 2, 3}, none, 2 * day, []float64{0.45, 0.45, 0.1}},
		{"only the first role", []float64{1, 2, 3}, none, 0, []float64{0.9, 0.05, 0.05}},
		// first (j1) and mql (1.5 days: j1 again) on one touch: 0.6;
		// created j4 0.3; j2 and j3 split 0.1.
		{"first and mql on one touch", []float64{1, 2, 3, 4}, day + day/2, 4 * day, []float64{0.6, 0.05, 0.05, 0.3}},
		// The earliest mql_at counts whenever it falls: after the close it
		// is held by the last touch j5; created (day 3) by j3; j2 and j4
		// split 0.1.
		{"mql after the conversion", []float64{1, 2, 3, 4, 5}, 10 * day, 3 * day, []float64{0.3, 0.05, 0.3, 0.05, 0.3}},
		// Two touches at day 2: the last in journey order (j3) is the last
		// at or before day 2 and holds mql and created: 0.6; j1 0.3; j2 0.1.
		{"touches at the same instant", []float64{1, 2, 2}, 2 * day, 2 * day, []float64{0.3, 0.1, 0.6}},
	}
	for _, tc := range tests {
		w := make([]float64, len(tc.days))
		wShaped(touchesAt(tc.days...), tc.mql, tc.created, w)
		if !sameWeights(w, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, w, tc.want)
		}
	}
}

func TestTimeDecay(t *testing.T) {
	tests := []struct {
		name     string
		days     []float64
		halfLife float64 // days
		want     []float64
	}{
		{"one touch", []float64{3}, 7, []float64{1}},
		// Half-life 7 days, T = day 14 (or any later T, which halves every
		// weight alike): touches at day 0, 7 and 14 weigh 1/4, 1/2 and 1,
		// normalised by 1.75.
		{"whole half-lives", []float64{0, 7, 14}, 7, []float64{0.25 / 1.75, 0.5 / 1.75, 1 / 1.75}},
		// Half a half-life apart: 2^-0.5 and 1.
		{"half a half-life", []float64{0, 3.5}, 7, []float64{1 / (1 + math.Sqrt2), math.Sqrt2 / (1 + math.Sqrt2)}},
		// 2^-2000 underflows to 0 (and 2^-100000, for a T 100 days on, would
		// take the last touch with it): the last touch must take everything
		// rather than 0/0, a NaN credit that report.json cannot hold.
		{"underflow", []float64{0, 2}, 0.001, []float64{0, 1}},
	}
	for _, tc := range tests {
		w := make([]float64, len(tc.days))
		timeDecay(touchesAt(tc.days...), tc.halfLife*microsPerDay, w)
		if !sameWeights(w, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, w, tc.want)
		}
	}
}

// TestMarkovByHand solves a chain small enough for paper. Paths:
//
//	A -> B -> conv, A -> conv, B -> null, A -> null
//
// start: A 3/4, B 1/4. From A (3 visits out): B 1/3, conv 1/3, null 1/3.
// From B (2 out): conv 1/2, null 1/2. So x_B = 1/2, x_A = 1/3 + 1/3 x 1/2
// = 1/2, and P(conv) = 3/4 x 1/2 + 1/4 x 1/2 = 1/2.
// Without A: only start -> B -> conv: 1/4 x 1/2 = 1/8, removal effect
// 1 - (1/8)/(1/2) = 3/4. Without B: start -> A -> conv: 3/4 x 1/3 = 1/4,
// removal effect 1/2. Shares 3/5 and 2/5 of the attributed value 1,000.
func TestMarkovByHand(t *testing.T) {
	a, b := loader.ID(0), loader.ID(1)
	journeys := []journey{
		{touches: []journeyTouch{{Campaign: a}, {Campaign: b}}},
		{touches: []journeyTouch{{Campaign: a}, {Campaign: a}}}, // repeats collapse
	}
	non := [][]loader.ID{{b}, {a}}
	got := markovCredit(journeys, non, 3, 1000)
	if math.Abs(got[a]-600) > 1e-9 || math.Abs(got[b]-400) > 1e-9 || got[2] != 0 {
		t.Errorf("markov credit = %v, want [600 400 0]", got)
	}
}

// TestMarkovNonConvertingOnly: a campaign seen only on non-converting paths
// earns credit when its transitions lead to converting campaigns.
func TestMarkovNonConvertingOnly(t *testing.T) {
	a, b := loader.ID(0), loader.ID(1)
	journeys := []journey{{touches: []journeyTouch{{Campaign: a}}}}
	non := [][]loader.ID{{b, a}}
	got := markovCredit(journeys, non, 2, 100)
	if got[b] <= 0 || math.Abs(got[a]+got[b]-100) > 1e-9 {
		t.Errorf("markov credit = %v: B leads to A and should earn some", got)
	}
}

// TestMarkovChains solves two more chains by hand (A, B, C are campaigns
// 0, 1, 2; value 4300 and 100).
func TestMarkovChains(t *testing.T) {
	const A, B, C = 0, 1, 2
	tests := []struct {
		name                      string
		converting, nonConverting [][]loader.ID
		value                     float64
		want                      []float64
	}{
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
			value: 4300, want: []float64{2800, 700, 800},
		},
		// C only ever leads to null: removal effect and credit exactly 0.
		{
			name:       "a dead end",
			converting: [][]loader.ID{{A}}, nonConverting: [][]loader.ID{{C}},
			value: 100, want: []float64{100, 0, 0},
		},
	}
	for _, tc := range tests {
		var journeys []journey
		for _, p := range tc.converting {
			var j journey
			for _, c := range p {
				j.touches = append(j.touches, journeyTouch{Campaign: c})
			}
			journeys = append(journeys, j)
		}
		got := markovCredit(journeys, tc.nonConverting, 3, tc.value)
		if !nearly(got, tc.want, 1e-9) || got[2] != tc.want[2] && tc.want[2] == 0 {
			t.Errorf("%s: credit %v, want %v", tc.name, got, tc.want)
		}
	}
}

// nearly reports whether got and want agree within tol (NaN never does).
func nearly(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !(math.Abs(got[i]-want[i]) <= tol) {
			return false
		}
	}
	return true
}

// TestAttributionReconciles is a property over random data sets: in every
// model, credits + unattributed = the total, for pipeline and revenue.
func TestAttributionReconciles(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for iter := range 150 {
		var camp, leads, touches, opps strings.Builder
		camp.WriteString("campaign_id,name,channel\n")
		nc := 1 + rng.IntN(6)
		for c := range nc {
			fmt.Fprintf(&camp, "C%d,Campaign %d,%s\n", c, c, []string{"email", "event", "webinar"}[rng.IntN(3)])
		}
		leads.WriteString("lead_id,created_at,mql_at\n")
		touches.WriteString("lead_id,campaign_id,touched_at\n")
		nl := 1 + rng.IntN(12)
		for l := range nl {
			mql := ""
			if rng.IntN(2) == 0 {
				mql = fmt.Sprintf("2026-%02d-%02d", 6+rng.IntN(4), 1+rng.IntN(28))
			}
			fmt.Fprintf(&leads, "L%d,2026-06-01,%s\n", l, mql)
			for range rng.IntN(6) {
				fmt.Fprintf(&touches, "L%d,C%d,2026-%02d-%02dT%02d:00:00Z\n", l, rng.IntN(nc+1), 5+rng.IntN(5), 1+rng.IntN(28), rng.IntN(24))
			}
		}
		opps.WriteString("opportunity_id,created_at,amount,status,closed_at,lead_id\n")
		for o := range rng.IntN(8) {
			status, closed := "open", ""
			if k := rng.IntN(3); k > 0 {
				status, closed = []string{"", "won", "lost"}[k], fmt.Sprintf("2026-09-%02d", 1+rng.IntN(28))
			}
			fmt.Fprintf(&opps, "O%d,2026-%02d-%02d,%d,%s,%s,L%d\n", o, 7+rng.IntN(2), 1+rng.IntN(28), rng.IntN(100000), status, closed, rng.IntN(nl))
		}
		r := analyzeQ3(t, loadFiles(t, map[string]string{
			"campaigns.csv": camp.String(), "leads.csv": leads.String(), "touches.csv": touches.String(), "opportunities.csv": opps.String(),
		}), 30+rng.IntN(150))
		for name, tg := range map[string]AttributionTarget{"pipeline": r.Attribution.Pipeline, "revenue": r.Attribution.Revenue} {
			for _, m := range Models {
				sum := 0.0
				for _, v := range tg.Models[m] {
					sum += float64(v)
				}
				if tol := 1e-6 * (1 + float64(tg.Total)); math.Abs(sum+float64(tg.Unattributed)-float64(tg.Total)) > tol {
					t.Fatalf("data set %d, %s, %s: credits %v + unattributed %v != total %v", iter, name, m, sum, tg.Unattributed, tg.Total)
				}
			}
		}
	}
}

func TestOrigin(t *testing.T) {
	files := map[string]string{
		"campaigns.csv": "campaign_id,name,channel\nC1,Webinar,webinar\n",
		"leads.csv": `lead_id,created_at,origin
LP,2026-07-01,partner
LT,2026-07-01T00:00:00Z,
LS,2026-07-01T00:00:00Z,
LN,2026-07-01,
LA,2026-07-01,
LB,2026-06-01,
`,
		// LT's first touch is exactly a day after creation (marketing); LS's
		// a day and a second after (sales); LN has none (sales).
		"touches.csv": "lead_id,campaign_id,touched_at\nLT,C1,2026-07-02T00:00:00Z\nLS,C1,2026-07-02T00:00:01Z\n",
		"opportunities.csv": `opportunity_id,created_at,amount,status,closed_at,lead_id,origin
O_OPP,2026-07-10,1,open,,LS,Partner
O_LEAD,2026-07-10,10,open,,LP,
O_TOUCH,2026-07-10,100,open,,LT,
O_LATE,2026-07-10,1000,open,,LS,
O_NONE,2026-07-10,10000,open,,LN,
O_UNKNOWN,2026-07-10,100000,open,,LX,
O_CONTACTS,2026-07-10,1000000,open,,,
`,
		// O_CONTACTS has no primary lead: the earliest-created of its people
		// is LB (June), which has no origin and no touch: sales.
		"opportunity_contacts.csv": "opportunity_id,lead_id\nO_CONTACTS,LA\nO_CONTACTS,LB\n",
	}
	r := analyzeQ3(t, loadFiles(t, files), 180)
	p := r.Sourcing.Pipeline
	// partner: O_OPP (its own origin) + O_LEAD (its lead's) = 11.
	// marketing: O_TOUCH = 100. sales: O_LATE, O_NONE, O_UNKNOWN, O_CONTACTS.
	if p.PartnerSourced.Amount != 11 || p.MarketingSourced.Amount != 100 || p.SalesSourced.Amount != 1111000 || p.OtherSourced.Count != 0 {
		t.Errorf("sourcing: %+v", p)
	}
	// Touched (within created - W .. as_of): the LT and LS opportunities.
	if p.MarketingTouched == nil || p.MarketingTouched.Amount != 1101 {
		t.Errorf("marketing touched: %+v", p.MarketingTouched)
	}
}
