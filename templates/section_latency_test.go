package templates

import (
	"strings"
	"testing"

	"github.com/campaignretro/retro/analysis"
)

func TestLatencySection(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	buckets := func(leads ...int) []analysis.LatencyBucket {
		var bs []analysis.LatencyBucket
		for i, name := range analysis.LatencyBuckets {
			bs = append(bs, analysis.LatencyBucket{Bucket: name, Leads: leads[i]})
		}
		return bs
	}
	cases := []struct {
		name     string
		report   analysis.Report
		want     []string // in report.md
		wantNot  []string // not in report.md
		htmlWant []string
		htmlNot  []string
	}{
		{
			name:   "no activities.csv",
			report: analysis.Report{Missing: []analysis.MissingSection{{Section: "latency", Needs: "activities.csv"}}},
			want:   []string{"## Follow-up speed\n\nThis section needs activities.csv"},
		},
		{
			name:   "no handoffs",
			report: analysis.Report{Latency: &analysis.Latency{Handoff: "created_at", SLAMinutes: 60, Buckets: buckets(0, 0, 0, 0, 0, 0)}},
			want:   []string{"No lead was handed off to sales in the period: no lead was created (the input has no MQL dates) in it."},
		},
		{
			// Contacted only at the handoff instant: a log axis cannot show
			// 0 minutes, so the page falls back to the within chart.
			name: "no touches.csv, curve only at zero",
			report: analysis.Report{
				Missing: []analysis.MissingSection{{Section: "latency.by_campaign", Needs: "touches.csv"}},
				Latency: &analysis.Latency{
					Handoff: "mql_at", SLAMinutes: 30, Handoffs: 2, Contacted: 1, MedianMinutes: f(0),
					Within:  analysis.LatencyWithin{Min5: f(0.5), Hour1: f(0.5), Hour24: f(0.5), Day7: f(0.5)},
					Buckets: buckets(1, 0, 0, 0, 0, 1), Curve: []analysis.CurveStep{{Minutes: 0, ContactedShare: 0.5}},
				},
			},
			want: []string{
				"Half of the 2 handoffs were contacted within 0 s and n/a within the 30 min SLA; 1 handoff was never contacted.",
				"| 2 | 1 | 1 | 0 s | not reached | not reached | n/a |",
				"### By campaign\n\nThis section needs touches.csv",
			},
			htmlWant: []string{`id="latency-within"`},
			htmlNot:  []string{`id="latency-curve"`},
		},
		{
			name: "speed pays",
			report: analysis.Report{Latency: &analysis.Latency{
				Handoff: "mql_at", SLAMinutes: 60, Handoffs: 200, Contacted: 190, MedianMinutes: f(90),
				Buckets: buckets(50, 50, 40, 30, 20, 10),
				Curve:   []analysis.CurveStep{{Minutes: 1, ContactedShare: 0.1}, {Minutes: 90, ContactedShare: 0.5}},
				Takeaway: &analysis.LatencyTakeaway{FastLeads: 100, SlowLeads: 50, FastRate: 0.4, SlowRate: 0.1,
					FastRateCI: analysis.Interval{0.31, 0.5}, SlowRateCI: analysis.Interval{0.04, 0.21}, Ratio: f(4), Significant: true},
				ByOwner: []analysis.LatencyGroup{{Key: "(none)", Handoffs: 5}, {Key: "Ann <b>", Handoffs: 40, MedianMinutes: f(3000), WithinSLA: f(0.25)}},
			}},
			want: []string{
				"against 10% (4–21%) for leads first contacted after more than a day: 4x the rate, a gap too large to be chance.",
				"| (no owner) | 5 | 0 | _not reached (small sample)_ | n/a |",
				"| Ann &lt;b&gt; | 40 | 0 | 2.1 days | 25% |",
			},
			wantNot:  []string{"Small samples"},
			htmlWant: []string{`id="latency-curve"`, `"type":"log"`},
			htmlNot:  []string{`id="latency-within"`},
		},
		{
			name: "not significant",
			report: analysis.Report{Latency: &analysis.Latency{
				Handoff: "mql_at", SLAMinutes: 60, Handoffs: 4, Contacted: 4, Buckets: buckets(1, 1, 0, 1, 1, 0),
				Takeaway: &analysis.LatencyTakeaway{FastLeads: 2, SlowLeads: 2, FastRate: 0.5, SlowRate: 0,
					FastRateCI: analysis.Interval{0.09, 0.91}, SlowRateCI: analysis.Interval{0, 0.66}},
			}},
			want: []string{"the 95% intervals overlap, so these handoffs do not show that speed pays. (Small samples: 2 handoffs fast, 2 handoffs slow.)"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newDocument("")
			latencySection(d, &c.report)
			md := string(Markdown(d, Options{}))
			for _, w := range c.want {
				if !strings.Contains(md, w) {
					t.Errorf("report.md lacks %q:\n%s", w, md)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(md, w) {
					t.Errorf("report.md has %q", w)
				}
			}
			if c.htmlWant == nil && c.htmlNot == nil {
				return
			}
			html, err := HTML(&c.report, d)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.htmlWant {
				if !strings.Contains(string(html), w) {
					t.Errorf("report.html lacks %q", w)
				}
			}
			for _, w := range c.htmlNot {
				if strings.Contains(string(html), w) {
					t.Errorf("report.html has %q", w)
				}
			}
		})
	}
}
