package loader

import (
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
