package loader

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Salesforce exports: the API names Data Loader and Data Export write, and
// the labels of report exports. Each object feeds one canonical file:
//
//	Lead, Contact              -> leads        (a converted lead and its contact are one person)
//	Campaign                   -> campaigns    (Type is the channel, ActualCost the cost)
//	CampaignMember             -> touches      (responded members only, unless --all-members)
//	Task, Event                -> activities   (completed ones)
//	Opportunity                -> opportunities (IsClosed/IsWon or StageName give the status)
//	OpportunityContactRole     -> opportunity contacts
//
// MQL and SQL dates live in custom fields: a mapping file names them
// (columns: {mql_at: MQL_Date__c}).
func salesforceShapes() []shape {
	// Roles named like a canonical column feed that column as they are.
	owner := opt("owner", "OwnerId", "Owner.Name", "Owner Name", "Lead Owner", "Contact Owner", "Opportunity Owner", "Owner")
	leadSource := opt("source", "LeadSource", "Lead Source")
	custom := []field{opt("mql_at"), opt("sql_at"), opt("disqualified_at"), opt("disqualify_reason"), opt("origin")}
	return []shape{
		sfUserShape(),
		sfHistoryShape(),
		{Name: "Salesforce Lead", preset: "salesforce", kind: kindLeads, adapt: sfLeads, fields: append([]field{
			req("lead_id", "Id", "Lead ID"),
			opt("created_at", "CreatedDate", "Created Date", "Create Date"),
			mark("lead", "IsConverted", "Company", "ConvertedContactId", "Lead Status"),
			leadSource, owner,
			opt("status", "Status", "Lead Status"),
			opt("industry", "Industry"),
			opt("region", "Country", "CountryCode", "Country/Region"),
			opt("state", "State", "StateCode", "State/Province"),
			opt("is_converted", "IsConverted", "Converted"),
			opt("converted_contact_id", "ConvertedContactId", "Converted Contact ID"),
			opt("converted_opportunity_id", "ConvertedOpportunityId", "Converted Opportunity ID"),
			opt("account_id", "ConvertedAccountId", "Converted Account ID"),
		}, custom...)},
		{Name: "Salesforce Contact", preset: "salesforce", kind: kindLeads, adapt: sfContacts, fields: append([]field{
			req("lead_id", "Id", "Contact ID"),
			opt("created_at", "CreatedDate", "Created Date", "Create Date"),
			mark("contact", "LastName", "Last Name", "Email", "FirstName", "First Name"),
			req("account_id", "AccountId", "Account ID"),
			leadSource, owner,
			opt("region", "MailingCountry", "Mailing Country", "MailingCountryCode"),
			opt("state", "MailingState", "Mailing State/Province", "MailingStateCode"),
			opt("industry", "Industry", "Account.Industry"),
		}, custom...)},
		{Name: "Salesforce Account", preset: "salesforce", kind: kindLeads, unused: "no section of the report reads accounts' attributes", fields: []field{
			req("account_id", "Id", "Account ID"),
			req("name", "Name", "Account Name"),
			mark("account", "BillingCity", "BillingState", "BillingCountry", "AnnualRevenue", "NumberOfEmployees", "ParentId", "Industry", "Billing City", "Annual Revenue", "Employees"),
		}},
		{Name: "Salesforce Campaign", preset: "salesforce", kind: kindCampaigns, adapt: sfCampaigns, fields: []field{
			req("campaign_id", "Id", "Campaign ID"),
			req("name", "Name", "Campaign Name"),
			req("channel", "Type", "Campaign Type"),
			mark("campaign", "StartDate", "EndDate", "ActualCost", "BudgetedCost", "NumberSent", "Start Date", "End Date", "Actual Cost in Campaign"),
			opt("start_date", "StartDate", "Start Date"),
			opt("end_date", "EndDate", "End Date"),
			opt("cost", "ActualCost", "Actual Cost in Campaign", "Actual Cost"),
		}},
		{Name: "Salesforce CampaignMember", preset: "salesforce", kind: kindTouches, adapt: sfMembers, fields: []field{
			req("campaign_id", "CampaignId", "Campaign ID"),
			mark("member", "LeadId", "ContactId", "LeadOrContactId", "Lead ID", "Contact ID"),
			req("responded", "HasResponded", "Responded"),
			opt("lead", "LeadId", "Lead ID"),
			opt("contact", "ContactId", "Contact ID"),
			opt("lead_or_contact", "LeadOrContactId"),
			opt("first_responded", "FirstRespondedDate", "First Responded Date"),
			opt("created_at", "CreatedDate", "Created Date", "Member First Associated Date"),
			opt("touched_at"),
		}},
		{Name: "Salesforce Task", preset: "salesforce", kind: kindActivities, adapt: sfTasks, fields: []field{
			req("who", "WhoId", "Name ID", "Contact/Lead ID"),
			mark("subject", "Subject"),
			opt("completed", "CompletedDateTime", "Completed Date/Time"),
			opt("created_at", "CreatedDate", "Created Date"),
			opt("event_at", "ActivityDateTime", "Start Date Time"),
			opt("activity_date", "ActivityDate", "Due Date", "Date"),
			opt("type", "Type", "TaskSubtype", "Type__c", "Task Subtype"),
			opt("owner", "OwnerId", "Assigned", "Assigned To"),
			opt("status", "Status"),
			opt("is_closed", "IsClosed", "Closed"),
			opt("occurred_at"),
		}},
		{Name: "Salesforce Opportunity", preset: "salesforce", kind: kindOpportunities, adapt: sfOpportunities, fields: []field{
			req("opportunity_id", "Id", "Opportunity ID"),
			req("created_at", "CreatedDate", "Created Date"),
			req("close_date", sfCloseDate...),
			req("amount", "Amount"),
			mark("opportunity", "IsClosed", "IsWon", "Name", "Opportunity Name", "Closed", "Won"),
			opt("is_closed", "IsClosed", "Closed"),
			opt("is_won", "IsWon", "Won"),
			opt("stage", "StageName", "Stage"),
			opt("source", "LeadSource", "Lead Source"),
			owner,
			opt("account_id", "AccountId", "Account ID"),
			opt("contact", "ContactId", "Contact ID"),
			opt("campaign", "CampaignId", "Campaign ID", "Primary Campaign Source"),
			opt("currency", "CurrencyIsoCode", "Opportunity Currency", "Currency"),
			opt("amount_converted", "Amount (converted)", "Amount (Converted)", "ConvertedAmount"),
			opt("origin"), opt("status"), opt("closed_at"), opt("lead_id"),
		}},
		{Name: "Salesforce OpportunityContactRole", preset: "salesforce", kind: kindContacts, adapt: sfContactRoles, fields: []field{
			req("opportunity_id", "OpportunityId", "Opportunity ID"),
			req("contact", "ContactId", "Contact ID"),
			opt("role", "Role", "Contact Role"),
			opt("is_primary", "IsPrimary", "Primary"),
		}},
	}
}

