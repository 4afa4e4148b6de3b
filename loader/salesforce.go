package loader

import "fmt"

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
	return []shape{
		sfUserShape(),
		sfHistoryShape(),
		sfLeadShape(),
		sfContactShape(),
		sfAccountShape(),
		sfCampaignShape(),
		sfMemberShape(),
		sfTaskShape(),
		sfOpportunityShape(),
		sfContactRoleShape(),
	}
}

// Fields several Salesforce objects share. Roles named like a canonical
// column feed that column as they are.
func sfOwner() field {
	return opt("owner", "OwnerId", "Owner.Name", "Owner Name", "Lead Owner", "Contact Owner", "Opportunity Owner", "Owner")
}

// sfLeadSource is the lead source of a lead, contact or opportunity.
func sfLeadSource() field { return opt("source", "LeadSource", "Lead Source") }

// sfCustom are the columns of custom fields, named by a mapping file.
func sfCustom() []field {
	return []field{opt("mql_at"), opt("sql_at"), opt("disqualified_at"), opt("disqualify_reason"), opt("origin")}
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
	accounts    map[string]string // Account Id -> name (Account.csv)
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
			users: map[string]string{}, accounts: map[string]string{}, history: map[string][]stageChange{}}
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
