package loader

import (
	"fmt"
	"io"
	"reflect"
	"strings"
)

// HubSpot exports: the files the CRM's Export button writes, headed by
// property labels ("Record ID", "Create Date"; older portals write
// "Contact ID"), or by the internal names an API export writes. Each
// object feeds canonical files:
//
//	contacts -> leads          (Original Source gives the origin)
//	deals    -> opportunities  (Is Closed Won and Deal Stage give the status;
//	                            the first of the Associated Contact IDs is the
//	                            primary person)
//	         -> opportunity contacts (the other Associated Contact IDs)
//
// HubSpot contacts and deals carry no campaign responses, content assets or
// sales activities: the dataset's Coverage says which report sections the
// files can and cannot feed.
func hubspotShapes() []shape {
	custom := []field{opt("disqualified_at"), opt("disqualify_reason"), opt("origin")}
	return []shape{
		{Name: "HubSpot contacts", preset: "hubspot", kind: kindLeads, adapt: hubContacts, fields: append([]field{
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
		}, custom...)},
		{Name: "HubSpot deals", preset: "hubspot", kind: kindOpportunities, adapt: hubDeals, derived: &derivedShape{
			name: "opportunity contacts", kind: kindContacts, role: "contacts", table: hubDealContacts,
		}, fields: []field{
			req("opportunity_id", "Record ID", "Deal ID", "hs_object_id"),
			mark("deal", "Deal Name", "dealname"),
			req("created_at", "Create Date", "createdate", "Created Date", "Deal Create Date"),
			req("amount", "Amount", "amount", "Amount in company currency", "amount_in_home_currency"),
			req("close_date", "Close Date", "closedate", "Deal Close Date"),
			opt("amount_converted", "Amount in company currency", "amount_in_home_currency", "Amount in home currency"),
			opt("currency", "Currency", "deal_currency_code", "Deal Currency Code"),
			mark("deal_status", "Deal Stage", "Is Closed Won", "dealstage", "hs_is_closed_won"),
			opt("stage", "Deal Stage", "dealstage"),
			opt("is_won", "Is Closed Won", "hs_is_closed_won"),
			opt("is_closed", "Is Deal Closed?", "Is Closed", "hs_is_closed"),
			opt("owner", "Deal owner", "HubSpot Owner", "hubspot_owner_id"),
			opt("contacts", "Associated Contact IDs", "Associated Contact ID", "Associated Contacts IDs"),
			opt("account_id", "Associated Company IDs", "Associated Company ID", "Associated Company IDs (Primary)"),
			opt("source", "Original Source Type", "Original Traffic Source", "Original Source", "hs_analytics_source"),
			opt("origin"), opt("status"), opt("closed_at"), opt("lead_id"),
		}},
	}
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

// derivedShape is a second canonical file an export feeds, read after its
// first from what the first's adapter collected.
type derivedShape struct {
	// name says what the file's rows are taken for, e.g. "opportunity contacts".
	name string
	kind kind
	// role is the column the file needs to feed it.
	role  string
	table func(l *load, file string) *table
}

// hubState is shared by the HubSpot adapters: the files read, the deals'
// associated contacts, and what the notes and coverage report.
type hubState struct {
	contacts, deals []string // files read
	hasStageDate    [2]bool  // some contacts file has the MQL / SQL date
	hasSource       bool     // some contacts file has Original Source
	// assoc holds, per deal row, the contacts besides the primary one.
	assoc []hubAssoc
	// openStages are the deal stages read as open for want of a closed
	// column, per "file: column".
	openStages map[string]map[string]bool
	// stageNoDate counts contacts at the MQL / SQL lifecycle stage without
	// the date they entered it.
	stageNoDate [2]int
	dateOnly    map[string]bool
}

// hubAssoc is the associated contacts of one deal row.
type hubAssoc struct {
	file, deal string
	line       int
	contacts   []string
}

func (l *load) hubspot() *hubState {
	if l.hub == nil {
		l.hub = &hubState{openStages: map[string]map[string]bool{}, dateOnly: map[string]bool{}}
	}
	return l.hub
}

// hubOrigin returns a contact's or deal's origin from its Original Source:
// the mapping's values.origin first; "Offline Sources" created by a user
// in the CRM (drill-down CRM_UI, the sales extension, BCC to CRM) is
// sales, other offline sources (imports, integrations, the API) other;
// online sources are marketing (see defaultOrigins).
func hubOrigin(fm *FileMapping, source, detail string) string {
	if v, ok := fm.value("origin", source); ok {
		return v
	}
	switch strings.ToLower(strings.ReplaceAll(source, "_", " ")) {
	case "offline sources", "offline", "offline source":
		switch strings.ToLower(strings.ReplaceAll(detail, "_", " ")) {
		case "crm ui", "crm", "sales", "extension", "sales extension", "bcc to crm", "bcc", "email integration", "mobile ios", "mobile android":
			return "sales"
		}
		return "other"
	}
	return fm.origin(source)
}

// splitIDs splits a HubSpot list of ids ("101;102", "101, 102").
func splitIDs(s string) []string {
	var ids []string
	for _, id := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// firstID returns the first id of a HubSpot list of ids.
func firstID(s string) string {
	if ids := splitIDs(s); len(ids) > 0 {
		return ids[0]
	}
	return ""
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

func hubDeals(l *load, src *table, c cols) (*table, error) {
	h := l.hubspot()
	h.deals = append(h.deals, src.File)
	names := columnsOf(reflect.TypeOf(opportunityRow{})).names
	iStatus, iClosed, iOrigin, iLead, iAccount, iAmount := colOf(names, "status"), colOf(names, "closed_at"), colOf(names, "origin"), colOf(names, "lead_id"), colOf(names, "account_id"), colOf(names, "amount")
	fm := l.opts.Mapping.file(src.File)
	// The adapter needs each record's line, to pair a deal's contacts with
	// the deal row the opportunity reader kept.
	line, next := 0, src.next
	src.next = func() ([]string, int, error) {
		rec, n, err := next()
		line = n
		return rec, n, err
	}
	closeCol := strings.TrimSpace(src.Raw[c["close_date"]])
	var stageKey string
	if c.has("stage") && !c.has("is_closed") && !c.has("status") {
		stageKey = src.File + ": " + strings.TrimSpace(src.Raw[c["stage"]])
	}
	t := l.adaptRows(src, c, kindOpportunities, func(rec, out []string, t *table) bool {
		l.money(rec, out, iAmount, c, t)
		exportAmount(rec, out, iAmount, c, t)
		if !c.has("status") {
			out[iStatus] = fm.status(rec, c, t)
			if _, mapped := fm.value("status", c.get(rec, "stage")); stageKey != "" && out[iStatus] == "open" && !mapped {
				if h.openStages[stageKey] == nil {
					h.openStages[stageKey] = map[string]bool{}
				}
				if len(h.openStages[stageKey]) < 20 {
					h.openStages[stageKey][c.get(rec, "stage")] = true
				}
			}
		}
		if !c.has("closed_at") && out[iStatus] != "open" && out[iStatus] != "" {
			out[iClosed] = c.get(rec, "close_date")
			if v := strings.TrimSpace(out[iClosed]); v != "" && !strings.Contains(v, ":") {
				h.dateOnly[src.File+": "+closeCol] = true
			}
		}
		if !c.has("origin") && c.has("source") {
			out[iOrigin] = hubOrigin(fm, c.get(rec, "source"), "")
		}
		out[iAccount] = firstID(out[iAccount])
		ids := splitIDs(c.get(rec, "contacts"))
		if !c.has("lead_id") && len(ids) > 0 {
			out[iLead], ids = ids[0], ids[1:]
		}
		if len(ids) > 0 {
			h.assoc = append(h.assoc, hubAssoc{file: src.File, deal: c.get(rec, "opportunity_id"), line: line, contacts: ids})
		}
		return true
	})
	t.origin["status"] = "Is Closed Won/Deal Stage"
	t.origin["closed_at"] = closeCol
	if c.has("contacts") && !c.has("lead_id") {
		t.origin["lead_id"] = strings.TrimSpace(src.Raw[c["contacts"]])
	}
	return noteComputed(t, src, c), nil
}

// hubDealContacts returns the opportunity contacts of the deals file:
// every associated contact of a deal besides the primary one, at the line
// of the deal row. Rows of deals the opportunity reader skipped (their
// problem is already reported) give none.
func hubDealContacts(l *load, file string) *table {
	names := columnsOf(reflect.TypeOf(contactRow{})).names
	h := l.hubspot()
	t := &table{File: file, header: names, adapted: true, origin: map[string]string{"opportunity_id": "Record ID", "lead_id": "Associated Contact IDs"}}
	i, j := 0, 0
	rec := make([]string, 2)
	t.next = func() ([]string, int, error) {
		for ; i < len(h.assoc); i, j = i+1, 0 {
			a := &h.assoc[i]
			if a.file != file || j == 0 && !l.keptOpportunity(a.deal, file, a.line) {
				continue
			}
			if j < len(a.contacts) {
				rec[0], rec[1] = a.deal, a.contacts[j]
				j++
				return rec, a.line, nil
			}
		}
		return nil, 0, io.EOF
	}
	return t
}

// keptOpportunity reports whether the opportunity reader kept the row of
// id at line of file.
func (l *load) keptOpportunity(id, file string, line int) bool {
	o, ok := l.ds.OpportunityIDs.Lookup(id)
	return ok && int(o) < len(l.oppAt) && l.oppAt[o] == fileLine{file, line}
}

// hubNotes turns what the HubSpot adapters saw into dataset notes and the
// coverage of the report's sections.
func (l *load) hubNotes() {
	h := l.hub
	if h == nil {
		return
	}
	stage := [2]string{"Marketing Qualified Lead", "Sales Qualified Lead"}
	for s, n := range h.stageNoDate {
		if n > 0 {
			l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("HubSpot: %s at the lifecycle stage %s %s no date for entering it, so %s in no period's %ss.",
				plural(n, "contact", "contacts"), stage[s], map[bool]string{true: "has", false: "have"}[n == 1], map[bool]string{true: "it counts", false: "they count"}[n == 1], [2]string{"MQL", "SQL"}[s]))
		}
	}
	for _, k := range sortedKeys(h.openStages) {
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("%s: deals at the stages %s are taken as open (no \"Is Deal Closed?\" column says otherwise); a mapping file's values.status can map a closed stage to won or lost.",
			k, strings.Join(quoteAll(sortedKeys(h.openStages[k])), ", ")))
	}
	for _, k := range sortedKeys(h.dateOnly) {
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("%s is a date without a time: such values are read as local midnight.", k))
	}
	l.ds.Coverage = l.hubCoverage()
}

// plural writes n with the singular or plural noun: "1 contact", "2 contacts".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

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

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
