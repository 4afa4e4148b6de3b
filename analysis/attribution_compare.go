package analysis

import (
	"cmp"
	"math"
	"slices"

	"github.com/campaignretro/retro/loader"
)

// campaignCredits puts the models side by side for every campaign that any
// model's map names: credits, their range, and ranks. Rows are sorted by
// credit under the default model (in cents), largest first, then
// campaign_id.
func (s *scope) campaignCredits(credits map[string][]float64, listed func(model string, c int) bool) []CampaignCredit {
	var ids []loader.ID
	for c := range s.ds.Campaigns {
		for _, model := range Models {
			if listed(model, c) {
				ids = append(ids, loader.ID(c))
				break
			}
		}
	}
	value := func(model string, c loader.ID) float64 {
		if v := credits[model]; v != nil {
			return v[c]
		}
		return 0
	}
	// rankOf[model] gives the rank of a credit in cents: 1 + the number of
	// campaigns with more.
	rankOf := map[string]func(float64) int{}
	for _, model := range Models {
		cents := make([]float64, len(ids))
		for i, c := range ids {
			cents[i] = RoundCents(value(model, c))
		}
		slices.SortFunc(cents, func(a, b float64) int { return cmp.Compare(b, a) })
		rankOf[model] = func(v float64) int {
			i, _ := slices.BinarySearchFunc(cents, RoundCents(v), func(e, t float64) int { return cmp.Compare(t, e) })
			return i + 1
		}
	}
	rows := make([]CampaignCredit, 0, len(ids))
	for _, c := range ids {
		row := CampaignCredit{
			CampaignID: s.campaignName(c), Name: s.ds.Campaigns[c].Name, Channel: s.campaignChannel[c],
			Credit: map[string]Money{}, Rank: map[string]int{},
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, model := range Models {
			v := value(model, c)
			row.Credit[model] = Money(v)
			row.Rank[model] = rankOf[model](v)
			lo, hi = min(lo, v), max(hi, v)
			if row.Rank[model] != row.Rank[Models[0]] {
				row.RankChanges = true
			}
		}
		row.Min, row.Max, row.Spread = Money(lo), Money(hi), Money(hi-lo)
		rows = append(rows, row)
	}
	def := s.opts.Model
	slices.SortFunc(rows, func(a, b CampaignCredit) int {
		if c := cmp.Compare(RoundCents(float64(b.Credit[def])), RoundCents(float64(a.Credit[def]))); c != 0 {
			return c
		}
		return cmp.Compare(a.CampaignID, b.CampaignID)
	})
	return rows
}

// channelCredits puts the models side by side per channel, sorted by credit
// under model def (in cents), largest first, then channel.
func channelCredits(channels map[string]map[string]Money, def string) []ChannelCredit {
	var names []string
	for _, model := range Models {
		for ch := range channels[model] {
			if !slices.Contains(names, ch) {
				names = append(names, ch)
			}
		}
	}
	rows := make([]ChannelCredit, 0, len(names))
	for _, ch := range names {
		row := ChannelCredit{Channel: ch, Credit: map[string]Money{}}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, model := range Models {
			v := channels[model][ch]
			row.Credit[model] = v
			lo, hi = min(lo, float64(v)), max(hi, float64(v))
		}
		row.Min, row.Max, row.Spread = Money(lo), Money(hi), Money(hi-lo)
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b ChannelCredit) int {
		if c := cmp.Compare(RoundCents(float64(b.Credit[def])), RoundCents(float64(a.Credit[def]))); c != 0 {
			return c
		}
		return cmp.Compare(a.Channel, b.Channel)
	})
	return rows
}

// reconcile checks, for each model, that credits plus unattributed make the
// total, both from unrounded values and as printed.
func reconcile(t AttributionTarget, credits map[string][]float64, listed func(model string, c int) bool) []Reconciliation {
	out := make([]Reconciliation, 0, len(Models))
	for _, model := range Models {
		credited, shown, n := 0.0, 0.0, 0
		for c, v := range credits[model] {
			if listed(model, c) {
				credited += v
				shown += RoundCents(v)
				n++
			}
		}
		r := Reconciliation{
			Model: model, Credited: Money(credited), Unattributed: t.Unattributed, Total: t.Total,
			Difference:      Money(credited + float64(t.Unattributed) - float64(t.Total)),
			ShownDifference: Money(shown + RoundCents(float64(t.Unattributed)) - RoundCents(float64(t.Total))),
			Tolerance:       Money(0.01 * float64(n+1)),
		}
		const eps = 1e-6 // float noise on sums of cents
		r.Reconciled = math.Abs(float64(r.Difference)) < 0.005 && math.Abs(float64(r.ShownDifference)) <= float64(r.Tolerance)+eps
		out = append(out, r)
	}
	return out
}
