package loader

import (
	"reflect"
	"strings"
)

// hubContactsShape is the contacts export: people, with Original Source
// for their origin and the dates they entered the MQL and SQL stages.
func hubContactsShape() shape {
	custom := []field{opt("disqualified_at"), opt("disqualify_reason"), opt("origin")}
	return shape{Name: "HubSpot contacts", preset: "hubspot", kind: kindLeads, adapt: hubContacts, fields: append([]field{
		req("lead_id", "Record ID", "Contact ID", "hs_object_id", "vid"),
		opt("created_at", "Create Date", "Create date", "createdate", "Created Date"),
		mark("contact", "Email", "First Name", "Last Name", "Contact owner", "firstname", "lastname", "email"),
		opt("lifecycle_stage", "Lifecycle Stage", "lifecyclestage", "Lifecycle stage"),
		opt("mql_at", append(stageDateNames("Marketing Qualified Lead", "marketingqualifiedlead"), "Became a MQL Date", "MQL Date")...),
		opt("sql_at", append(stageDateNames("Sales Qualified Lead", "salesqualifiedlead"), "Became a SQL Date", "SQL Date")...),
		opt("source", "Original Source", "Original Traffic Source", "hs_analytics_source"),
		opt("source_detail", "Original Source Drill-Down 1", "Original Traffic Source Drill-Down 1", "hs_analytics_source_data_1"),
		opt("owner", "Contact owner", "HubSpot Owner", "hubspot_owner_id"),
		opt("region", "Country/Region", "Country", "country"),
		opt("state", "State/Region", "state"),
		opt("industry", "Industry", "industry"),
		opt("account_id", "Associated Company IDs", "Associated Company ID", "Associated Company IDs (Primary)", "associatedcompanyid"),
	}, custom...)}
}

// stageDateNames lists the spellings of the date a contact entered a
// lifecycle stage: the classic "Became a ... Date" property and the
// "Date entered ..." property of the lifecycle stage pipeline, with the
// quotes HubSpot writes around the stage (straight, curly or none).
func stageDateNames(label, internal string) []string {
	names := []string{"Became a " + label + " Date", "Became an " + label + " Date", "Date entered " + label, label + " Date", "Date became " + label}
	for _, q := range [][2]string{{`"`, `"`}, {"\u201c", "\u201d"}, {"'", "'"}, {"", ""}} {
		names = append(names, "Date entered "+q[0]+label+" (Lifecycle Stage Pipeline)"+q[1])
	}
	return append(names, "hs_lifecyclestage_"+internal+"_date", "hs_v2_date_entered_"+internal)
}

// lifecycleStage returns the index of a lifecycle stage among MQL and SQL
// (0, 1), or -1. Exports write the label ("Marketing Qualified Lead"), the
// API the internal name ("marketingqualifiedlead").
func lifecycleStage(s string) int {
	switch strings.ToLower(strings.ReplaceAll(s, " ", "")) {
	case "marketingqualifiedlead", "mql":
		return 0
	case "salesqualifiedlead", "sql":
		return 1
	}
	return -1
}

// hubContacts adapts a contacts export to leads, counting the contacts at
// the MQL or SQL stage without the date they entered it.
func hubContacts(l *load, src *table, c cols) (*table, error) {
	h := l.hubspot()
	l.noteNoCreated(src, c, "Create Date", "deals")
	h.contacts = append(h.contacts, src.File)
	h.hasStageDate[0] = h.hasStageDate[0] || c.has("mql_at")
	h.hasStageDate[1] = h.hasStageDate[1] || c.has("sql_at")
	h.hasSource = h.hasSource || c.has("source") || c.has("origin")
	names := columnsOf(reflect.TypeOf(leadRow{})).names
	iRegion, iOrigin, iAccount := colOf(names, "region"), colOf(names, "origin"), colOf(names, "account_id")
	stageAt := [2]int{colOf(names, "mql_at"), colOf(names, "sql_at")}
	fm := l.opts.Mapping.file(src.File)
	t := l.adaptRows(src, c, kindLeads, func(rec, out []string, t *table) bool {
		out[iRegion] = region(rec, c)
		if !c.has("origin") {
			out[iOrigin] = hubOrigin(fm, c.get(rec, "source"), c.get(rec, "source_detail"))
		}
		out[iAccount] = firstID(out[iAccount])
		if s := lifecycleStage(c.get(rec, "lifecycle_stage")); s >= 0 && h.hasStageDate[s] && strings.TrimSpace(out[stageAt[s]]) == "" {
			h.stageNoDate[s]++
		}
		return true
	})
	return noteComputed(t, src, c), nil
}