// sfCloseDate are the spellings of an Opportunity's CloseDate: a mapping
// that names another column for the closing date wins over the stage
// history.
var sfCloseDate = []string{"CloseDate", "Close Date"}

// adaptRows returns a table of canonical kind k over src. Columns whose
// role is a canonical column are copied; compute fills or changes the rest
// and returns false to leave a record out. The mapping's value maps and
// fixed values are applied last.
func (l *load) adaptRows(src *table, c cols, k kind, compute func(rec, out []string, t *table) bool) *table {
	names := columnsOf(reflect.TypeOf(kindRows[k])).names
	t := &table{File: src.File, Raw: src.Raw, Dialect: src.Dialect, header: names, origin: map[string]string{}, excel: src.excel}
	from := make([]int, len(names))
	for i, n := range names {
		from[i] = -1
		if j, ok := c[n]; ok {
			from[i] = j
			t.origin[n] = strings.TrimSpace(strings.TrimPrefix(src.Raw[j], "\ufeff"))
		}
	}
	fm := l.opts.Mapping.file(src.File)
	if fm != nil {
		for n := range fm.Fixed {
			t.origin[n] = "(mapping)"
		}
	}
	out := make([]string, len(names))
	iOwner := -1
	if l.sfs != nil && len(l.sfs.users) > 0 {
		for i, n := range names {
			if n == "owner" {
				iOwner = i
			}
		}
	}
	t.adapted = true
	t.next = func() ([]string, int, error) {
		for {
			rec, line, err := src.next()
			if err != nil {
				return nil, line, err
			}
			for i, j := range from {
				out[i] = ""
				if j >= 0 && j < len(rec) {
					out[i] = rec[j]
				}
			}
			if iOwner >= 0 {
				out[iOwner] = l.sfs.ownerName(out[iOwner])
			}
			if compute != nil && !compute(rec, out, t) {
				t.issues = t.issues[:0]
				continue
			}
			fm.apply(names, out)
			return out, line, nil
		}
	}
	return t
}

