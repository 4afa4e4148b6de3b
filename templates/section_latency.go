package templates

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/campaignretro/retro/analysis"
)

// bucketLabels are reader-facing names of the latency buckets.
var bucketLabels = map[analysis.BucketName]string{
	"0-5m": "0–5 min", "5m-1h": "5 min–1 h", "1h-24h": "1–24 h", "1d-7d": "1–7 days", ">7d": "over 7 days", "never": "never contacted",
}

// latencySection writes SPEC section 4: how fast sales followed up on
// handoffs, and whether the leads contacted fast converted better.
func latencySection(d *document, r *analysis.Report) {
	d.h2("Follow-up speed")
	l := r.Latency
	if l == nil {
		d.p("%s", missingLine(r, analysis.SectionLatency))
		return
	}
	handedOff := "became an MQL"
	if l.Handoff == "created_at" {
		handedOff = "was created (the input has no MQL dates)"
	}
	sla := duration(l.SLAMinutes)
	defineLatency(d, sla)
	if l.Handoffs == 0 {
		d.p("No lead was handed off to sales in the period: no lead %s in it.", handedOff)
		return
	}
	never := bucket(l, "never")
	d.takeaway(latencyTakeaway(l, sla, never))
	d.explain("A handoff is a lead that %s in the period; its follow-up latency is the time from then to its first sales activity (call, email, meeting) at or after it. The times are Kaplan-Meier estimates: a lead not contacted yet counts as still waiting until the as-of time, neither fast nor dropped.", handedOff)
	d.table([]string{"Handoffs", "Contacted", "Never contacted", "Half contacted within", "75% within", "90% within", "Within SLA (" + sla + ")"}, "rrrrrrr",
		[][]string{{count(l.Handoffs), count(l.Contacted), count(never.Leads),
			quantileText(l.MedianMinutes), quantileText(l.P75Minutes), quantileText(l.P90Minutes), rate(l.WithinSLA)}})

	withinChart := &Chart{
		ID:         "latency-within",
		Title:      "Share of handoffs contacted within 5 minutes, an hour, a day, a week",
		Takeaway:   fmt.Sprintf("%s were contacted within 5 minutes, %s within an hour, %s within a day and %s within a week; %s.", rate(l.Within.Min5), rate(l.Within.Hour1), rate(l.Within.Hour24), rate(l.Within.Day7), neverText(never.Leads)),
		Categories: []string{"5 min", "1 hour", "24 hours", "7 days"},
		Series:     []Series{{Name: "Contacted", Values: []float64{orNaN(l.Within.Min5), orNaN(l.Within.Hour1), orNaN(l.Within.Hour24), orNaN(l.Within.Day7)}}},
		Percent:    true,
		YName:      "share of handoffs",
	}
	first := withinChart
	if curve := latencyCurve(l); curve != nil {
		curve.Wiki = withinChart
		first = curve
	}

	sqlChart := &Chart{
		ID:       "latency-sql-rate",
		Title:    "Share of handoffs that became SQLs, by time to first follow-up",
		Takeaway: "The share of handoffs that became SQLs at or after the handoff, by how fast they were first contacted, with 95% intervals.",
		Percent:  true, YName: "became SQLs",
		Series: []Series{{Name: "Became SQLs"}},
	}
	var cells [][]string
	for _, b := range l.Buckets {
		label := bucketLabels[b.Bucket]
		sqlChart.Categories = append(sqlChart.Categories, label)
		s := &sqlChart.Series[0]
		s.Values = append(s.Values, orNaN(b.SQLRate))
		lo, hi := ciBounds(b.SQLRateCI)
		s.Low, s.High = append(s.Low, lo), append(s.High, hi)
		cells = append(cells, []string{label, count(b.Leads), count(b.SQLs), rateCI(b.SQL()),
			count(b.Opportunities), rateCI(b.Opp())})
	}
	d.charts2(first, sqlChart)
	d.explain("Published context: firms that tried to contact a lead within an hour were nearly 7 times as likely to qualify it as those that waited longer[^hbr]; the odds of qualifying a lead fell 21-fold between 5 and 30 minutes[^mit]. The chart is what your own data says.")
	d.explain("[^hbr]: J. Oldroyd, K. McElheran and D. Elkington, \"The Short Life of Online Sales Leads\", Harvard Business Review, March 2011.")
	d.explain("[^mit]: The 2007 MIT / InsideSales.com Lead Response Management study.")
	d.more()
	d.h3("Does speed pay")
	d.p("This table separates \"sales followed up too slowly\" from \"the leads were bad\": each row is the handoffs first contacted that fast, and how many of them later became SQLs or joined an opportunity created at or after the handoff. Rates from fewer than %d handoffs are marked small sample.", analysis.SmallSample)
	d.table([]string{"First follow-up", "Handoffs", "Became SQLs", "SQL share", "Joined an opportunity", "Opportunity share"}, "lrrrrr", cells)

	d.h3("By owner")
	d.p("Each sales rep's handoffs (the lead's owner), slowest first.")
	owners, _ := groupCells(l.ByOwner, func(g analysis.LatencyGroup) string {
		if g.Key == "(none)" {
			return "(no owner)"
		}
		return mdText(g.Key)
	})
	d.table(groupHead("Owner", sla), "lrrrr", owners)
	d.h3("By campaign")
	if l.ByCampaign == nil {
		d.p("%s", missingLine(r, analysis.SectionLatencyByCampaign))
	} else {
		d.p("Each handoff counts for the campaign of the lead's last touch at or before the handoff; slowest first.")
		campaigns, ids := groupCells(l.ByCampaign, func(g analysis.LatencyGroup) string {
			switch {
			case g.Key == "(none)":
				return "(no touch before handoff)"
			case g.Name == "":
				return mdText(g.Key)
			}
			return mdText(g.Name) + " (" + mdText(g.Key) + ")"
		})
		d.campaignTable(groupHead("Campaign", sla), "lrrrr", campaigns, ids)
	}
	d.h3("By region")
	regions, _ := groupCells(l.ByRegion, func(g analysis.LatencyGroup) string {
		if g.Key == "(none)" {
			return "(no region)"
		}
		return mdText(g.Key)
	})
	d.table(groupHead("Region", sla), "lrrrr", regions)
}

