package analysis

import "testing"

// TestVerdicts checks each verdict's answer on hand-made reports: a claim
// only where the intervals (or the test) support it.
func TestVerdicts(t *testing.T) {
	tests := []struct {
		name   string
		report Report
		want   map[string]string // question -> answer
	}{
		{
			name:   "late rush claimed: 40 of 100 late, interval above an even 15%",
			report: Report{Hygiene: &Hygiene{Opportunities: 100, LateCreated: FlagTotal{Count: 40}, LateShare: fptr(0.4), ExpectedLateShare: 0.15}},
			want:   map[string]string{"Was pipeline stuffed at the end of the period?": "Possibly: a late rush"},
		},
		{
			name:   "no late rush: 17 of 100 late, interval holds 15%",
			report: Report{Hygiene: &Hygiene{Opportunities: 100, LateCreated: FlagTotal{Count: 17}, LateShare: fptr(0.17), ExpectedLateShare: 0.15}},
			want:   map[string]string{"Was pipeline stuffed at the end of the period?": "No sign of a late rush"},
		},
		{
			name: "MQL acceptance 50 of 200, one campaign clearly below",
			report: Report{Campaigns: []Campaign{
				{Name: "Good", MQLs: 100, SQLs: 40, SQLRate: fptr(0.4), SQLRateCI: wilson(40, 100)},
				{Name: "Weak", MQLs: 100, SQLs: 10, SQLRate: fptr(0.1), SQLRateCI: wilson(10, 100)},
			}},
			want: map[string]string{"Are marketing's MQLs any good?": "Sales accepted 25% of them, fewer from Weak"},
		},
		{
			name:   "white papers win less (p < 0.05)",
			report: Report{AssetTypes: []AssetType{{AssetType: "white_paper", Won: 10, Lost: 40, WinRate: fptr(0.2), BaselineWinRate: fptr(0.4), PValue: fptr(0.01), Significant: true}}},
			want:   map[string]string{"Do white papers win deals?": "No, they win less often"},
		},
		{
			name:   "white papers: too few deals",
			report: Report{AssetTypes: []AssetType{{AssetType: "white_paper", Won: 1, Lost: 2, SmallSample: true}}},
			want:   map[string]string{"Do white papers win deals?": "Too few deals to tell"},
		},
		{
			name:   "no white papers, no content verdict",
			report: Report{AssetTypes: []AssetType{{AssetType: "ebook", Won: 10, Lost: 40, WinRate: fptr(0.2), BaselineWinRate: fptr(0.22)}}},
			want:   map[string]string{"Does content win deals?": "No content type stands out"},
		},
		{
			name: "a region stands out above",
			report: Report{Totals: Totals{WinRate: fptr(0.3)}, Segments: &Segments{
				Region:   []SegmentRow{{Value: "EMEA", WinRate: fptr(0.6), Standout: "above"}, {Value: "NA", WinRate: fptr(0.3)}},
				Industry: []SegmentRow{{Value: "Retail", WinRate: fptr(0.1), Standout: "below"}},
			}},
			want: map[string]string{"What works in other regions and industries?": "Deals win more often in EMEA"},
		},
		{
			name:   "follow-up: SLA share",
			report: Report{Latency: &Latency{Handoffs: 10, Contacted: 8, SLAMinutes: 60, WithinSLA: fptr(0.4)}},
			want:   map[string]string{"Did sales follow up fast enough?": "40% met the 60 min SLA"},
		},
		{
			name:   "nothing to answer",
			report: Report{},
			want:   map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]string{}
			for _, v := range verdicts(&tt.report) {
				got[v.Question] = v.Answer
				if v.Evidence == "" || v.Section == "" {
					t.Errorf("%q has no evidence or section", v.Question)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %d verdicts %v, want %d", len(got), got, len(tt.want))
			}
			for q, a := range tt.want {
				if got[q] != a {
					t.Errorf("%q: got %q, want %q", q, got[q], a)
				}
			}
		})
	}
}
