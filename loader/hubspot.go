package loader

import (
	"fmt"
	"reflect"
	"strings"
)

// hubState is shared by the HubSpot adapters.
type hubState struct {
	// contacts holds, per deal id, the associated contact ids after the
	// first (which becomes the deal's lead_id), for opportunity_contacts.
	contacts map[string][]string
	order    []string // deal ids in file order
	file     string
	deals    int
}

func (l *load) hub() *hubState {
	if l.hubs == nil {
		l.hubs = &hubState{contacts: map[string][]string{}}
	}
	return l.hubs
}

// hubspotShapes are HubSpot's contact and deal exports, by their property
// labels (as the export dialog writes them) and internal names.
func hubspotShapes() []shape {
	source := opt("source", "Original Source", "Original Traffic Source", "Original source", "hs_analytics_source")
	return []shape{
		{Name: "HubSpot contacts", preset: "hubspot", kind: kindLeads, adapt: hubContacts, fields: []field{
			req("lead_id", "Record ID", "Contact ID", "hs_object_id"),
			req("created_at", "Create Date", "createdate"),
			req("contact", "Lifecycle Stage", "lifecyclestage", "Email", "First Name"),
			opt("mql_at", "Became a Marketing Qualified Lead Date", `Date entered "Marketing Qualified Lead (Lifecycle Stage Pipeline)"`,
				"hs_lifecyclestage_marketingqualifiedlead_date", "hs_v2_date_entered_marketingqualifiedlead"),
			opt("sql_at", "Became a Sales Qualified Lead Date", `Date entered "Sales Qualified Lead (Lifecycle Stage Pipeline)"`,
				"hs_lifecyclestage_salesqualifiedlead_date", "hs_v2_date_entered_salesqualifiedlead"),
			source,
			opt("owner", "Contact owner", "Contact Owner", "hubspot_owner_id"),
			opt("region", "Country/Region", "Country", "country"),
			opt("state", "State/Region", "State", "state"),
			opt("industry", "Industry", "industry"),
			opt("account_id", "Associated Company ID", "Associated Company IDs", "Company ID", "associatedcompanyid"),
			opt("origin"), opt("disqualified_at"), opt("disqualify_reason"),
		}},
		{Name: "HubSpot deals", preset: "hubspot", kind: kindOpportunities, adapt: hubDeals, fields: []field{
			req("opportunity_id", "Record ID", "Deal ID", "hs_object_id"),
			req("deal", "Deal Name", "Deal Stage", "dealname", "dealstage"),
			req("created_at", "Create Date", "createdate"),
			req("amount", "Amount", "amount"),
			opt("close_date", "Close Date", "closedate"),
			opt("stage", "Deal Stage", "dealstage"),
			opt("is_won", "Is Closed Won", "Is closed won", "hs_is_closed_won"),
			opt("is_closed", "Is Closed", "Is closed", "hs_is_closed"),
			opt("owner", "Deal owner", "Deal Owner", "hubspot_owner_id"),
			opt("contacts", "Associated Contact IDs", "Associated Contact ID", "Associated Contacts", "Contact IDs"),
			opt("account_id", "Associated Company IDs", "Associated Company ID", "Associated Company"),
			source,
			opt("origin"), opt("status"), opt("closed_at"), opt("lead_id"),
		}},
	}
}

// hubContacts rewrites a HubSpot contacts export into leads.csv: origin
// from the original source, region from the country (else the state).
func hubContacts(l *load, src *table, c cols) (*table, error) {
	names := columnsOf(reflect.TypeOf(leadRow{})).names
	iRegion, iOrigin := colOf(names, "region"), colOf(names, "origin")
	fm := l.opts.Mapping.file(src.File)
	t := l.adaptRows(src, c, kindLeads, func(rec, out []string, t *table) bool {
		out[iRegion] = region(rec, c)
		if !c.has("origin") {
			out[iOrigin] = fm.origin(hubSource(c.get(rec, "source")))
		}
		return true
	})
	return noteComputed(t, src, c), nil
}

// hubSource turns HubSpot's source values (ORGANIC_SEARCH) into words.
func hubSource(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", " "))
}