// latencyTakeaway is the section's one-sentence answer: does speed pay, and
// how fast was follow-up.
func latencyTakeaway(l *analysis.Latency, sla string, never analysis.LatencyBucket) string {
	speed := fmt.Sprintf("Half of the %s handoffs were contacted within %s and %s within the %s SLA; %s.",
		count(l.Handoffs), quantileText(l.MedianMinutes), rate(l.WithinSLA), sla, neverText(never.Leads))
	t := l.Takeaway
	if t == nil {
		return speed
	}
	s := fmt.Sprintf("Leads contacted within an hour became SQLs at %s (%s), against %s (%s) for leads first contacted after more than a day",
		pct(t.FastRate), interval(&t.FastRateCI), pct(t.SlowRate), interval(&t.SlowRateCI))
	switch {
	case !t.Significant:
		s += "; the 95% intervals overlap, so these handoffs do not show that speed pays."
	case t.Ratio != nil && *t.Ratio >= 1:
		s += fmt.Sprintf(": %s the rate, a gap too large to be chance.", ratioX(*t.Ratio))
	case t.Ratio != nil:
		s += fmt.Sprintf(": %s the rate, so slow follow-up converted better, a gap too large to be chance.", ratioX(*t.Ratio))
	default:
		s += ", a gap too large to be chance."
	}
	if t.FastLeads < analysis.SmallSample || t.SlowLeads < analysis.SmallSample {
		s += fmt.Sprintf(" (Small samples: %s fast, %s slow.)", plural(t.FastLeads, "handoff", "handoffs"), plural(t.SlowLeads, "handoff", "handoffs"))
	}
	return s + " " + speed
}

