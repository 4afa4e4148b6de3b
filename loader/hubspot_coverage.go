package loader

import (
	"fmt"
	"strings"
)

// hubCoverage says, for each report section, which files feed it and,
// when none does, what it needs that HubSpot contacts and deals do not
// carry.
func (l *load) hubCoverage() []string {
	h := l.hub
	const hub = "HubSpot contacts and deals do not carry "
	have := func(ks ...kind) bool {
		for _, k := range ks {
			if len(l.read[k]) == 0 {
				return false
			}
		}
		return true
	}
	files := func(ks ...kind) string {
		var fs []string
		for _, k := range ks {
			for _, f := range l.read[k] {
				if !contains(fs, f) {
					fs = append(fs, f)
				}
			}
		}
		return strings.Join(fs, ", ")
	}
	var out []string
	add := func(section string, fed bool, from, needs string) {
		if fed {
			out = append(out, section+": from "+from)
		} else {
			out = append(out, section+": not fed: needs "+needs)
		}
	}

	// Totals are always there; say which figures are not.
	figures := "leads created"
	var lacks []string
	for s, name := range [2]string{"MQLs", "SQLs"} {
		if l.ds.HasColumn[LeadsFile+"."+[2]string{"mql_at", "sql_at"}[s]] {
			figures += map[bool]string{true: " and ", false: ", "}[s == 1 || !l.ds.HasColumn[LeadsFile+".sql_at"]] + name
		} else {
			lacks = append(lacks, fmt.Sprintf("%s need the date a lead entered the stage (HubSpot's \"Became a %s Date\"), not in %s", name, [2]string{"Marketing Qualified Lead", "Sales Qualified Lead"}[s], files(kindLeads)))
		}
	}
	totals := "totals: " + figures + " from " + files(kindLeads)
	if have(kindOpportunities) {
		totals += "; opportunities, pipeline, wins, losses and revenue from " + files(kindOpportunities)
	} else {
		lacks = append(lacks, "opportunities, pipeline and revenue need a deals export")
	}
	if have(kindTouches) {
		totals += "; responders from " + files(kindTouches)
	} else {
		lacks = append(lacks, "responders need campaign touches (touches.csv), which HubSpot contacts and deals do not carry")
	}
	if have(kindCampaigns) {
		totals += "; cost from " + files(kindCampaigns)
	} else {
		lacks = append(lacks, "cost needs a campaign list with costs (campaigns.csv)")
	}
	if len(lacks) > 0 {
		totals += "; " + strings.Join(lacks, "; ")
	}
	out = append(out, totals)

	add("campaigns", have(kindCampaigns, kindTouches), files(kindCampaigns, kindTouches),
		"a campaign list and campaign touches (campaigns.csv and touches.csv): "+hub+"campaign responses")
	add("latency", have(kindActivities), files(kindActivities),
		"sales activities such as calls, emails and meetings (activities.csv): "+hub+"them")
	add("asset_types", have(kindAssets, kindTouches), files(kindAssets, kindTouches),
		"content assets and the touches that used them (assets.csv and touches.csv): "+hub+"them")
	source := ""
	if h.hasSource {
		source = ", with origins from the contacts' Original Source"
	}
	add("sourcing", have(kindOpportunities), files(kindOpportunities)+source, "a deals export")
	add("attribution", have(kindTouches, kindOpportunities), files(kindTouches, kindOpportunities),
		"campaign touches (touches.csv) besides the deals: "+hub+"campaign responses")
	hygiene := files(kindOpportunities)
	if !have(kindTouches) || !have(kindActivities) {
		hygiene += " (cold_created looks for touches and activities before each deal, and the folder has no touches.csv or activities.csv to look in)"
	}
	add("hygiene", have(kindOpportunities), hygiene, "a deals export")
	add("lead_quality", l.ds.HasColumn[LeadsFile+".disqualified_at"], files(kindLeads),
		"the date sales disqualified a lead: HubSpot contacts carry none (a mapping file can name a custom property: columns: {disqualified_at: ...})")
	var segs []string
	for _, c := range []string{"region", "industry"} {
		if l.ds.HasColumn[LeadsFile+"."+c] {
			segs = append(segs, c)
		}
	}
	add("segments", len(segs) > 0, files(kindLeads)+" ("+strings.Join(segs, " and ")+")",
		"a region (Country/Region) or an industry (Industry) on the contacts")
	add("trend and previous", true, files(kindLeads, kindOpportunities), "")
	return out
}
