package loader

import (
	"fmt"
	"strings"
)

// Primary Campaign Source: an Opportunity's CampaignId names the campaign
// that sourced it. When the opportunity's primary person has no touch on
// that campaign (no responded CampaignMember row), the loader adds one, at
// the opportunity's created_at, so that the campaign gets the credit the
// CRM gives it. docs/metrics.md says so.

// oppCampaign is an opportunity naming its Primary Campaign Source.
type oppCampaign struct {
	opp, campaign, file string
}

// sfCampaignTouches adds the touches Primary Campaign Sources imply; run
// once every file is read, before touches are grouped.
func (l *load) sfCampaignTouches() {
	s := l.sfs
	if s == nil || len(s.campaignOf) == 0 {
		return
	}
	ds := l.ds
	has := map[[2]ID]bool{}
	for _, t := range l.rawTouches {
		has[[2]ID{t.Lead, t.Campaign}] = true
	}
	added, noPerson := map[string]int{}, map[string]int{}
	for _, oc := range s.campaignOf {
		o, ok := ds.OpportunityIDs.Lookup(oc.opp)
		if !ok {
			continue // the row was skipped; its problem is reported
		}
		opp := ds.Opportunities[o]
		if opp.Lead == NoID {
			noPerson[oc.file]++
			continue
		}
		c := ds.CampaignIDs.Intern(oc.campaign)
		if int(c) == len(ds.Campaigns) {
			ds.Campaigns = append(ds.Campaigns, Campaign{Start: NoDay, End: NoDay})
		}
		if has[[2]ID{opp.Lead, c}] {
			continue
		}
		has[[2]ID{opp.Lead, c}] = true
		l.rawTouches = append(l.rawTouches, Touch{At: opp.CreatedAt, Lead: opp.Lead, Campaign: c, Asset: NoID, row: int32(len(l.rawTouches))})
		added[oc.file]++
	}
	for _, f := range sortedKeys(added) {
		if !ds.Files.Touches {
			ds.Files.Touches = true
			l.read[kindTouches] = append(l.read[kindTouches], f)
		}
		n := added[f]
		ds.Notes = append(ds.Notes, fmt.Sprintf("%s: %s a Primary Campaign Source (CampaignId) on which %s no campaign response: each counts as a touch of that person on that campaign at the opportunity's creation.",
			f, plural(n, "opportunity names", "opportunities name"), map[bool]string{true: "its primary person has", false: "their primary people have"}[n == 1]))
	}
	for _, f := range sortedKeys(noPerson) {
		n := noPerson[f]
		ds.Notes = append(ds.Notes, fmt.Sprintf("%s: %s a Primary Campaign Source but no primary person (ContactId or a converted lead), so the campaign gets no touch from %s.",
			f, plural(n, "opportunity names", "opportunities name"), strings.TrimSpace(map[bool]string{true: "it", false: "them"}[n == 1])))
	}
}