// kindRows holds a zero row struct of each kind.
var kindRows = [numKinds]any{campaignRow{}, assetRow{}, leadRow{}, touchRow{}, activityRow{}, opportunityRow{}, contactRow{}}

// colOf returns the index of canonical column n in names.
func colOf(names []string, n string) int {
	for i, v := range names {
		if v == n {
			return i
		}
	}
	panic("loader: no column " + n)
}

// boolOf reads a boolean of role; a bad value becomes an issue of t.
func boolOf(rec []string, c cols, role string, t *table) (v, ok bool) {
	s := c.get(rec, role)
	if s == "" {
		return false, false
	}
	b, good := ParseBool(s)
	if !good {
		t.issues = append(t.issues, issue{column: t.Raw[c[role]], problem: quote(s) + " is not true or false"})
		return false, false
	}
	return b, true
}

// sfState is what the Salesforce files tell each other: the contact id of
// each converted lead, and the lead converted into each opportunity.
type sfState struct {
	contactLead map[string]string // ConvertedContactId -> lead Id
	oppLead     map[string]string // ConvertedOpportunityId -> lead Id
	merged      int               // contacts that are converted leads
	dateOnly    map[string]bool   // "file: column" of date-only values used
	unresponded int
	openTasks   int
	users       map[string]string // User Id -> name (User.csv)
	// history holds, per opportunity id, its stage changes (OpportunityHistory.csv).
	history map[string][]stageChange
	// fromHistory counts the opportunities whose closing date the history gave.
	fromHistory int
	historyFile string
	// campaignOf lists the opportunities that name a Primary Campaign
	// Source, for the touches it implies.
	campaignOf []oppCampaign
}

func (l *load) sf() *sfState {
	if l.sfs == nil {
		l.sfs = &sfState{contactLead: map[string]string{}, oppLead: map[string]string{}, dateOnly: map[string]bool{},
			users: map[string]string{}, history: map[string][]stageChange{}}
	}
	return l.sfs
}

// personOf returns the person id of a Salesforce contact or lead id: the
// lead's id when the contact is a converted lead.
func (s *sfState) personOf(id string) string {
	if lead, ok := s.contactLead[id]; ok {
		return lead
	}
	return id
}

// region is the country, else the state.
func region(rec []string, c cols) string {
	if v := c.get(rec, "region"); v != "" {
		return v
	}
	return c.get(rec, "state")
}

// noteComputed names the origin of the region and origin columns an
// adapter computes, so that they count as present.
func noteComputed(t *table, src *table, c cols) *table {
	for _, role := range []string{"region", "state"} {
		if c.has(role) {
			t.origin["region"] = strings.TrimSpace(src.Raw[c[role]])
			break
		}
	}
	if c.has("source") && !c.has("origin") {
		t.origin["origin"] = strings.TrimSpace(src.Raw[c["source"]])
	}
	return t
}

func sfLeads(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	l.noteNoCreated(src, c, "CreatedDate", "campaign members, tasks and opportunities")
	names := columnsOf(reflect.TypeOf(leadRow{})).names
	iRegion, iOrigin := colOf(names, "region"), colOf(names, "origin")
	fm := l.opts.Mapping.file(src.File)
	return noteComputed(l.adaptRows(src, c, kindLeads, func(rec, out []string, t *table) bool {
		out[iRegion] = region(rec, c)
		if !c.has("origin") {
			out[iOrigin] = fm.origin(c.get(rec, "source"))
		}
		id := c.get(rec, "lead_id")
		converted, _ := boolOf(rec, c, "is_converted", t)
		if contact := c.get(rec, "converted_contact_id"); contact != "" && id != "" && (converted || !c.has("is_converted")) {
			s.contactLead[contact] = id
		}
		if opp := c.get(rec, "converted_opportunity_id"); opp != "" && id != "" {
			s.oppLead[opp] = id
		}
		return true
	}), src, c), nil
}

