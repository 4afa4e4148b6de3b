package templates

import (
	"fmt"
	"slices"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// modelNames are the attribution models as readers see them.
var modelNames = map[analysis.Model]string{
	"first_touch":    "First touch",
	"last_touch":     "Last touch",
	"linear":         "Linear",
	"position_based": "Position based",
	"j_shaped":       "J-shaped",
	"inverse_j":      "Inverse J",
	"w_shaped":       "W-shaped",
	"full_path":      "Full path",
	"custom":         "Custom",
	"time_decay":     "Time decay",
	"markov":         "Markov",
}

// attributionSection writes "Sourced touched and credited" (SPEC 6):
// sourced and touched side by side, then every credit model side by side.
func attributionSection(d *document, r *analysis.Report) {
	d.h2("Sourced touched and credited")
	if r.Sourcing == nil {
		d.p("%s", missingLine(r, analysis.SectionSourcing))
		return
	}
	d.explain("Who sourced the pipeline, and who merely touched it? An opportunity is *sourced* by whoever created it (its own origin, else its first contact's, else marketing when that contact's first campaign touch came within a day of the record's creation, else sales). It is *marketing touched* when any of its people responded to a campaign from %d days before its creation until it closed. Both views are shown because both are true.", r.Settings.LookbackDays)
	p, v := r.Sourcing.Pipeline, r.Sourcing.Revenue
	text := fmt.Sprintf("Marketing sourced %s of new pipeline (%s of %s)", rate(p.SourcedShare), moneyShort(p.MarketingSourced.Amount), moneyShort(p.Total.Amount))
	pieTakeaway := fmt.Sprintf("Marketing sourced %s of the %s of pipeline created in the period.", rate(p.SourcedShare), moneyShort(p.Total.Amount))
	unknown := p.UnknownSourced != nil && p.UnknownSourced.Count > 0
	if unknown {
		text = fmt.Sprintf("Who sourced %s of the %s of new pipeline is unknown: those opportunities have no origin and there is no leads.csv to tell, so no sourced share is stated (known: %s marketing, %s sales sourced)",
			moneyShort(p.UnknownSourced.Amount), moneyShort(p.Total.Amount), moneyShort(p.MarketingSourced.Amount), moneyShort(p.SalesSourced.Amount))
		pieTakeaway = fmt.Sprintf("The origin of %s of the %s of pipeline created in the period is unknown (no origin column and no leads.csv).", moneyShort(p.UnknownSourced.Amount), moneyShort(p.Total.Amount))
	}
	if p.TouchedShare != nil {
		text += fmt.Sprintf(" and touched %s (%s)", rate(p.TouchedShare), moneyShort(p.MarketingTouched.Amount))
	}
	if v.SourcedShare != nil {
		text += fmt.Sprintf("; of revenue won, %s was marketing sourced", rate(v.SourcedShare))
	}
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
		{"Origin unknown", p.UnknownSourced, v.UnknownSourced},
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
	if p.UnknownSourced != nil {
		chart.Takeaway = "The first five bars split the period's pipeline and revenue by origin (unknown where a deal has none and there is no leads.csv); the last two split the same amounts by whether marketing touched the deal, whoever sourced it."
	}
	var cells [][]string
	origins := 4 // the sourced groups come first
	if p.UnknownSourced != nil {
		origins = 5
	}
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
		Takeaway:   pieTakeaway,
		Pie:        true,
		Money:      true,
		Categories: chart.Categories[:origins],
		Series:     []Series{{Name: "Pipeline created", Values: chart.Series[0].Values[:origins]}},
	}, chart)
	if p.MarketingTouched == nil {
		d.p("%s", mdText("Marketing touched and untouched need touches.csv."))
	}
	d.more()
	d.table([]string{"Group", "Opportunities created", "Pipeline", "Share", "Deals won", "Revenue", "Share"}, "lrrrrrr", cells)

	if r.Attribution == nil {
		d.p("%s", missingLine(r, analysis.SectionAttribution))
		return
	}
	def := r.Settings.Model
	models := r.AttributionModels()
	d.more()
	d.h3("Credit under every model")
	d.p("Attribution splits each deal's amount over the campaign touches of its journey; deals without a touch stay unattributed. Models disagree by design, so all %s are side by side: a campaign that ranks high under every model earned its place, one whose rank moves (marked ↕ with its best and worst rank) depends on the rule you pick. The report's default is **%s** (--model); rows are the 15 campaigns with the most credit under it; every campaign is in report.json and in tables/attribution-revenue-all-campaigns.csv and attribution-pipeline-all-campaigns.csv.", count(len(models)), mdText(modelNames[def]))
	for _, target := range []struct {
		name string
		t    *analysis.AttributionTarget
	}{{"Revenue won", &r.Attribution.Revenue}, {"Pipeline created", &r.Attribution.Pipeline}} {
		d.p("**%s**: %s in all, %s attributed, %s unattributed.", target.name, money(target.t.Total), money(target.t.Attributed), money(target.t.Unattributed))
		head := []string{"Campaign"}
		for _, m := range models {
			head = append(head, modelNames[m])
		}
		head = append(head, "Range", "Rank (range)")
		var rows, all [][]string
		for i, c := range target.t.Compare {
			row := []string{campaignLabel(c.Name, c.CampaignID)}
			for _, m := range models {
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
			for _, m := range models {
				full = append(full, number(float64(c.Credit[m])))
				if iv, ok := target.t.Intervals[m][c.CampaignID]; ok {
					full = append(full, number(float64(iv[0])), number(float64(iv[1])), fmt.Sprint(c.Bands[m].Band))
				}
			}
			full = append(full, number(float64(c.Min)), number(float64(c.Max)), fmt.Sprint(c.Rank[def]), fmt.Sprint(c.BestRank), fmt.Sprint(c.WorstRank))
			all = append(all, full)
		}
		d.table(head, "l"+strings.Repeat("r", len(models)+2), rows)
		fullHead := []string{"campaign_id", "name", "channel"}
		for _, m := range models {
			fullHead = append(fullHead, string(m))
			if _, ok := target.t.Intervals[m]; ok {
				fullHead = append(fullHead, string(m)+"_lo", string(m)+"_hi", string(m)+"_band")
			}
		}
		fullHead = append(fullHead, "min", "max", "rank_"+string(def), "best_rank", "worst_rank")
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
	for _, m := range models {
		s := Series{Name: modelNames[m]}
		for _, c := range channels {
			s.Values = append(s.Values, float64(r.Attribution.Revenue.Channels[m][c]))
		}
		ch.Series = append(ch.Series, s)
	}
	d.chart(ch)

	creditIntervals(d, r)

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
	d.define("J-shaped model", "20% to the first touch, 60% to the last, 20% shared by the touches between (two touches: 25% and 75%).")
	d.define("Inverse-J model", "The mirror of J-shaped: 60% to the first touch, 20% to the last, 20% shared by the touches between (two touches: 75% and 25%).")
	d.define("Full-path model", "W-shaped plus the touch that closed the deal: 22.5% each to the first touch, the MQL touch, the opportunity-creation touch and the last touch before the close, 10% shared by the rest. For pipeline it equals W-shaped.")
	if w := r.Settings.Weights; w != nil {
		d.define("Custom model", fmt.Sprintf("The full-path roles with the shares of --weights: first touch %s, MQL touch %s, creation touch %s, closing touch %s, the rest %s; a role a journey lacks passes its share evenly to the roles it has.",
			weightShare(w.First), weightShare(w.MQL), weightShare(w.Created), weightShare(w.Closed), weightShare(w.Rest)))
	}
	d.define("Credit interval", "The range in which a campaign's credit would plausibly fall if the period's deals had come out differently: 90% of the time, resampling the attributed opportunities gives a credit inside it. Two campaigns whose intervals overlap cannot be told apart.")
	d.define("Credit band", "Campaigns whose credit intervals overlap, directly or through one another. Campaigns in one band are not ranked against each other; campaigns in different bands clearly differ.")
	d.define("Markov model", "Credit in proportion to each campaign's removal effect: how much the chance of conversion would drop if the campaign were taken out of every journey, converting or not.")
}

// weightShare writes a weight as an exact percentage: 22.5%.
func weightShare(f float64) string { return number(f*100) + "%" }

// creditIntervals writes, per target, the campaigns' credit under the
// default model with its 90% interval, ranked in bands (SPEC 14): only
// campaigns in different bands are said to differ.
func creditIntervals(d *document, r *analysis.Report) {
	m := r.Attribution.Revenue.IntervalModel(r.Settings.Model)
	d.h3("How sure is each credit")
	text := fmt.Sprintf("Each credit under the %s model comes with a 90%% interval: the range it would plausibly take had the period's deals come out differently (a resampling of the attributed opportunities). Campaigns whose intervals overlap, directly or through one another, share a band and are not ranked against each other; only campaigns in different bands clearly differ.", mdText(modelNames[m]))
	if m != r.Settings.Model {
		text += fmt.Sprintf(" The %s model has no interval, so the linear model's is shown.", mdText(modelNames[r.Settings.Model]))
	}
	d.p("%s", text)
	for _, target := range []struct {
		name, noun string
		t          *analysis.AttributionTarget
	}{{"Revenue won", "revenue", &r.Attribution.Revenue}, {"Pipeline created", "pipeline", &r.Attribution.Pipeline}} {
		rows := slices.Clone(target.t.Compare)
		slices.SortStableFunc(rows, func(a, b analysis.ModelComparison) int {
			return a.Bands[m].Band - b.Bands[m].Band
		})
		d.p("**%s** under %s credit.", target.name, mdText(modelNames[m]))
		if len(rows) == 0 {
			d.p("No opportunity had a journey.")
			continue
		}
		tk := bandTakeaway(rows, m, target.noun)
		if n := target.t.Opportunities; n < analysis.SmallSample {
			tk += fmt.Sprintf(" With %s, the intervals are rough.", plural(n, "attributed deal", "attributed deals"))
		}
		d.takeaway(mdText(tk))
		var cells [][]string
		for i, c := range rows {
			if i == 15 {
				break
			}
			b := c.Bands[m]
			ranks := fmt.Sprint(b.Ranks[0])
			if b.Ranks[1] != b.Ranks[0] {
				ranks = fmt.Sprintf("%d–%d", b.Ranks[0], b.Ranks[1])
			}
			iv := target.t.Intervals[m][c.CampaignID]
			cells = append(cells, []string{fmt.Sprint(b.Band), ranks, campaignLabel(c.Name, c.CampaignID), money(c.Credit[m]), moneyShort(iv[0]) + "–" + moneyShort(iv[1])})
		}
		d.table([]string{"Band", "Rank", "Campaign", "Credit", "90% interval"}, "rrlrr", cells)
	}
	d.p("**By channel**, under %s credit, with the same 90%% intervals:", mdText(modelNames[m]))
	var cells [][]string
	for _, ch := range sortedKeys(r.Attribution.Revenue.Channels[m], r.Attribution.Pipeline.Channels[m]) {
		row := []string{mdText(ch)}
		for _, t := range []*analysis.AttributionTarget{&r.Attribution.Revenue, &r.Attribution.Pipeline} {
			if iv, ok := t.ChannelIntervals[m][ch]; ok {
				row = append(row, money(t.Channels[m][ch]), moneyShort(iv[0])+"–"+moneyShort(iv[1]))
			} else {
				row = append(row, "–", "–")
			}
		}
		cells = append(cells, row)
	}
	d.table([]string{"Channel", "Revenue credit", "90% interval", "Pipeline credit", "90% interval"}, "lrrrr", cells)
}

// bandTakeaway says which credits clearly differ: the top band alone when it
// holds one campaign, else that its campaigns cannot be told apart.
func bandTakeaway(rows []analysis.ModelComparison, m analysis.Model, noun string) string {
	var top []string
	bands := 0
	for _, c := range rows {
		b := c.Bands[m]
		bands = max(bands, b.Band)
		if b.Band == 1 {
			name := c.Name
			if name == "" {
				name = c.CampaignID
			}
			top = append(top, name)
		}
	}
	switch {
	case len(rows) == 1:
		return fmt.Sprintf("%s is the only campaign credited with %s.", top[0], noun)
	case len(top) == 1:
		return fmt.Sprintf("%s clearly earned the most %s credit: its interval lies above every other campaign's. The other campaigns fall into %s below it.", top[0], noun, plural(bands-1, "band", "bands"))
	case bands == 1:
		return fmt.Sprintf("No campaign's %s credit clearly differs from another's: all %d intervals overlap.", noun, len(rows))
	case len(top) <= 4:
		return fmt.Sprintf("%s lead on %s credit but cannot be told apart from one another; the other campaigns fall into %s below them.", strings.Join(top, ", "), noun, plural(bands-1, "band", "bands"))
	}
	return fmt.Sprintf("The top %d campaigns on %s credit cannot be told apart from one another; the other campaigns fall into %s below them.", len(top), noun, plural(bands-1, "band", "bands"))
}

// sortedKeys returns the keys of every map, sorted, without repeats.
func sortedKeys(ms ...map[string]analysis.Money) []string {
	var keys []string
	for _, m := range ms {
		for k := range m {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
