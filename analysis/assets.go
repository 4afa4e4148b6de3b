package analysis

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/campaignretro/retro/loader"
)

// AssetType is one row of SPEC section 5: do deals touched by this kind of
// content win more or less often than the closed deals it did not touch, and
// how many names does it collect?
type AssetType struct {
	AssetType         string    `json:"asset_type"`
	Opportunities     int       `json:"opportunities"`
	Won               int       `json:"won"`
	Lost              int       `json:"lost"`
	WinRate           *float64  `json:"win_rate"`
	WinRateCI         *Interval `json:"win_rate_ci"`
	BaselineWinRate   *float64  `json:"baseline_win_rate"`
	BaselineWinRateCI *Interval `json:"baseline_win_rate_ci"`
	Lift              *float64  `json:"lift"`
	PValue            *float64  `json:"p_value"`
	Revenue           Money     `json:"revenue"`
	Leads             int       `json:"leads"`
	MQLRate           *float64  `json:"mql_rate"`
	MQLRateCI         *Interval `json:"mql_rate_ci"`
	OppRate           *float64  `json:"opp_rate"`
	OppRateCI         *Interval `json:"opp_rate_ci"`
	// SmallSample is true when the deal side rests on fewer than
	// SmallSample opportunities; such a type is never ranked.
	SmallSample bool `json:"small_sample"`
	// SmallLeads is true when the lead side rests on fewer than SmallSample leads.
	SmallLeads bool `json:"small_leads"`
	// Significant is true when p_value < 0.05.
	Significant bool `json:"significant"`
	// Verdict marks the clearest loser ("wins_less": the lowest lift below 1)
	// and the clearest winner ("wins_more": the highest lift above 1) among
	// the significant types with enough deals; empty for the others.
	Verdict AssetVerdict `json:"verdict,omitempty"`
}

// AssetVerdict marks an asset type that clearly wins less or more often
// than the closed deals it did not touch.
type AssetVerdict string

// The verdicts of asset types.
const (
	VerdictWinsLess AssetVerdict = "wins_less"
	VerdictWinsMore AssetVerdict = "wins_more"
)

// AssetRow is one asset of assets.csv: the names it collected and the deals
// it touched. Rows are ranked by touched won revenue in cents (as shown, so
// float noise in a sum cannot reorder equal amounts), then asset_id.
type AssetRow struct {
	AssetID       string    `json:"asset_id"`
	Name          string    `json:"name"`
	AssetType     string    `json:"asset_type"`
	Leads         int       `json:"leads"`
	MQLRate       *float64  `json:"mql_rate"`
	Opportunities int       `json:"opportunities"`
	Won           int       `json:"won"`
	Lost          int       `json:"lost"`
	WinRate       *float64  `json:"win_rate"`
	WinRateCI     *Interval `json:"win_rate_ci"`
	Revenue       Money     `json:"revenue"`
}

// ClosedDeals summarises the closed opportunities of P that asset types are
// measured against.
type ClosedDeals struct {
	Closed  int      `json:"closed"`
	Won     int      `json:"won"`
	WinRate *float64 `json:"win_rate"`
}

// assetNeeds is what SPEC section 5 needs and the input lacks: assets.csv
// and touches.csv with its asset_id column; empty when nothing is missing.
func (s *scope) assetNeeds() string {
	if missing := needs(s.ds, loader.AssetsFile, loader.TouchesFile); missing != "" {
		return missing
	}
	if !s.ds.HasColumn[loader.TouchesFile+".asset_id"] {
		return "the asset_id column of touches.csv"
	}
	return ""
}

