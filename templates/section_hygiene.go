package templates

import (
	"fmt"
	"sort"
	"time"

	"github.com/campaignretro/retro/analysis"
)

// maxChartRows caps the bars of a per-owner or per-segment chart; the table
// beside it lists every row.
const maxChartRows = 25

// hygieneSection writes SPEC section 7: late, cold and fast-lost pipeline,
// overall and per owner.
func hygieneSection(d *document, r *analysis.Report) {
	d.h2("Pipeline hygiene")
	h := r.Hygiene
	if h == nil {
		d.p("%s", missingLine(r, analysis.SectionHygiene))
		return
	}
	d.explain("Signals about the %s created in the period. They are prompts for a conversation with the owner, not accusations: a deal can start late, arrive without a prior touch, or die quickly for good reasons.",
		plural(h.Opportunities, "opportunity", "opportunities"))
	if h.Opportunities == 0 {
		return
	}
	late := fmt.Sprintf("%s of %s (%s) %s created in the last 14 days of the period, against %s if creation were spread evenly",
		count(h.LateCreated.Count), plural(h.Opportunities, "opportunity", "opportunities"), rate(h.LateShare), wasWere(h.LateCreated.Count), pct(h.ExpectedLateShare))
	if h.LateRatio != nil {
		late += " (" + ratioX(*h.LateRatio) + ")"
	}
	cold := ""
	if h.ColdCreated != nil {
		cold = fmt.Sprintf(", and %s had no campaign touch or sales activity in the 30 days before", count(h.ColdCreated.Count))
	}
	d.takeaway(fmt.Sprintf("%s; %s %s lost within 14 days of creation%s.", late, count(h.FastLoss.Count), wasWere(h.FastLoss.Count), cold))

	daily := &Chart{
		ID:       "hygiene-daily",
		Title:    "Opportunities created per day",
		Takeaway: fmt.Sprintf("The last 14 days of the period hold %s of the opportunities created in it; an even pace would give %s.", rate(h.LateShare), pct(h.ExpectedLateShare)),
		YName:    "opportunities",
		Series:   []Series{{Name: "Opportunities created"}},
		// One label a week keeps a quarter's 92 days readable.
		LabelEvery: 7,
	}
	for _, day := range h.CreatedByDay {
		daily.Categories = append(daily.Categories, dayLabel(day.Date))
		daily.Series[0].Values = append(daily.Series[0].Values, float64(day.Count))
	}
	if len(daily.Categories) > maxMermaidCategories && r.Trend != nil {
		daily.Wiki = weeklyOpportunities(r.Trend.Weeks)
	}
	d.chart(daily)

	flag := func(name string, f *analysis.FlagTotal, meaning string) []string {
		if f == nil {
			return []string{name, "n/a", "n/a", meaning + " (needs touches.csv or activities.csv)"}
		}
		return []string{name, count(f.Count), money(f.Amount), meaning}
	}
	d.table([]string{"Flag", "Opportunities", "Pipeline", "Meaning"}, "lrrl", [][]string{
		flag("Late-created", &h.LateCreated, "created in the last 14 days of the period"),
		flag("Cold-created", h.ColdCreated, "no touch or sales activity by its people in the 30 days before creation"),
		flag("Fast loss", &h.FastLoss, "lost within 14 days of creation"),
		flag("Two or more flags", &h.MultiFlag, "holds at least two of the flags above"),
		flag("Any flag", &h.Flagged, "holds at least one flag: "+rate(h.FlaggedShare)+" of the pipeline"),
	})

	d.more()
	d.h3("By owner")
	owners := append([]analysis.HygieneOwner(nil), h.ByOwner...)
	sort.SliceStable(owners, func(i, j int) bool { return owners[i].Pipeline > owners[j].Pipeline })
	shown := owners
	if len(shown) > maxChartRows {
		shown = shown[:maxChartRows]
	}
	byOwner := &Chart{
		ID:       "hygiene-owners",
		Title:    "Share of each owner's new pipeline with a flag",
		Takeaway: "Each owner's pipeline created in the period that holds at least one flag; the line is all owners together.",
		Percent:  true, YName: "flagged share",
		Series: []Series{{Name: "Flagged share"}},
	}
	if h.FlaggedShare != nil {
		byOwner.Reference = &Reference{Name: "all owners", Value: *h.FlaggedShare}
	}
	// The owners with the most pipeline, largest flagged share first.
	shown = append([]analysis.HygieneOwner(nil), shown...)
	sort.SliceStable(shown, func(i, j int) bool { return share(shown[i].FlaggedShare) > share(shown[j].FlaggedShare) })
	if m := h.MostFlagged; m != nil {
		byOwner.Takeaway = fmt.Sprintf("%s has the largest flagged share: %s of %s across %s, against %s for all owners. Worth a conversation, not a verdict.",
			m.Owner, rate(m.FlaggedShare), moneyShort(m.Pipeline), plural(m.Opportunities, "opportunity", "opportunities"), rate(h.FlaggedShare))
	}
	if len(owners) > len(shown) {
		byOwner.Takeaway += fmt.Sprintf(" The %d owners with the most pipeline are shown.", len(shown))
	}
	for _, o := range shown {
		byOwner.Categories = append(byOwner.Categories, o.Owner)
		v := 0.0
		if o.FlaggedShare != nil {
			v = *o.FlaggedShare
		}
		byOwner.Series[0].Values = append(byOwner.Series[0].Values, v)
	}
	d.chart(byOwner)

	sort.SliceStable(owners, func(i, j int) bool { return share(owners[i].FlaggedShare) > share(owners[j].FlaggedShare) })
	var cells [][]string
	for _, o := range owners {
		cells = append(cells, []string{
			mdText(o.Owner), count(o.Opportunities), money(o.Pipeline),
			count(o.LateCreated), countPtr(o.ColdCreated), count(o.FastLoss), count(o.MultiFlag),
			rateOnly(o.Flagged()),
		})
	}
	d.p("Owners with the largest flagged share of pipeline first. Flag columns count opportunities; the owner is the opportunity's owner.")
	d.table([]string{"Owner", "Opps", "Pipeline", "Late", "Cold", "Fast loss", "2+ flags", "Flagged share"}, "lrrrrrrr", cells)

	d.define("Late-created", "An opportunity created in the last 14 days of the period. If creation were even, the expected share would be 14 divided by the days in the period.")
	d.define("Cold-created", "An opportunity none of whose people had a campaign touch or a sales activity in the 30 days up to its creation.")
	d.define("Fast loss", "An opportunity created in the period and lost within 14 days of its creation.")
	d.define("Flagged share", "The part of an owner's pipeline created in the period that holds at least one hygiene flag.")
}

// wasWere returns the verb that agrees with a count of n.
func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// share returns a nullable fraction for ordering, -1 when null.
func share(f *float64) float64 {
	if f == nil {
		return -1
	}
	return *f
}

// dayLabel writes a YYYY-MM-DD date as "Jul 1" for chart axes.
func dayLabel(date string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return t.Format("Jan 2")
}

// weeklyOpportunities is the wiki's version of the daily creation chart:
// a quarter's days are too many labels, its weeks are not.
func weeklyOpportunities(weeks []analysis.TrendWeek) *Chart {
	c := &Chart{
		ID:       "hygiene-weekly",
		Title:    "Opportunities created per week",
		Takeaway: "The opportunities created in each week of the period; a short first or last week is marked with its days.",
		YName:    "opportunities",
		Series:   []Series{{Name: "Opportunities created"}},
	}
	for _, w := range weeks {
		c.Categories = append(c.Categories, weekLabel(w))
		c.Series[0].Values = append(c.Series[0].Values, float64(intOr0(w.OpportunitiesCreated)))
	}
	return c
}
