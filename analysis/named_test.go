package analysis

import (
	"slices"
	"testing"
)

// TestNamedCampaigns checks that the campaigns verdicts and findings name
// come back once each, sorted.
func TestNamedCampaigns(t *testing.T) {
	r := &Report{
		Verdicts: []Verdict{{Question: "q", Campaigns: []string{"C9"}}, {Question: "p"}},
		Findings: []Finding{{Kind: "a", Campaigns: []string{"C2", "C9"}}, {Kind: "b", Campaigns: []string{"C10"}}},
	}
	if got, want := r.NamedCampaigns(), []string{"C10", "C2", "C9"}; !slices.Equal(got, want) {
		t.Errorf("NamedCampaigns() = %v, want %v", got, want)
	}
	if got := (&Report{}).NamedCampaigns(); len(got) != 0 {
		t.Errorf("no verdict or finding: %v", got)
	}
}
