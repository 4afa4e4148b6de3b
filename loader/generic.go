package loader

import (
	"fmt"
	"reflect"
	"strings"
)

// Exports of other CRMs and of spreadsheets kept by hand: files headed in
// plain words (lead_id, "Lead Source", deal_stage, close_value) rather than
// a CRM's API names. Two shapes, listed after the canonical, Salesforce and
// HubSpot ones so that those win a tie:
//
//	CRM leads          -> leads          (an id, a creation date, source, owner)
//	CRM opportunities  -> opportunities  (an id, a creation date, a stage or a
//	                                      won date; the lead's id may stand for
//	                                      the deal's)
//
// An account list (account, sector) is recognised so that it is named, not
// called unknown; no section of the report reads it.
func genericShapes() []shape {
	leadID := []string{"lead_id", "lead id", "leadid", "prospect id", "prospect_id", "mql_id", "mql id", "contact_id", "contact id"}
	created := []string{"created_at", "created date", "create date", "created", "creation date", "date created", "lead created", "first_contact_date", "first contact date"}
	return []shape{
		{Name: "CRM leads", preset: "generic", kind: kindLeads, adapt: crmLeads, fields: []field{
			req("lead_id", leadID...),
			req("created_at", created...),
			opt("mql_at", "mql_at", "mql date", "mql_date", "marketing qualified date"),
			opt("sql_at", "sql_at", "sql date", "sql_date", "sales qualified date"),
			opt("disqualified_at", "disqualified_at", "disqualified date"),
			opt("disqualify_reason", "disqualify_reason", "disqualified reason", "lost reason"),
			opt("source", "lead source", "lead_source", "source", "origin", "channel", "utm_source"),
			opt("owner", "owner", "lead owner", "sales_agent", "sales agent", "sales rep"),
			opt("region", "region", "country"),
			opt("industry", "industry", "sector"),
			opt("account_id", "account_id", "account", "company"),
		}},
		{Name: "CRM opportunities", preset: "generic", kind: kindOpportunities, adapt: crmOpportunities, fields: []field{
			mark("deal_id", "opportunity_id", "opportunity id", "deal_id", "deal id", "opp_id", "lead_id", "mql_id"),
			mark("deal", "deal_stage", "deal stage", "stage", "stage name", "won_date", "won date", "date won"),
			req("created_at", append([]string{"engage_date", "engage date", "opportunity created", "opened date"}, created...)...),
			opt("opportunity_id", "opportunity_id", "opportunity id", "deal_id", "deal id", "opp_id"),
			opt("lead_id", leadID...),
			opt("stage", "deal_stage", "deal stage", "stage", "stage name"),
			opt("won_date", "won_date", "won date", "date won"),
			opt("close_date", "close_date", "close date", "closed_at", "closed date", "closing date"),
			opt("amount", "amount", "close_value", "close value", "deal value", "value", "declared_monthly_revenue"),
			opt("owner", "owner", "sales_agent", "sales agent", "sales rep", "opportunity owner", "deal owner"),
			opt("account_id", "account_id", "account", "company"),
			opt("source", "lead source", "lead_source", "source"),
			opt("currency", "currency", "currency code"),
			opt("amount_converted", "amount (converted)", "amount in company currency"),
			opt("origin"), opt("status"), opt("closed_at"),
		}},
		{Name: "CRM accounts", preset: "generic", kind: kindLeads, unused: "no section of the report reads accounts' attributes", fields: []field{
			req("account", "account", "account name", "account_name"),
			mark("attribute", "sector", "industry", "employees", "office_location", "revenue", "annual revenue"),
		}},
	}
}

func crmLeads(l *load, src *table, c cols) (*table, error) {
	names := columnsOf(reflect.TypeOf(leadRow{})).names
	iOrigin, iMQL := colOf(names, "origin"), colOf(names, "mql_at")
	fm := l.opts.Mapping.file(src.File)
	// A file of MQLs (its id says so) gives each lead's MQL date as its
	// creation date, unless a column says otherwise.
	mqlFile := c.has("lead_id") && strings.Contains(normalizeHeader(src.Raw[c["lead_id"]]), "mql") && !c.has("mql_at")
	t := l.adaptRows(src, c, kindLeads, func(rec, out []string, t *table) bool {
		out[iOrigin] = fm.origin(c.get(rec, "source"))
		if mqlFile {
			out[iMQL] = c.get(rec, "created_at")
		}
		return true
	})
	if mqlFile {
		t.origin["mql_at"] = strings.TrimSpace(src.Raw[c["created_at"]])
	}
	return noteComputed(t, src, c), nil
}

