package analysis

import (
	"fmt"
	"strings"

	h "github.com/campaignretro/retro/internal/humanize"
)

// Verdict answers one of the questions marketing and sales argue about, for
// the report's front page: a short answer, the figures behind it and the
// section that backs it. A verdict claims a difference only where the 95%
// intervals do not overlap (or a test gives p < 0.05); otherwise its answer
// says that the data shows none.
type Verdict struct {
	Question string  `json:"question"`
	Answer   string  `json:"answer"`
	Evidence string  `json:"evidence"`
	Section  Section `json:"section"`
	// Campaigns are the ids of the campaigns the answer names (see
	// Report.NamedCampaigns).
	Campaigns []string `json:"-"`
}

// TooEarlyDays is how long before the period's end a campaign must have
// ended for its return to be judged: deals take weeks to close.
const TooEarlyDays = 30

// verdicts answers the standing questions in a fixed order, leaving out
// those the input cannot answer.
func verdicts(r *Report) []Verdict {
	out := []Verdict{}
	for _, v := range []func(*Report) *Verdict{
		mqlVerdict, contentVerdict, followUpVerdict, sourcingVerdict, stuffingVerdict, segmentVerdict,
	} {
		if x := v(r); x != nil {
			out = append(out, *x)
		}
	}
	return out
}

// mqlVerdict: are marketing's MQLs any good? The share of campaign MQLs that
// sales accepted as SQLs, and the campaign whose acceptance lies clearly
// below it.
func mqlVerdict(r *Report) *Verdict {
	var mqls, sqls int
	for _, c := range r.Campaigns {
		mqls += c.MQLs
		sqls += c.SQLs
	}
	if mqls == 0 {
		return nil
	}
	avg := float64(sqls) / float64(mqls)
	v := &Verdict{Question: "Are marketing's MQLs any good?", Section: SectionCampaigns,
		Answer: fmt.Sprintf("Sales accepted %s of them", h.Percent(avg))}
	v.Evidence = fmt.Sprintf("%s of %s campaign MQLs became SQLs", h.Count(sqls), h.Count(mqls))
	var weak *Campaign
	for i := range r.Campaigns {
		c := &r.Campaigns[i]
		if c.MQLs < SmallSample || c.SQLRateCI == nil || c.SQLRateCI[1] >= avg {
			continue
		}
		if weak == nil || c.MQLs > weak.MQLs {
			weak = c
		}
	}
	if weak != nil {
		v.Answer += ", fewer from " + weak.Name
		v.Campaigns = []string{weak.CampaignID}
		v.Evidence += fmt.Sprintf("; %s: %s of %s MQLs", weak.Name, h.Percent(*weak.SQLRate), h.Count(weak.MQLs))
	} else {
		v.Evidence += "; no campaign's acceptance differs clearly"
	}
	if lq := r.LeadQuality; lq != nil && lq.Disqualified > 0 && len(lq.Reasons) > 0 {
		v.Evidence += fmt.Sprintf("; %s disqualified, most often \"%s\"", h.Count(lq.Disqualified), lq.Reasons[0].Reason)
		v.Section = SectionLeadQuality
	}
	v.Evidence += "."
	return v
}

// contentVerdict: do white papers (else: does any content type) win deals?
func contentVerdict(r *Report) *Verdict {
	if len(r.AssetTypes) == 0 {
		return nil
	}
	var t *AssetType
	for i := range r.AssetTypes {
		name := strings.ToLower(strings.NewReplacer("_", "", "-", "", " ", "").Replace(r.AssetTypes[i].AssetType))
		if strings.Contains(name, "whitepaper") {
			t = &r.AssetTypes[i]
		}
	}
	if t == nil {
		for i := range r.AssetTypes {
			if r.AssetTypes[i].Verdict != "" && (t == nil || r.AssetTypes[i].Verdict == "wins_more") {
				t = &r.AssetTypes[i]
			}
		}
		if t == nil {
			return &Verdict{Question: "Does content win deals?", Section: SectionAssetTypes,
				Answer:   "No content type stands out",
				Evidence: fmt.Sprintf("No type's touched deals win clearly more or less often than deals without it, across %s.", h.Plural(len(r.AssetTypes), "content type", "content types"))}
		}
	}
	label := strings.ReplaceAll(t.AssetType, "_", " ")
	v := &Verdict{Question: "Do " + label + "s win deals?", Section: SectionAssetTypes}
	switch {
	case t.SmallSample || t.WinRate == nil || t.BaselineWinRate == nil:
		v.Answer = "Too few deals to tell"
		v.Evidence = fmt.Sprintf("%s touched by %s content.", h.Plural(t.Won+t.Lost, "closed deal", "closed deals"), label)
		return v
	case t.Significant && *t.WinRate > *t.BaselineWinRate:
		v.Answer = "Yes, they win more often"
	case t.Significant:
		v.Answer = "No, they win less often"
	default:
		v.Answer = "No clear difference"
	}
	v.Evidence = fmt.Sprintf("Deals they touched won %s against %s without them", h.Percent(*t.WinRate), h.Percent(*t.BaselineWinRate))
	if t.PValue != nil {
		v.Evidence += " (" + pValueText(*t.PValue) + ")"
	}
	v.Evidence += "; a correlation, not proof of cause."
	return v
}

// pValueText writes a p-value compactly: "p = 0.03", "p < 0.001".
func pValueText(p float64) string {
	if p < 0.001 {
		return "p < 0.001"
	}
	return "p = " + strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", p), "0"), ".")
}

