package loader

import "testing"

// TestTouchOrder checks the SPEC's touch order on ids interned out of
// order, so that interning order cannot pass for campaign_id or lead_id
// order.
func TestTouchOrder(t *testing.T) {
	ds := &Dataset{}
	cB, cA := ds.CampaignIDs.Intern("C-B"), ds.CampaignIDs.Intern("C-A")
	lZ, lY := ds.People.Intern("L-Z"), ds.People.Intern("L-Y")
	order := NewTouchOrder(ds)
	for _, tc := range []struct {
		name string
		a, b Touch
		want int
	}{
		{"earlier touched_at first", Touch{At: 1, Campaign: cA, Lead: lY}, Touch{At: 2, Campaign: cB, Lead: lZ}, -1},
		{"later touched_at last", Touch{At: 3, Campaign: cA, Lead: lY}, Touch{At: 2, Campaign: cB, Lead: lZ}, 1},
		{"same instant: campaign_id, not interning order", Touch{At: 2, Campaign: cA, Lead: lZ}, Touch{At: 2, Campaign: cB, Lead: lY}, -1},
		{"same instant and campaign: lead_id", Touch{At: 2, Campaign: cB, Lead: lZ}, Touch{At: 2, Campaign: cB, Lead: lY}, 1},
		{"asset_id never decides", Touch{At: 2, Campaign: cB, Lead: lY, Asset: 1}, Touch{At: 2, Campaign: cB, Lead: lY, Asset: 0}, 0},
	} {
		if got := order.Compare(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: Compare = %d, want %d", tc.name, got, tc.want)
		}
		if got := order.Compare(tc.b, tc.a); got != -tc.want {
			t.Errorf("%s: Compare reversed = %d, want %d", tc.name, got, -tc.want)
		}
	}
}