// assetTypes computes SPEC section 5 and the per-asset table.
func (s *scope) assetTypes() ([]AssetType, []AssetRow, *ClosedDeals) {
	ds := s.ds
	// Asset types of assets.csv, sorted; typeOf maps an asset to its type.
	var typeNames []string
	index := map[string]int{}
	for _, a := range ds.Assets {
		if a.Known {
			if _, ok := index[a.Type]; !ok {
				index[a.Type] = 0
				typeNames = append(typeNames, a.Type)
			}
		}
	}
	sort.Strings(typeNames)
	for i, n := range typeNames {
		index[n] = i
	}
	typeOf := make([]int, len(ds.Assets))
	for a, asset := range ds.Assets {
		typeOf[a] = -1
		if asset.Known {
			typeOf[a] = index[asset.Type]
		}
	}

	type deals struct {
		won, lost int
		revenue   float64
	}
	byType := make([]deals, len(typeNames))
	byAsset := make([]deals, len(ds.Assets))
	typeStamp := make([]int32, len(typeNames))
	assetStamp := make([]int32, len(ds.Assets))
	var all deals
	for o, opp := range ds.Opportunities {
		if opp.Status == loader.Open || !s.inP(opp.ClosedAt) {
			continue
		}
		won := opp.Status == loader.Won
		count := func(d *deals) {
			if won {
				d.won++
				d.revenue += opp.Amount
			} else {
				d.lost++
			}
		}
		count(&all)
		lo, hi := s.lookbackStart(o), opp.ClosedAt
		for _, p := range ds.PeopleOf(o) {
			for _, touch := range touchesIn(ds.PersonTouches(p), lo, hi) {
				a := touch.Asset
				if a == loader.NoID || typeOf[a] < 0 {
					continue
				}
				if assetStamp[a] != int32(o)+1 {
					assetStamp[a] = int32(o) + 1
					count(&byAsset[a])
				}
				if t := typeOf[a]; typeStamp[t] != int32(o)+1 {
					typeStamp[t] = int32(o) + 1
					count(&byType[t])
				}
			}
		}
	}

	// The lead side: leads created in P, by the asset of their first touch.
	type leadCounts struct{ leads, mqls, opps int }
	leadsByType := make([]leadCounts, len(typeNames))
	leadsByAsset := make([]leadCounts, len(ds.Assets))
	for pi, lead := range ds.Leads {
		if !lead.Known || !s.inP(lead.CreatedAt) {
			continue
		}
		ts := ds.PersonTouches(loader.ID(pi))
		if len(ts) == 0 || ts[0].Asset == loader.NoID || typeOf[ts[0].Asset] < 0 {
			continue
		}
		mql, opp := lead.MQLAt != loader.NoTime, len(s.oppsOf(loader.ID(pi))) > 0
		for _, n := range []*leadCounts{&leadsByType[typeOf[ts[0].Asset]], &leadsByAsset[ts[0].Asset]} {
			n.leads++
			if mql {
				n.mqls++
			}
			if opp {
				n.opps++
			}
		}
	}

	types := make([]AssetType, len(typeNames))
	for t, d := range byType {
		n, l := d.won+d.lost, leadsByType[t]
		bw, bl := all.won-d.won, all.lost-d.lost
		row := AssetType{
			AssetType: typeNames[t], Opportunities: n, Won: d.won, Lost: d.lost,
			WinRate: ratio(d.won, n), WinRateCI: wilson(d.won, n),
			BaselineWinRate: ratio(bw, bw+bl), BaselineWinRateCI: wilson(bw, bw+bl),
			PValue:  twoProportionP(d.won, n, bw, bw+bl),
			Revenue: Money(d.revenue),
			Leads:   l.leads, MQLRate: ratio(l.mqls, l.leads), MQLRateCI: wilson(l.mqls, l.leads),
			OppRate: ratio(l.opps, l.leads), OppRateCI: wilson(l.opps, l.leads),
		}
		row.SmallSample, row.SmallLeads = row.Win().Small(), row.MQL().Small()
		if row.WinRate != nil && row.BaselineWinRate != nil && *row.BaselineWinRate > 0 {
			row.Lift = div(*row.WinRate, *row.BaselineWinRate)
		}
		row.Significant = row.PValue != nil && *row.PValue < 0.05
		types[t] = row
	}

	markVerdicts(types)

	var assets []AssetRow
	for a, asset := range ds.Assets {
		if !asset.Known {
			continue
		}
		d, l := byAsset[a], leadsByAsset[a]
		n := d.won + d.lost
		assets = append(assets, AssetRow{
			AssetID: ds.AssetIDs.Names[a], Name: asset.Name, AssetType: asset.Type,
			Leads: l.leads, MQLRate: ratio(l.mqls, l.leads),
			Opportunities: n, Won: d.won, Lost: d.lost, WinRate: ratio(d.won, n), WinRateCI: wilson(d.won, n),
			Revenue: Money(d.revenue),
		})
	}
	slices.SortStableFunc(assets, func(a, b AssetRow) int {
		if c := cmp.Compare(RoundCents(float64(b.Revenue)), RoundCents(float64(a.Revenue))); c != 0 {
			return c
		}
		return cmp.Compare(a.AssetID, b.AssetID)
	})
	closed := all.won + all.lost
	return types, assets, &ClosedDeals{Closed: closed, Won: all.won, WinRate: ratio(all.won, closed)}
}

// twoProportionP is the two-sided p-value of the pooled two-proportion
// z-test of x1/n1 against x2/n2: nil when either group is empty, 1 when the
// pooled rate is 0 or 1.
func twoProportionP(x1, n1, x2, n2 int) *float64 {
	if n1 == 0 || n2 == 0 {
		return nil
	}
	pooled := float64(x1+x2) / float64(n1+n2)
	if pooled == 0 || pooled == 1 {
		one := 1.0
		return &one
	}
	se := math.Sqrt(pooled * (1 - pooled) * (1/float64(n1) + 1/float64(n2)))
	z := (float64(x1)/float64(n1) - float64(x2)/float64(n2)) / se
	p := math.Erfc(math.Abs(z) / math.Sqrt2)
	return &p
}

// markVerdicts sets the Verdict of the clearest loser and winner.
func markVerdicts(types []AssetType) {
	loser, winner := -1, -1
	for i, t := range types {
		if t.SmallSample || !t.Significant || t.Lift == nil {
			continue
		}
		if *t.Lift < 1 && (loser < 0 || *t.Lift < *types[loser].Lift) {
			loser = i
		}
		if *t.Lift > 1 && (winner < 0 || *t.Lift > *types[winner].Lift) {
			winner = i
		}
	}
	if loser >= 0 {
		types[loser].Verdict = VerdictWinsLess
	}
	if winner >= 0 {
		types[winner].Verdict = VerdictWinsMore
	}
}
