package templates

import (
	"fmt"
	"slices"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// modelNames are the attribution models as readers see them.
var modelNames = map[string]string{
	"first_touch":    "First touch",
	"last_touch":     "Last touch",
	"linear":         "Linear",
	"position_based": "Position based",
	"w_shaped":       "W-shaped",
	"time_decay":     "Time decay",
	"markov":         "Markov",
}

// attributionSection writes "Sourced touched and credited" (SPEC 6):
// sourced and touched side by side, then every credit model side by side.
func attributionSection(d *document, r *analysis.Report) {
	d.h2("Sourced touched and credited")
	if r.Sourcing == nil {
		d.p("%s", missingLine(r, "sourcing"))
		return
	}
	d.explain("Who sourced the pipeline, and who merely touched it? An opportunity is *sourced* by whoever created it (its own origin, else its first contact's, else marketing when that contact's first campaign touch came within a day of the record's creation, else sales). It is *marketing touched* when any of its people responded to a campaign from %d days before its creation until it closed. Both views are shown because both are true.", r.Settings.LookbackDays)
	p, v := r.Sourcing.Pipeline, r.Sourcing.Revenue
	text := fmt.Sprintf("Marketing sourced %s of new pipeline (%s of %s)", rate(p.SourcedShare), moneyShort(p.MarketingSourced.Amount), moneyShort(p.Total.Amount))
	if p.TouchedShare != nil {
		text += fmt.Sprintf(" and touched %s (%s)", rate(p.TouchedShare), moneyShort(p.MarketingTouched.Amount))
	}
	text += fmt.Sprintf("; of revenue won, %s was marketing sourced", rate(v.SourcedShare))
	if v.TouchedShare != nil {
		text += fmt.Sprintf(" and %s marketing touched", rate(v.TouchedShare))
	}
	d.takeaway(mdText(text + "."))

	groups := []struct {
		label string
		p, v  *analysis.Group
	}{
		{"Marketing sourced", &p.MarketingSourced, &v.MarketingSourced},
		{"Sales sourced", &p.SalesSourced, &v.SalesSourced},
		{"Partner sourced", &p.PartnerSourced, &v.PartnerSourced},
		{"Other sourced", &p.OtherSourced, &v.OtherSourced},
		{"Marketing touched (any origin)", p.MarketingTouched, v.MarketingTouched},
		{"Not touched by marketing", p.Untouched, v.Untouched},
	}
	chart := &Chart{
		ID:       "sourcing",
		Title:    "Pipeline and revenue by who sourced them, and what marketing touched",
		Takeaway: "The first four bars split the period's pipeline and revenue by origin; the last two split the same amounts by whether marketing touched the deal, whoever sourced it.",
		Money:    true, YName: "amount",
		Series: []Series{{Name: "Pipeline created"}, {Name: "Revenue won"}},
	}
	var cells [][]string
	for _, g := range groups {
		if g.p == nil {
			continue
		}
		chart.Categories = append(chart.Categories, g.label)
		chart.Series[0].Values = append(chart.Series[0].Values, float64(g.p.Amount))
		chart.Series[1].Values = append(chart.Series[1].Values, float64(g.v.Amount))
		cells = append(cells, []string{g.label, count(g.p.Count), money(g.p.Amount), rate(g.p.Share),
			count(g.v.Count), money(g.v.Amount), rate(g.v.Share)})
	}
	d.charts2(&Chart{
		ID:         "sourcing-pie",
		Title:      "Pipeline created by who sourced it",
		Takeaway:   fmt.Sprintf("Marketing sourced %s of the %s of pipeline created in the period.", rate(p.SourcedShare), moneyShort(p.Total.Amount)),
		Pie:        true,
		Money:      true,
		Categories: chart.Categories[:4],
		Series:     []Series{{Name: "Pipeline created", Values: chart.Series[0].Values[:4]}},
	}, chart)
	d.table([]string{"Group", "Opportunities created", "Pipeline", "Share", "Deals won", "Revenue", "Share"}, "lrrrrrr", cells)
	if p.MarketingTouched == nil {
		d.p("%s", mdText("Marketing touched and untouched need touches.csv."))
	}

	if r.Attribution == nil {
		d.p("%s", missingLine(r, "attribution"))
		return
	}
	def := r.Settings.Model
	d.more()
	d.h3("Credit under every model")
	d.p("Attribution splits each deal's amount over the campaign touches of its journey; deals without a touch stay unattributed. Models disagree by design, so all seven are side by side: a campaign that ranks high under every model earned its place, one whose rank moves (marked ↕ with its best and worst rank) depends on the rule you pick. The report's default is **%s** (--model); rows are the 15 campaigns with the most credit under it; every campaign is in report.json and in tables/attribution-revenue-all-campaigns.csv and attribution-pipeline-all-campaigns.csv.", mdText(modelNames[def]))
	for _, target := range []struct {
		name string
		t    *analysis.AttributionTarget
	}{{"Revenue won", &r.Attribution.Revenue}, {"Pipeline created", &r.Attribution.Pipeline}} {
		d.p("**%s**: %s in all, %s attributed, %s unattributed.", target.name, money(target.t.Total), money(target.t.Attributed), money(target.t.Unattributed))
		head := []string{"Campaign"}
		for _, m := range analysis.Models {
			head = append(head, modelNames[m])
		}
		head = append(head, "Range", "Rank (range)")
		var rows, all [][]string
		for i, c := range target.t.Compare {
			row := []string{mdText(c.Name) + " (" + mdText(c.CampaignID) + ")"}
			if c.Name == "" {
				row[0] = mdText(c.CampaignID)
			}
			for _, m := range analysis.Models {
				row = append(row, moneyShort(c.Credit[m]))
			}
			mark := fmt.Sprintf("%d", c.Rank[def])
			if c.RankChanges {
				mark += fmt.Sprintf(" ↕ %d–%d", c.BestRank, c.WorstRank)
			}
			row = append(row, moneyShort(c.Min)+"–"+moneyShort(c.Max), mark)
			if i < 15 {
				rows = append(rows, row)
			}
			full := []string{mdText(c.CampaignID), mdText(c.Name), mdText(channelLabel(c.Channel))}
			for _, m := range analysis.Models {
				full = append(full, number(float64(c.Credit[m])))
			}
			full = append(full, number(float64(c.Min)), number(float64(c.Max)), fmt.Sprint(c.Rank[def]), fmt.Sprint(c.BestRank), fmt.Sprint(c.WorstRank))
			all = append(all, full)
		}
		d.table(head, "l"+strings.Repeat("r", len(analysis.Models)+2), rows)
		fullHead := append([]string{"campaign_id", "name", "channel"}, analysis.Models...)
		fullHead = append(fullHead, "min", "max", "rank_"+def, "best_rank", "worst_rank")
		d.csvTable("attribution-"+strings.ToLower(strings.Fields(target.name)[0])+"-all-campaigns", fullHead, all)
	}

	ch := &Chart{
		ID:       "attribution-channels",
		Title:    "Revenue credit by channel under each model",
		Takeaway: "Each group of bars is one channel; each bar the revenue credited to it by one model. Tall, even groups are channels every model credits.",
		Money:    true, YName: "revenue credit",
	}
	channels := sortedKeys(r.Attribution.Revenue.Channels[def])
	for _, c := range channels {
		ch.Categories = append(ch.Categories, channelLabel(c))
	}
	for _, m := range analysis.Models {
		s := Series{Name: modelNames[m]}
		for _, c := range channels {
			s.Values = append(s.Values, float64(r.Attribution.Revenue.Channels[m][c]))
		}
		ch.Series = append(ch.Series, s)
	}
	d.chart(ch)

	d.h3("Reconciliation")
	d.p("Every model hands out exactly the attributed amount: credited plus unattributed equals the total (differences are rounding, at most a cent per campaign).")
	var rec [][]string
	for _, t := range []struct {
		name string
		t    *analysis.AttributionTarget
	}{{"Pipeline", &r.Attribution.Pipeline}, {"Revenue", &r.Attribution.Revenue}} {
		for _, x := range t.t.Reconciliation {
			rec = append(rec, []string{t.name, modelNames[x.Model], money(x.Credited), money(x.Unattributed), money(x.Total), fmt.Sprintf("%.2f", analysis.RoundCents(float64(x.Difference)))})
		}
	}
	d.table([]string{"Target", "Model", "Credited", "Unattributed", "Total", "Difference"}, "llrrrr", rec)
	d.p("ROI per campaign, with its cost, is in [Spend and return](#spend-and-return), computed with the %s model.", mdText(modelNames[def]))

	d.define("Sourced", "Who created the opportunity: its origin, else its first contact's origin, else marketing when that contact's first campaign touch came within a day of the record's creation, else sales.")
	d.define("Marketing touched", "An opportunity one of whose people responded to a campaign between the lookback window before its creation and its close (or as-of while open), whoever sourced it.")
	d.define("Unattributed", "The amount of opportunities with no campaign touch in their journey; no model credits it to a campaign.")
	d.define("First touch model", "All of a deal's credit goes to the first campaign touch of its journey.")
	d.define("Last touch model", "All of a deal's credit goes to the last campaign touch before conversion.")
	d.define("Linear model", "Every touch of the journey gets an equal share.")
	d.define("Position-based model", "40% to the first touch, 40% to the last, 20% shared by the touches between.")
	d.define("W-shaped model", "30% each to the first touch, the touch that led to the MQL and the touch that led to the opportunity; 10% shared by the rest.")
	d.define("Time-decay model", fmt.Sprintf("Recent touches count more: a touch's share halves for every %s days between it and the conversion.", number(r.Settings.HalfLifeDays)))
	d.define("Markov model", "Credit in proportion to each campaign's removal effect: how much the chance of conversion would drop if the campaign were taken out of every journey, converting or not.")
}

func sortedKeys(m map[string]analysis.Money) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