// crmState counts what the generic adapters left out, for notes.
type crmState struct {
	// notStarted counts, per "file: stage column", open deals without a
	// creation date.
	notStarted map[string]int
}

func crmOpportunities(l *load, src *table, c cols) (*table, error) {
	if l.crm == nil {
		l.crm = &crmState{notStarted: map[string]int{}}
	}
	names := columnsOf(reflect.TypeOf(opportunityRow{})).names
	iID, iStatus, iClosed, iOrigin, iAmount := colOf(names, "opportunity_id"), colOf(names, "status"), colOf(names, "closed_at"), colOf(names, "origin"), colOf(names, "amount")
	fm := l.opts.Mapping.file(src.File)
	notStarted := src.File
	if c.has("stage") {
		notStarted += ": " + strings.TrimSpace(src.Raw[c["stage"]])
	}
	t := l.adaptRows(src, c, kindOpportunities, func(rec, out []string, t *table) bool {
		if !c.has("opportunity_id") {
			out[iID] = c.get(rec, "lead_id")
		}
		if !c.has("status") {
			switch {
			case c.has("stage"):
				out[iStatus] = fm.status(rec, c, t)
			case c.get(rec, "won_date") != "":
				out[iStatus] = "won"
			}
		}
		status := strings.ToLower(strings.TrimSpace(out[iStatus]))
		if status == "open" && c.get(rec, "created_at") == "" {
			// A deal still at its first stage, never engaged.
			l.crm.notStarted[notStarted]++
			return false
		}
		if !c.has("closed_at") && status != "open" && status != "" {
			out[iClosed] = c.get(rec, "close_date")
			if v := c.get(rec, "won_date"); v != "" && status == "won" {
				out[iClosed] = v
			}
		}
		if !c.has("origin") && c.has("source") {
			out[iOrigin] = fm.origin(c.get(rec, "source"))
		}
		l.money(rec, out, iAmount, c, t)
		exportAmount(rec, out, iAmount, c, t)
		return true
	})
	if !c.has("opportunity_id") && c.has("lead_id") {
		t.origin["opportunity_id"] = strings.TrimSpace(src.Raw[c["lead_id"]])
	}
	switch {
	case c.has("stage"):
		t.origin["status"] = strings.TrimSpace(src.Raw[c["stage"]])
	case c.has("won_date"):
		t.origin["status"] = strings.TrimSpace(src.Raw[c["won_date"]])
	}
	for _, role := range []string{"won_date", "close_date"} {
		if c.has(role) {
			t.origin["closed_at"] = strings.TrimSpace(src.Raw[c[role]])
			break
		}
	}
	return noteComputed(t, src, c), nil
}

// exportAmount reads an export's empty amount as 0 (CRMs allow a deal
// without one), listed as a blanked value.
func exportAmount(rec, out []string, i int, c cols, t *table) {
	if strings.TrimSpace(out[i]) != "" {
		return
	}
	out[i] = "0"
	col := "amount"
	if c.has("amount") {
		col = strings.TrimSpace(t.column("amount"))
	}
	t.issues = append(t.issues, issue{column: col, problem: "empty amount, read as 0", replaced: true})
}

// crmNotes turns what the generic adapters left out into notes.
func (l *load) crmNotes() {
	if l.crm == nil {
		return
	}
	for _, k := range sortedKeys(l.crm.notStarted) {
		n := l.crm.notStarted[k]
		l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("%s: %s no creation date and %s not counted (never engaged); give the date in a mapping's columns: created_at to count %s.",
			k, plural(n, "open deal has", "open deals have"), map[bool]string{true: "is", false: "are"}[n == 1], map[bool]string{true: "it", false: "them"}[n == 1]))
	}
}

// noteNoCreated says, for a CRM lead or contact export without a creation
// date column, that its rows are read as people but none counts as a
// created lead, and how to name the date if another column holds it.
func (l *load) noteNoCreated(src *table, c cols, column, links string) {
	if c.has("created_at") {
		return
	}
	l.ds.Notes = append(l.ds.Notes, fmt.Sprintf("%s: no %s column, so no lead is counted as created from it; its people are still read (to link %s, and for source, owner, region and industry). If another column holds the creation date, name it: `%s`, then under %s set columns: {created_at: COLUMN}.",
		src.File, column, links, nextStep(l.ds.Dir), yamlScalar(src.File)))
}
