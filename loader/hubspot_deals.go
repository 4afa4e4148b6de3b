package loader

import (
	"io"
	"reflect"
	"strings"
)

// hubDealsShape is the deals export: opportunities, and the opportunity
// contacts its Associated Contact IDs name.
func hubDealsShape() shape {
	return shape{Name: "HubSpot deals", preset: "hubspot", kind: kindOpportunities, adapt: hubDeals, derived: &derivedShape{
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
		opt("name", "Deal Name", "dealname"),
		opt("account_name", "Associated Company", "Associated Company (Primary)", "Associated Company Name", "Company name", "Company Name"),
		opt("source", "Original Source Type", "Original Traffic Source", "Original Source", "hs_analytics_source"),
		opt("origin"), opt("status"), opt("closed_at"), opt("lead_id"),
	}}
}

// hubAssoc is the associated contacts of one deal row.
type hubAssoc struct {
	file, deal string
	line       int
	contacts   []string
}

// hubDeals adapts a deals export to opportunities, keeping each deal's
// other associated contacts for hubDealContacts.
func hubDeals(l *load, src *table, c cols) (*table, error) {
	h := l.hubspot()
	h.deals = append(h.deals, src.File)
	names := columnsOf(reflect.TypeOf(opportunityRow{})).names
	iStatus, iClosed, iOrigin, iLead, iAccount, iAmount := colOf(names, "status"), colOf(names, "closed_at"), colOf(names, "origin"), colOf(names, "lead_id"), colOf(names, "account_id"), colOf(names, "amount")
	iAccountName := colOf(names, "account_name")
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
		out[iAccountName] = firstName(out[iAccountName])
		if !c.has("account_name") {
			out[iAccountName] = h.companies[out[iAccount]]
		}
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