// hubDeals rewrites a HubSpot deals export into opportunities.csv. The
// status comes from "Is Closed Won" and "Is Closed", else from the stage
// name; the first associated contact is the deal's lead, the others go to
// opportunity_contacts.
func hubDeals(l *load, src *table, c cols) (*table, error) {
	h := l.hub()
	h.file = src.File
	names := columnsOf(reflect.TypeOf(opportunityRow{})).names
	iStatus, iClosed, iOrigin, iLead := colOf(names, "status"), colOf(names, "closed_at"), colOf(names, "origin"), colOf(names, "lead_id")
	fm := l.opts.Mapping.file(src.File)
	t := l.adaptRows(src, c, kindOpportunities, func(rec, out []string, t *table) bool {
		h.deals++
		if !c.has("status") {
			out[iStatus] = hubStatus(rec, c, t, fm)
		}
		if !c.has("closed_at") && out[iStatus] != "open" {
			out[iClosed] = c.get(rec, "close_date")
		}
		if !c.has("origin") {
			out[iOrigin] = fm.origin(hubSource(c.get(rec, "source")))
		}
		if !c.has("lead_id") {
			ids := splitIDs(c.get(rec, "contacts"))
			if len(ids) > 0 {
				out[iLead] = ids[0]
				if len(ids) > 1 {
					deal := c.get(rec, "opportunity_id")
					if _, seen := h.contacts[deal]; !seen {
						h.order = append(h.order, deal)
					}
					h.contacts[deal] = append(h.contacts[deal], ids[1:]...)
				}
			}
		}
		return true
	})
	t.origin["status"] = "Is Closed Won/Deal Stage"
	if c.has("close_date") {
		t.origin["closed_at"] = strings.TrimSpace(src.Raw[c["close_date"]])
	}
	if c.has("contacts") {
		t.origin["lead_id"] = strings.TrimSpace(src.Raw[c["contacts"]])
	}
	return noteComputed(t, src, c), nil
}

// hubStatus is won when "Is Closed Won" is true; lost when the deal is
// closed otherwise, or its stage says lost; else open. The mapping's
// values.status maps stage names first.
func hubStatus(rec []string, c cols, t *table, fm *FileMapping) string {
	stage := c.get(rec, "stage")
	if v, ok := fm.value("status", stage); ok {
		return v
	}
	won, hasWon := boolOf(rec, c, "is_won", t)
	closed, hasClosed := boolOf(rec, c, "is_closed", t)
	s := strings.ToLower(strings.ReplaceAll(stage, " ", ""))
	switch {
	case hasWon && won:
		return "won"
	case hasClosed && closed:
		return "lost"
	case s == "closedwon" && !hasWon:
		return "won"
	case strings.Contains(s, "closedlost") || s == "lost":
		return "lost"
	}
	return "open"
}

// splitIDs splits a list of associated ids ("101;102", "101, 102").
func splitIDs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == ' ' })
}

// hubNotes adds the deals' further contacts to people(o) and says which
// sections HubSpot exports can feed.
func (l *load) hubNotes() {
	h := l.hubs
	if h == nil {
		return
	}
	if len(h.order) > 0 {
		if l.oppLeads == nil {
			l.oppLeads = make([][]ID, len(l.ds.Opportunities))
		}
		for _, deal := range h.order {
			o, ok := l.ds.OpportunityIDs.Lookup(deal)
			if !ok {
				continue // the deal's row was bad
			}
			for _, id := range h.contacts[deal] {
				l.oppLeads[o] = append(l.oppLeads[o], l.person(id, h.file, "Associated Contact IDs", 0))
			}
		}
	}
	l.ds.Coverage = append(l.ds.Coverage,
		"HubSpot contacts and deals feed the totals, sourcing, pipeline hygiene, segments, trend and the previous period.",
		"Campaign funnel, attribution and content need campaign responses (a touches file, or Salesforce campaign members); HubSpot's contact and deal exports carry none.",
		"Follow-up speed needs sales activities (an activities file); lead-quality feedback needs disqualification dates.")
	if h.deals > 0 && len(h.order) == 0 {
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("%s: no deal lists more than one associated contact.", h.file))
	}
}