func sfContacts(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	l.noteNoCreated(src, c, "CreatedDate", "campaign members, tasks and opportunities")
	names := columnsOf(reflect.TypeOf(leadRow{})).names
	iRegion, iOrigin := colOf(names, "region"), colOf(names, "origin")
	fm := l.opts.Mapping.file(src.File)
	return noteComputed(l.adaptRows(src, c, kindLeads, func(rec, out []string, t *table) bool {
		if _, ok := s.contactLead[c.get(rec, "lead_id")]; ok {
			s.merged++ // the converted lead's row stands for this person
			return false
		}
		out[iRegion] = region(rec, c)
		if !c.has("origin") {
			out[iOrigin] = fm.origin(c.get(rec, "source"))
		}
		return true
	}), src, c), nil
}

func sfCampaigns(l *load, src *table, c cols) (*table, error) {
	return l.adaptRows(src, c, kindCampaigns, nil), nil
}

func sfMembers(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	names := columnsOf(reflect.TypeOf(touchRow{})).names
	iLead, iAt := colOf(names, "lead_id"), colOf(names, "touched_at")
	t := l.adaptRows(src, c, kindTouches, func(rec, out []string, t *table) bool {
		responded, _ := boolOf(rec, c, "responded", t)
		if !responded && !l.opts.AllMembers {
			s.unresponded++
			return false
		}
		id := c.get(rec, "lead")
		if id == "" {
			id = c.get(rec, "contact")
		}
		if id == "" {
			id = c.get(rec, "lead_or_contact")
		}
		out[iLead] = s.personOf(id)
		if c.has("touched_at") {
			return true
		}
		// The response date is a date: the finer CreatedDate is used when it
		// falls on that day (or when the member has not responded).
		created, first := c.get(rec, "created_at"), c.get(rec, "first_responded")
		out[iAt] = created
		if responded && first != "" && (created == "" || !sameDay(created, first, l)) {
			out[iAt] = first
			s.dateOnly[src.File+": "+t.Raw[c["first_responded"]]] = true
		}
		return true
	})
	t.origin["lead_id"] = "LeadId/ContactId"
	if c.has("created_at") {
		t.origin["touched_at"] = strings.TrimSpace(src.Raw[c["created_at"]])
	} else if c.has("first_responded") {
		t.origin["touched_at"] = strings.TrimSpace(src.Raw[c["first_responded"]])
	}
	return t, nil
}

// sameDay reports whether timestamp a falls on date b (both as written).
func sameDay(a, b string, l *load) bool {
	ta, _, err1 := parseTimeAny(a, l.opts.Location, l.opts.DateOrder)
	tb, _, err2 := parseTimeAny(b, l.opts.Location, l.opts.DateOrder)
	return err1 == nil && err2 == nil && DayOf(ta, l.opts.Location) == DayOf(tb, l.opts.Location)
}

func sfTasks(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	names := columnsOf(reflect.TypeOf(activityRow{})).names
	iLead, iAt := colOf(names, "lead_id"), colOf(names, "occurred_at")
	t := l.adaptRows(src, c, kindActivities, func(rec, out []string, t *table) bool {
		if closed, ok := boolOf(rec, c, "is_closed", t); ok && !closed || !ok && openTaskStatus(c.get(rec, "status")) {
			s.openTasks++
			return false
		}
		out[iLead] = s.personOf(c.get(rec, "who"))
		if c.has("occurred_at") {
			return true
		}
		for _, role := range []string{"completed", "created_at", "event_at"} {
			if v := c.get(rec, role); v != "" {
				out[iAt] = v
				return true
			}
		}
		if v := c.get(rec, "activity_date"); v != "" {
			out[iAt] = v
			s.dateOnly[src.File+": "+t.Raw[c["activity_date"]]] = true
		}
		return true
	})
	t.origin["lead_id"] = "WhoId"
	t.origin["occurred_at"] = "CompletedDateTime/CreatedDate"
	return t, nil
}

// openTaskStatus reports whether a task status says it has not been done.
func openTaskStatus(s string) bool {
	switch strings.ToLower(s) {
	case "not started", "in progress", "open", "waiting on someone else", "deferred":
		return true
	}
	return false
}