// followUpVerdict: did sales follow up fast enough?
func followUpVerdict(r *Report) *Verdict {
	l := r.Latency
	if l == nil || l.Handoffs == 0 || l.WithinSLA == nil {
		return nil
	}
	v := &Verdict{Question: "Did sales follow up fast enough?", Section: SectionLatency,
		Answer: fmt.Sprintf("%s met the %s SLA", h.Percent(*l.WithinSLA), h.Duration(l.SLAMinutes))}
	v.Evidence = fmt.Sprintf("%s handoffs, %s never contacted", h.Count(l.Handoffs), h.Count(l.Handoffs-l.Contacted))
	if tk := l.Takeaway; tk != nil && tk.Significant && tk.Ratio != nil && tk.FastRate > tk.SlowRate {
		v.Evidence += fmt.Sprintf("; speed pays: leads reached within an hour became SQLs %s as often (%s vs %s)",
			h.Multiple(*tk.Ratio), h.Percent(tk.FastRate), h.Percent(tk.SlowRate))
	} else if l.MedianMinutes != nil {
		v.Evidence += "; median first contact after " + h.Duration(*l.MedianMinutes)
	}
	v.Evidence += "."
	return v
}

// sourcingVerdict: marketing sourced against marketing touched.
func sourcingVerdict(r *Report) *Verdict {
	if r.Sourcing == nil || r.Sourcing.Pipeline.SourcedShare == nil || r.Sourcing.Pipeline.TouchedShare == nil {
		return nil
	}
	p, rev := r.Sourcing.Pipeline, r.Sourcing.Revenue
	v := &Verdict{Question: "What did marketing source, and what did it touch?", Section: SectionSourcing,
		Answer: fmt.Sprintf("Sourced %s, touched %s of new pipeline", h.Percent(*p.SourcedShare), h.Percent(*p.TouchedShare))}
	v.Evidence = fmt.Sprintf("%s sourced, %s touched", h.MoneyShort(float64(p.MarketingSourced.Amount)), h.MoneyShort(float64(p.MarketingTouched.Amount)))
	if rev.SourcedShare != nil && rev.TouchedShare != nil {
		v.Evidence += fmt.Sprintf("; of revenue won, %s sourced and %s touched", h.Percent(*rev.SourcedShare), h.Percent(*rev.TouchedShare))
	}
	v.Evidence += "."
	return v
}

// stuffingVerdict: was pipeline created late to fill the quarter? A claim
// only when the late share's 95% interval lies above an even pace.
func stuffingVerdict(r *Report) *Verdict {
	hy := r.Hygiene
	if hy == nil || hy.Opportunities == 0 || hy.LateShare == nil {
		return nil
	}
	v := &Verdict{Question: "Was pipeline stuffed at the end of the period?", Section: SectionHygiene}
	late := wilson(hy.LateCreated.Count, hy.Opportunities)
	if late != nil && late[0] > hy.ExpectedLateShare {
		v.Answer = "Possibly: a late rush"
	} else {
		v.Answer = "No sign of a late rush"
	}
	v.Evidence = fmt.Sprintf("%s of new opportunities came in the last 14 days, against %s at an even pace",
		h.Percent(*hy.LateShare), h.Percent(hy.ExpectedLateShare))
	if o := hy.MostFlagged; o != nil && o.FlaggedShare != nil && hy.FlaggedShare != nil && *o.FlaggedShare > *hy.FlaggedShare {
		v.Evidence += fmt.Sprintf("; %s's new pipeline carries the most flags (%s)", o.Owner, h.Percent(*o.FlaggedShare))
	}
	v.Evidence += "."
	return v
}

// segmentVerdict: what works in other regions and industries? The segments
// whose win rate's interval lies clearly above or below the overall rate.
func segmentVerdict(r *Report) *Verdict {
	if r.Segments == nil || r.Totals.WinRate == nil || (len(r.Segments.Region) < 2 && len(r.Segments.Industry) < 2) {
		return nil // nothing to compare
	}
	var above, below []SegmentRow
	for _, rows := range [][]SegmentRow{r.Segments.Region, r.Segments.Industry} {
		for _, row := range rows {
			switch {
			case row.WinRate == nil:
			case row.Standout == "above":
				above = append(above, row)
			case row.Standout == "below":
				below = append(below, row)
			}
		}
	}
	list := func(rows []SegmentRow, rates bool) string {
		var parts []string
		for _, row := range rows {
			if rates {
				parts = append(parts, row.Value+" "+h.Percent(*row.WinRate))
			} else {
				parts = append(parts, row.Value)
			}
		}
		return strings.Join(parts, ", ")
	}
	v := &Verdict{Question: "What works in other regions and industries?", Section: SectionSegments}
	switch {
	case len(above) > 0:
		v.Answer = "Deals win more often in " + list(above, false)
	case len(below) > 0:
		v.Answer = "Deals win less often in " + list(below, false)
	default:
		v.Answer = "No region or industry stands out"
	}
	v.Evidence = "Win rate " + h.Percent(*r.Totals.WinRate) + " overall"
	if len(above) > 0 {
		v.Evidence += "; clearly higher: " + list(above, true)
	}
	if len(below) > 0 {
		v.Evidence += "; clearly lower: " + list(below, true)
	}
	if len(above)+len(below) == 0 {
		v.Evidence += fmt.Sprintf("; no region's or industry's 95%% interval lies clear of it (%s, %s)",
			h.Plural(len(r.Segments.Region), "region", "regions"), h.Plural(len(r.Segments.Industry), "industry", "industries"))
	}
	v.Evidence += "."
	return v
}
