package templates

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// typeLabel writes an asset type for readers: white_paper -> white paper.
func typeLabel(t string) string { return strings.ReplaceAll(t, "_", " ") }

// typePlural writes an asset type in the plural: white papers, demos.
func typePlural(t string) string {
	l := typeLabel(t)
	switch {
	case strings.HasSuffix(l, "s"):
		return l
	case strings.HasSuffix(l, "y") && !strings.HasSuffix(l, "ey"):
		return strings.TrimSuffix(l, "y") + "ies"
	}
	return l + "s"
}

// pValue writes a p-value: "p < 0.001", "p = 0.03".
func pValue(p *float64) string {
	switch {
	case p == nil:
		return "n/a"
	case *p < 0.001:
		return "p < 0.001"
	case *p < 0.01:
		return "p = " + strconv.FormatFloat(*p, 'f', 3, 64)
	}
	return "p = " + strconv.FormatFloat(*p, 'f', 2, 64)
}

// assetTypesSection writes "Content that wins" (SPEC 5).
func assetTypesSection(d *document, r *analysis.Report) {
	d.h2("Content that wins")
	if r.AssetTypes == nil {
		d.p("%s", missingLine(r, analysis.SectionAssetTypes))
		return
	}
	cd := r.AssetDeals
	d.explain("Do white papers, case studies and the rest help win deals, or only collect names? %s closed in the period (%s won, win rate %s). A deal counts as touched by a content type when one of its people engaged with such content from %d days before the opportunity was created until it closed; its baseline is the closed deals that type did not touch.",
		plural(cd.Closed, "deal", "deals"), count(cd.Won), rate(cd.WinRate), r.Settings.LookbackDays)

	// Types with enough deals, ranked by lift; small samples after, unranked.
	ranked := slices.Clone(r.AssetTypes)
	slices.SortStableFunc(ranked, func(a, b analysis.AssetType) int {
		if a.SmallSample != b.SmallSample {
			if a.SmallSample {
				return 1
			}
			return -1
		}
		if a.SmallSample || a.Lift == nil || b.Lift == nil {
			return strings.Compare(a.AssetType, b.AssetType)
		}
		switch {
		case *a.Lift > *b.Lift:
			return -1
		case *a.Lift < *b.Lift:
			return 1
		}
		return strings.Compare(a.AssetType, b.AssetType)
	})

	// The takeaway names the clearest loser and winner the analysis marked.
	var loser, winner *analysis.AssetType
	for i := range ranked {
		switch ranked[i].Verdict {
		case "wins_less":
			loser = &ranked[i]
		case "wins_more":
			winner = &ranked[i]
		}
	}
	var takeaways []string
	if t := loser; t != nil {
		s := fmt.Sprintf("%s brought %s leads", titleCase(typePlural(t.AssetType)), count(t.Leads))
		if t.MQLRate != nil {
			s += fmt.Sprintf(" (%s became MQLs)", pct(*t.MQLRate))
		}
		takeaways = append(takeaways, s+fmt.Sprintf(", but deals they touched won %s of the time against %s for deals they did not (%s).",
			pct(*t.WinRate), pct(*t.BaselineWinRate), pValue(t.PValue)))
	}
	if t := winner; t != nil {
		takeaways = append(takeaways, fmt.Sprintf("Deals touched by %s won %s of the time against %s without them (%s).",
			typePlural(t.AssetType), pct(*t.WinRate), pct(*t.BaselineWinRate), pValue(t.PValue)))
	}
	if len(takeaways) == 0 {
		d.takeaway("No content type's win rate differs clearly (p < 0.05) from that of the closed deals it did not touch.")
	} else {
		d.takeaway(mdText(strings.Join(takeaways, " ")))
	}

	winChart := &Chart{
		ID:       "asset-win-rate",
		Title:    "Win rate of the deals each content type touched",
		Takeaway: "For each type, the win rate of the closed deals it touched (with 95% intervals) beside that of the closed deals it did not touch, the baseline the text uses.",
		Percent:  true, YName: "win rate",
		Series: []Series{{Name: "Deals it touched"}, {Name: "Deals without it"}},
	}
	sides := &Chart{
		ID:       "asset-leads-vs-deals",
		Title:    "Names collected and deals won, by content type",
		Takeaway: "For each type: the MQL rate of the leads whose first touch it was, beside the win rate of the deals it touched. A lead magnet can score high on the first and low on the second.",
		Percent:  true, YName: "rate",
		Series: []Series{{Name: "MQL rate of leads it brought"}, {Name: "Win rate of deals it touched"}},
	}
	var cells [][]string
	for _, t := range ranked {
		label := typeLabel(t.AssetType)
		if t.SmallSample {
			label += " (small sample)"
		}
		winChart.Categories = append(winChart.Categories, label)
		s := &winChart.Series[0]
		s.Values = append(s.Values, orNaN(t.WinRate))
		lo, hi := ciBounds(t.WinRateCI)
		s.Low, s.High = append(s.Low, lo), append(s.High, hi)
		winChart.Series[1].Values = append(winChart.Series[1].Values, orNaN(t.BaselineWinRate))
		sides.Categories = append(sides.Categories, typeLabel(t.AssetType))
		sides.Series[0].Values = append(sides.Series[0].Values, orNaN(t.MQLRate))
		sides.Series[1].Values = append(sides.Series[1].Values, orNaN(t.WinRate))

		lift := "n/a"
		if t.Lift != nil {
			lift = ratioX(*t.Lift)
		}
		cells = append(cells, []string{
			mdText(typeLabel(t.AssetType)), count(t.Leads), rateOnly(t.MQL()),
			count(t.Opportunities), count(t.Won), rateCI(t.Win()),
			rate(t.BaselineWinRate), smallRate(lift, t.Win()), smallRate(mdText(pValue(t.PValue)), t.Win()), money(t.Revenue),
		})
	}
	d.charts2(winChart, sides)
	d.p("A correlation, not proof of cause: content that late-stage buyers read may win because those buyers were already likely to buy.")
	d.explain("Types with at least %d touched deals first, by lift; types with fewer are marked small sample and not ranked.", analysis.SmallSample)
	d.table([]string{"Content type", "Leads brought", "MQL rate", "Touched deals", "Won", "Win rate", "Baseline", "Lift", "p-value", "Touched revenue"}, "lrrrrrrrrr", cells)

	d.more()
	d.h3("Each asset")
	d.p("Every asset, ranked by the won revenue of the deals it touched: which to write more of, and which to retire.")
	var rows [][]string
	for _, a := range r.Assets {
		name := mdText(a.AssetID)
		if a.Name != "" {
			name = mdText(a.Name) + " (" + mdText(a.AssetID) + ")"
		}
		rows = append(rows, []string{name, mdText(typeLabel(a.AssetType)), count(a.Leads), rateOnly(a.MQL()),
			count(a.Opportunities), count(a.Won), rateCI(a.Win()), money(a.Revenue)})
	}
	d.table([]string{"Asset", "Type", "Leads brought", "MQL rate", "Touched deals", "Won", "Win rate", "Touched revenue"}, "llrrrrrr", rows)

	d.define("Touched deal", "A closed deal (won or lost in the period) one of whose people engaged with the content from the lookback window before the opportunity was created until it closed.")
	d.define("Baseline win rate", "The win rate of the closed deals a content type did not touch.")
	d.define("Lift", "Win rate of touched deals divided by the baseline win rate: above 1, deals with that content won more often.")
	d.define("p-value", "The chance of a gap at least this large between two win rates if the content made no difference (two-sided two-proportion z-test). Below 0.05 the report calls the difference clear.")
	d.define("Leads brought", "Leads created in the period whose first touch ever was with that content.")
}
