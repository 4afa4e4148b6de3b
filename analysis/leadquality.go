package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/campaignretro/retro/loader"
)

// LeadQuality is SPEC section 8: sales' verdict on the leads disqualified in
// P, overall and per campaign. ByCampaign is nil without touches.csv.
type LeadQuality struct {
	Disqualified int                   `json:"disqualified"`
	Reasons      []ReasonCount         `json:"reasons"`
	ByCampaign   []LeadQualityCampaign `json:"by_campaign"`
}

// ReasonCount is how many disqualified leads gave one disqualify_reason.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// LeadQualityCampaign is the disqualified leads whose last touch at or before
// disqualified_at was on one campaign ("(none)": no such touch), beside that
// campaign's MQL-to-SQL acceptance rate in P from the campaign funnel, and
// the MQLs it is computed from (null and 0 when the campaign has no funnel
// row).
type LeadQualityCampaign struct {
	CampaignID   string        `json:"campaign_id"`
	Name         string        `json:"name"`
	Disqualified int           `json:"disqualified"`
	Reasons      []ReasonCount `json:"reasons"`
	MQLs         int           `json:"mqls"`
	SQLRate      *float64      `json:"sql_rate"`
	SQLRateCI    *Interval     `json:"sql_rate_ci"`
}

// leadQuality computes SPEC section 8. funnel is the campaign funnel of P
// (section 3), which supplies each campaign's sql_rate.
func (s *scope) leadQuality(funnel []Campaign) *LeadQuality {
	ds := s.ds
	q := &LeadQuality{}
	reasons := make([]int, ds.Labels.Len())
	// verdict is one disqualified lead: its campaign (NoID: none) and reason.
	type verdict struct {
		campaign loader.ID
		reason   loader.Label
	}
	var verdicts []verdict
	for p, lead := range ds.Leads {
		if !lead.Known || !s.inP(lead.DisqualifiedAt) {
			continue
		}
		q.Disqualified++
		reasons[lead.Reason]++
		if ds.Files.Touches {
			v := verdict{campaign: loader.NoID, reason: lead.Reason}
			if t := lastTouchAtOrBefore(ds.PersonTouches(loader.ID(p)), lead.DisqualifiedAt); t != nil {
				v.campaign = t.Campaign
			}
			verdicts = append(verdicts, v)
		}
	}
	q.Reasons = s.reasonCounts(reasons)

	if !ds.Files.Touches {
		return q
	}
	q.ByCampaign = []LeadQualityCampaign{}
	slices.SortFunc(verdicts, func(a, b verdict) int {
		return cmp.Or(cmp.Compare(a.campaign, b.campaign), cmp.Compare(a.reason, b.reason))
	})
	funnelOf := make([]*Campaign, len(ds.Campaigns))
	for i := range funnel {
		if c, ok := ds.CampaignIDs.Lookup(funnel[i].CampaignID); ok {
			funnelOf[c] = &funnel[i]
		}
	}
	var runs []ReasonCount
	for i := 0; i < len(verdicts); {
		c := verdicts[i].campaign
		row := LeadQualityCampaign{CampaignID: NoValue}
		if c != loader.NoID {
			row.CampaignID = s.campaignName(c)
			row.Name = ds.Campaigns[c].Name
		}
		runs = runs[:0]
		for ; i < len(verdicts) && verdicts[i].campaign == c; i++ {
			row.Disqualified++
			if n := len(runs); n > 0 && verdicts[i-1].reason == verdicts[i].reason {
				runs[n-1].Count++
			} else {
				runs = append(runs, ReasonCount{Reason: labelText(ds, verdicts[i].reason), Count: 1})
			}
		}
		row.Reasons = slices.Clone(runs)
		sortReasons(row.Reasons)
		if c != loader.NoID && funnelOf[c] != nil {
			row.MQLs, row.SQLRate, row.SQLRateCI = funnelOf[c].MQLs, funnelOf[c].SQLRate, funnelOf[c].SQLRateCI
		}
		q.ByCampaign = append(q.ByCampaign, row)
	}
	slices.SortFunc(q.ByCampaign, func(a, b LeadQualityCampaign) int { return strings.Compare(a.CampaignID, b.CampaignID) })
	return q
}

// reasonCounts returns the reasons with a non-zero count in counts (indexed
// by label), sorted as sortReasons does.
func (s *scope) reasonCounts(counts []int) []ReasonCount {
	out := []ReasonCount{}
	for label, n := range counts {
		if n > 0 {
			out = append(out, ReasonCount{Reason: labelText(s.ds, loader.Label(label)), Count: n})
		}
	}
	sortReasons(out)
	return out
}

// sortReasons sorts reasons by count descending then reason.
func sortReasons(reasons []ReasonCount) {
	slices.SortFunc(reasons, func(a, b ReasonCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Reason, b.Reason))
	})
}
