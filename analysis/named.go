package analysis

import "slices"

// NamedCampaigns returns the ids of the campaigns the front page names (in
// a verdict or a finding), sorted and without repeats: a per-campaign table
// cut to its top and bottom rows keeps theirs too.
func (r *Report) NamedCampaigns() []string {
	var ids []string
	for _, v := range r.Verdicts {
		ids = append(ids, v.Campaigns...)
	}
	for _, f := range r.Findings {
		ids = append(ids, f.Campaigns...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
