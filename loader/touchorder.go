package loader

import (
	"cmp"
	"slices"
	"sort"
)

// TouchOrder compares touches in the SPEC's touch order: touched_at, then
// campaign_id, then lead_id. asset_id, the SPEC's last key, never decides:
// touches are de-duplicated on (lead, campaign, instant).
type TouchOrder struct {
	rank  []int32  // campaign ID -> position in campaign_id order
	leads []string // person ID -> lead_id
}

// NewTouchOrder returns the touch order of ds's campaigns and people.
func NewTouchOrder(ds *Dataset) TouchOrder {
	return TouchOrder{rank: CampaignRanks(ds), leads: ds.People.Names}
}

// Compare returns -1, 0 or 1 as touch a comes before, with or after touch b.
func (o TouchOrder) Compare(a, b Touch) int {
	if c := cmp.Compare(a.At, b.At); c != 0 {
		return c
	}
	if a.Campaign != b.Campaign {
		return cmp.Compare(o.rank[a.Campaign], o.rank[b.Campaign])
	}
	if a.Lead == b.Lead {
		return 0
	}
	return cmp.Compare(o.leads[a.Lead], o.leads[b.Lead])
}

// sortPerson sorts one person's touches (one lead) in touch order, file
// order among ties: by insertion with the order written out for the short
// runs a person has, by SortFunc for a long one.
func (o TouchOrder) sortPerson(seg []Touch) {
	if len(seg) > 24 {
		slices.SortFunc(seg, func(a, b Touch) int {
			return cmp.Or(o.Compare(a, b), cmp.Compare(a.row, b.row))
		})
		return
	}
	rank := o.rank
	for i := 1; i < len(seg); i++ {
		t := seg[i]
		j := i
		for ; j > 0; j-- {
			u := seg[j-1]
			if u.At < t.At || u.At == t.At && (u.Campaign != t.Campaign && rank[u.Campaign] < rank[t.Campaign] || u.Campaign == t.Campaign && u.row < t.row) {
				break
			}
			seg[j] = u
		}
		seg[j] = t
	}
}

// CampaignRanks returns, for each campaign ID, its position in campaign_id order.
func CampaignRanks(ds *Dataset) []int32 {
	order := make([]int32, ds.CampaignIDs.Len())
	for i := range order {
		order[i] = int32(i)
	}
	names := ds.CampaignIDs.Names
	sort.Slice(order, func(i, j int) bool { return names[order[i]] < names[order[j]] })
	rank := make([]int32, len(order))
	for r, c := range order {
		rank[c] = int32(r)
	}
	return rank
}
