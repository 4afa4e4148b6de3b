package loader

import (
	"fmt"
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
//	companies: the names of the deals' companies
//
// HubSpot contacts and deals carry no campaign responses, content assets or
// sales activities: the dataset's Coverage says which report sections the
// files can and cannot feed.
func hubspotShapes() []shape {
	return []shape{hubContactsShape(), hubDealsShape(), hubCompaniesShape()}
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
	companies   map[string]string // company Record ID -> Company name
}

func (l *load) hubspot() *hubState {
	if l.hub == nil {
		l.hub = &hubState{openStages: map[string]map[string]bool{}, dateOnly: map[string]bool{}, companies: map[string]string{}}
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

// firstName returns the first name of a HubSpot list of associated
// records' names ("Acme Corp;Globex"). Names may hold commas ("Acme,
// Inc."), so only ";" separates them.
func firstName(s string) string {
	name, _, _ := strings.Cut(s, ";")
	return strings.TrimSpace(name)
}

// firstID returns the first id of a HubSpot list of ids.
func firstID(s string) string {
	if ids := splitIDs(s); len(ids) > 0 {
		return ids[0]
	}
	return ""
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
