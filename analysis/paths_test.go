package analysis

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestPathAttribution credits a path file by hand. Rows (value split over
// the row's conversions): "google ads" 2 conversions worth 300 and 1 null;
// "mailing" 1 worth 100; "google ads > mailing" 1 worth 100.
// Markov (the chain of Serhii Puzyrov's removal-effect example): start ->
// g 4/5, m 1/5; g -> conv 1/2, m 1/4, null 1/4; m -> conv. x(m) = 1,
// x(g) = 3/4, P = 4/5. Without g: P = 1/5, removal 3/4; without m: x(g)
// = 1/2, P = 2/5, removal 1/2. Shares 3/5 and 2/5 of 500.
func TestPathAttribution(t *testing.T) {
	ds := loadFiles(t, map[string]string{"paths.csv": "path,total_conversions,total_conversion_value,total_null\n" +
		"Google Ads,2,300,1\nmailing,1,100,0\ngoogle ads > mailing,1,100,0\n"})
	r, err := Analyze(ds, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	p := r.Attribution.Paths
	if p == nil || p.Total != 500 || p.Attributed != 500 || p.Unattributed != 0 || p.Conversions != 4 || p.NullJourneys != 1 || p.Measure != "value" {
		t.Fatalf("paths %+v", p)
	}
	want := map[Model][2]float64{ // google ads, mailing
		"first_touch":    {400, 100},
		"last_touch":     {300, 200},
		"linear":         {350, 150},
		"position_based": {350, 150},
		"j_shaped":       {325, 175},
		"inverse_j":      {375, 125},
		"markov":         {300, 200},
	}
	if len(p.Models) != len(want) {
		t.Errorf("models %v", p.Models)
	}
	for m, w := range want {
		got := p.Models[m]
		if len(got) != 2 || !(math.Abs(float64(got["google ads"])-w[0]) < 1e-9) || !(math.Abs(float64(got["mailing"])-w[1]) < 1e-9) {
			t.Errorf("%s: %v, want google ads %v, mailing %v", m, got, w[0], w[1])
		}
	}
	if !slicesEqual(p.Channels, []string{"google ads", "mailing"}) {
		t.Errorf("channels %v", p.Channels)
	}
	// report.json: every other section null, pipeline and revenue too.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var js map[string]json.RawMessage
	if err := json.Unmarshal(b, &js); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"period", "totals", "campaigns", "latency", "sourcing", "hygiene", "lead_quality", "segments", "trend", "previous"} {
		if string(js[k]) != "null" {
			t.Errorf("%s = %s, want null", k, js[k])
		}
	}
	var attr map[string]json.RawMessage
	json.Unmarshal(js["attribution"], &attr)
	if string(attr["pipeline"]) != "null" || string(attr["revenue"]) != "null" || !bytes.Contains(attr["paths"], []byte(`"total":500`)) {
		t.Errorf("attribution = %s", js["attribution"])
	}
	// A report from CRM files has no paths key.
	r2 := analyzeJuly(t, loadFiles(t, journeyData), nil)
	b, _ = json.Marshal(r2)
	if bytes.Contains(b, []byte(`"paths"`)) || !bytes.Contains(b, []byte(`"totals":{`)) {
		t.Errorf("CRM report.json changed shape")
	}
}

// TestPathAttributionConversions: without a value column the credit is in
// conversions. "x > y > x" (2 conversions): linear x 4/3, y 2/3;
// j_shaped n = 3: x 0.2 + 0.6, y 0.2; position_based x 0.8, y 0.2. "y" (1).
func TestPathAttributionConversions(t *testing.T) {
	ds := loadFiles(t, map[string]string{"p.csv": "path;total_conversions\nx > y > x;2\ny;1\n"})
	opts := DefaultOptions()
	opts.Model = "w_shaped"
	r, err := Analyze(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	p := r.Attribution.Paths
	if p.Total != 3 || p.Measure != "conversions" {
		t.Fatalf("%+v", p)
	}
	for m, w := range map[Model][2]float64{"linear": {4.0 / 3, 2.0/3 + 1}, "j_shaped": {1.6, 1.4}, "position_based": {1.6, 1.4}, "first_touch": {2, 1}} {
		if got := p.Models[m]; !(math.Abs(float64(got["x"])-w[0]) < 1e-9 && math.Abs(float64(got["y"])-w[1]) < 1e-9) {
			t.Errorf("%s: %v, want x %v y %v", m, got, w[0], w[1])
		}
	}
	// Markov, repeats kept as transitions: start -> x 2/3, y 1/3; x -> y
	// 1/2, conv 1/2; y -> x 2/3, conv 1/3: P = 1. Without x: 1/3 x 1/3 =
	// 1/9, removal 8/9; without y: 2/3 x 1/2 = 1/3, removal 2/3. Shares
	// 4/7 and 3/7 of 3.
	if got := p.Models["markov"]; !(math.Abs(float64(got["x"])-12.0/7) < 1e-9 && math.Abs(float64(got["y"])-9.0/7) < 1e-9) {
		t.Errorf("markov %v", got)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "w_shaped") {
		t.Errorf("warnings %v", r.Warnings)
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPathJourneyLimit: a file standing for more journeys than Markov can
// replay fails with the file's name.
func TestPathJourneyLimit(t *testing.T) {
	ds := loadFiles(t, map[string]string{"p.csv": "path,total_conversions,total_null\na > b,30000000,30000000\n"})
	if _, err := Analyze(ds, DefaultOptions()); err == nil || !strings.Contains(err.Error(), "p.csv: 60000000 journeys") {
		t.Errorf("err = %v", err)
	}
}