func sfOpportunities(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	names := columnsOf(reflect.TypeOf(opportunityRow{})).names
	iStatus, iClosed, iOrigin, iLead, iAmount := colOf(names, "status"), colOf(names, "closed_at"), colOf(names, "origin"), colOf(names, "lead_id"), colOf(names, "amount")
	fm := l.opts.Mapping.file(src.File)
	// A closing date the mapping names wins over the stage history.
	mappedClose := false
	for _, role := range []string{"close_date", "closed_at"} {
		if col := fm.columns()[role]; col != "" && !contains(normalizedHeader(sfCloseDate), normalizeHeader(col)) {
			mappedClose = true
		}
	}
	t := l.adaptRows(src, c, kindOpportunities, func(rec, out []string, t *table) bool {
		l.money(rec, out, iAmount, c, t)
		exportAmount(rec, out, iAmount, c, t)
		if !c.has("status") {
			out[iStatus] = fm.status(rec, c, t)
		}
		if !c.has("closed_at") && out[iStatus] != "open" {
			out[iClosed] = c.get(rec, "close_date")
			if at := s.closedFromHistory(c.get(rec, "opportunity_id"), out[iStatus]); at != "" && !mappedClose {
				out[iClosed] = at
			}
		}
		if campaign := c.get(rec, "campaign"); campaign != "" {
			s.campaignOf = append(s.campaignOf, oppCampaign{opp: c.get(rec, "opportunity_id"), campaign: campaign, file: src.File})
		}
		if !c.has("origin") {
			out[iOrigin] = fm.origin(c.get(rec, "source"))
		}
		if !c.has("lead_id") {
			if contact := c.get(rec, "contact"); contact != "" {
				out[iLead] = s.personOf(contact)
			} else {
				out[iLead] = s.oppLead[c.get(rec, "opportunity_id")]
			}
		}
		return true
	})
	t.origin["status"] = "IsClosed/IsWon"
	if !c.has("is_closed") && c.has("stage") {
		t.origin["status"] = strings.TrimSpace(src.Raw[c["stage"]])
	}
	t.origin["closed_at"] = strings.TrimSpace(src.Raw[c["close_date"]])
	t.origin["lead_id"] = "ContactId"
	noteComputed(t, src, c)
	if c.has("close_date") {
		s.dateOnly[src.File+": "+strings.TrimSpace(src.Raw[c["close_date"]])] = true
	}
	return t, nil
}

// status derives an opportunity's status from IsClosed and IsWon, else
// from the stage name ("Closed Won", "Closed Lost"); the mapping's
// values.status maps stage names first.
func (f *FileMapping) status(rec []string, c cols, t *table) string {
	stage := c.get(rec, "stage")
	if v, ok := f.value("status", stage); ok {
		return v
	}
	if c.has("is_closed") || c.has("is_won") {
		before := len(t.issues)
		closed, okC := boolOf(rec, c, "is_closed", t)
		won, okW := boolOf(rec, c, "is_won", t)
		if len(t.issues) > before {
			for i := before; i < len(t.issues); i++ {
				t.issues[i].skip = true
			}
			return ""
		}
		switch {
		case okW && won:
			return "won"
		case okC && closed:
			return "lost"
		case okC && !closed:
			return "open"
		}
	}
	if stage == "" {
		return ""
	}
	return stageStatus(stage)
}

func sfContactRoles(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	names := columnsOf(reflect.TypeOf(contactRow{})).names
	iLead := colOf(names, "lead_id")
	t := l.adaptRows(src, c, kindContacts, func(rec, out []string, t *table) bool {
		out[iLead] = s.personOf(c.get(rec, "contact"))
		return true
	})
	t.origin["lead_id"] = "ContactId"
	return t, nil
}