// latencyCurve is the Kaplan-Meier curve on a log time axis, or nil when no
// handoff was contacted after the handoff instant (a log axis has no 0).
func latencyCurve(l *analysis.Latency) *Chart {
	var xs, ys []float64
	for _, st := range l.Curve {
		if st.Minutes > 0 {
			xs = append(xs, st.Minutes)
			ys = append(ys, st.ContactedShare)
		}
	}
	if len(xs) == 0 {
		return nil
	}
	c := &Chart{
		ID:       "latency-curve",
		Title:    "Share of handoffs contacted, by time since handoff",
		Takeaway: fmt.Sprintf("Half were contacted within %s, 75%% within %s and 90%% within %s (Kaplan-Meier; leads not contacted yet count as waiting).", quantileText(l.MedianMinutes), quantileText(l.P75Minutes), quantileText(l.P90Minutes)),
		LogX:     true, XName: "minutes since handoff (log scale)",
		Percent: true, YName: "contacted",
		Series: []Series{{Name: "Contacted", Line: true, X: xs, Values: ys}},
	}
	slaMarked := false
	for _, m := range []Mark{{"5 min", 5}, {"1 hour", 60}, {"1 day", 1440}, {"1 week", 10080}} {
		if m.Value == l.SLAMinutes {
			m.Name += " (SLA)"
			slaMarked = true
		}
		c.XMarks = append(c.XMarks, m)
	}
	if l.SLAMinutes > 0 && !slaMarked {
		c.XMarks = append(c.XMarks, Mark{Name: "SLA " + duration(l.SLAMinutes), Value: l.SLAMinutes})
	}
	if l.MedianMinutes != nil && *l.MedianMinutes > 0 {
		c.XMarks = append(c.XMarks, Mark{Name: "median", Value: *l.MedianMinutes})
	}
	return c
}

func groupHead(what, sla string) []string {
	return []string{what, "Handoffs", "Contacted", "Half contacted within", "Within SLA (" + sla + ")"}
}

// groupCells writes the rows of a by_owner, by_campaign or by_region table.
func groupCells(groups []analysis.LatencyGroup, label func(analysis.LatencyGroup) string) (cells [][]string, keys []string) {
	// Slowest first: a median never reached (most still waiting) before the
	// longest medians; the JSON keeps the SPEC's order by key.
	groups = slices.Clone(groups)
	slices.SortStableFunc(groups, func(a, b analysis.LatencyGroup) int {
		switch {
		case a.MedianMinutes == nil && b.MedianMinutes == nil:
			return 0
		case a.MedianMinutes == nil:
			return -1
		case b.MedianMinutes == nil:
			return 1
		}
		return cmp.Compare(*b.MedianMinutes, *a.MedianMinutes)
	})
	for _, g := range groups {
		keys = append(keys, g.Key)
		cells = append(cells, []string{label(g), count(g.Handoffs), count(g.Contacted),
			small(quantileText(g.MedianMinutes), g.Handoffs), small(rate(g.WithinSLA), g.Handoffs)})
	}
	return cells, keys
}

// neverText says how many handoffs were never contacted.
func neverText(n int) string {
	if n == 0 {
		return "every handoff was contacted"
	}
	return plural(n, "handoff was", "handoffs were") + " never contacted"
}

// quantileText writes a Kaplan-Meier quantile; nil means the share was never
// reached (too many leads still waiting).
func quantileText(m *float64) string {
	if m == nil {
		return "not reached"
	}
	return duration(*m)
}

// bucket returns the latency bucket named name.
func bucket(l *analysis.Latency, name analysis.BucketName) analysis.LatencyBucket {
	for _, b := range l.Buckets {
		if b.Bucket == name {
			return b
		}
	}
	return analysis.LatencyBucket{Bucket: name}
}

func orNaN(f *float64) float64 {
	if f == nil {
		return math.NaN()
	}
	return *f
}

func ciBounds(iv *analysis.Interval) (lo, hi float64) {
	if iv == nil {
		return math.NaN(), math.NaN()
	}
	return iv[0], iv[1]
}

// defineLatency adds the section's glossary entries.
func defineLatency(d *document, sla string) {
	d.define("Handoff", "A lead passed to sales: its MQL time falls in the period (its creation time when the input has no MQL dates).")
	d.define("Follow-up latency", "The time from a handoff to the lead's first sales activity (call, email, meeting) at or after it; activities before the handoff are prospecting and do not count.")
	d.define("Kaplan-Meier estimate", "A way to measure follow-up time fairly while some leads are still waiting: a lead not contacted yet counts as waiting up to the as-of time, so it neither shortens the figure nor drops out of it. \"Not reached\" means too many leads are still waiting to tell.")
	d.define("Within SLA", "Handoffs first contacted within the follow-up target of "+sla+" (--sla), divided by all handoffs, contacted or not.")
	d.define("Never contacted", "Handoffs with no sales activity at or after the handoff by the as-of time.")
}