// sfNotes turns what the Salesforce adapters did into dataset notes.
func (l *load) sfNotes() {
	s := l.sfs
	if s == nil {
		return
	}
	if n := s.fromHistory; n > 0 {
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("%s: %s closed when %s closed stage, as the stage history shows, not at CloseDate.",
			s.historyFile, plural(n, "opportunity is", "opportunities are"), map[bool]string{true: "it entered its", false: "they entered their"}[n == 1]))
	}
	if n := s.merged; n > 0 {
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("Salesforce: %s counted once, as the lead.", plural(n, "contact is a converted lead and is", "contacts are converted leads and are")))
	}
	if n := s.unresponded; n == 1 {
		l.ds.Notes = append(l.ds.Notes, "Salesforce: 1 campaign member has not responded and is not a touch (--all-members counts it).")
	} else if n > 1 {
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("Salesforce: %d campaign members have not responded and are not touches (--all-members counts them).", n))
	}
	if n := s.openTasks; n == 1 {
		l.ds.Notes = append(l.ds.Notes, "Salesforce: 1 task is not completed and is not a follow-up.")
	} else if n > 1 {
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("Salesforce: %d tasks are not completed and are not follow-ups.", n))
	}
	for _, k := range sortedKeys(s.dateOnly) {
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("%s is a date without a time: such values are read as local midnight, used only where nothing finer exists.", k))
	}
}

// Salesforce record ids come in two forms: 15 characters, case-sensitive
// (report exports, the user interface), and 18 (the API, Data Loader),
// which are the 15 followed by a checksum of their letter case. A folder
// that mixes them would see two people in one; then every 18-character id
// is read as its first 15 characters.

// sfIDRoles are the roles of the Salesforce shapes that hold record ids.
var sfIDRoles = []string{"lead_id", "campaign_id", "opportunity_id", "account_id", "owner", "contact", "lead", "lead_or_contact",
	"who", "converted_contact_id", "converted_opportunity_id", "campaign"}

// sfIDSample is how many records of each Salesforce file are looked at to
// tell the id lengths it uses.
const sfIDSample = 100

// checkIDLengths looks at the record ids of the Salesforce files among
// srcs and sets sfIDs15 when some are written with 15 characters and some
// with 18, saying so in a note.
func (l *load) checkIDLengths(srcs []source) error {
	var short, long []string
	for _, s := range srcs {
		if s.match == nil || s.match.shape.preset != "salesforce" || s.derived != nil {
			continue
		}
		var cols []int
		for _, role := range sfIDRoles {
			if i, ok := s.match.cols[role]; ok {
				cols = append(cols, i)
			}
		}
		t, closer, err := l.openFile(s.name, s.path, nil)
		if err != nil {
			return err
		}
		has15, has18 := false, false
		for n := 0; n < sfIDSample; n++ {
			rec, _, err := t.next()
			var re *recordError
			if errors.As(err, &re) {
				continue
			}
			if err != nil {
				break
			}
			for _, i := range cols {
				if i < len(rec) {
					v := strings.TrimSpace(rec[i])
					has15 = has15 || len(v) == 15 && alphanumeric(v)
					has18 = has18 || sfID18(v)
				}
			}
		}
		closer.Close()
		if has15 {
			short = append(short, s.name)
		}
		if has18 {
			long = append(long, s.name)
		}
	}
	if len(short) > 0 && len(long) > 0 {
		l.sfIDs15 = true
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("Salesforce: record ids have 15 characters in %s and 18 in %s; an 18-character id is read as its first 15, which name the same record.",
			strings.Join(short, ", "), strings.Join(long, ", ")))
	}
	return nil
}

// shortIDs returns a table's next with every 18-character Salesforce id
// cut to its 15-character form.
func shortIDs(next func() ([]string, int, error)) func() ([]string, int, error) {
	return func() ([]string, int, error) {
		rec, line, err := next()
		for i, v := range rec {
			if len(v) >= 18 {
				if id := strings.TrimSpace(v); sfID18(id) {
					rec[i] = id[:15]
				}
			}
		}
		return rec, line, err
	}
}

// sfID18 reports whether s is an 18-character Salesforce id: 15
// alphanumeric characters and the checksum of their case. Each of the
// last three characters encodes five of the first fifteen: bit i is set
// when character i is an upper-case letter, and the five bits index
// "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".
func sfID18(s string) bool {
	if len(s) != 18 || !alphanumeric(s) {
		return false
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	for chunk := 0; chunk < 3; chunk++ {
		bits := 0
		for i := 0; i < 5; i++ {
			if c := s[chunk*5+i]; c >= 'A' && c <= 'Z' {
				bits |= 1 << i
			}
		}
		if s[15+chunk] != alphabet[bits] {
			return false
		}
	}
	return true
}

func alphanumeric(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
