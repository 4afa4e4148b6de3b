package loader

import (
	"reflect"
	"strings"
)

// sfOpportunityShape is the Opportunity object: IsClosed/IsWon or
// StageName give the status.
func sfOpportunityShape() shape {
	return shape{Name: "Salesforce Opportunity", preset: "salesforce", kind: kindOpportunities, adapt: sfOpportunities, fields: []field{
		req("opportunity_id", "Id", "Opportunity ID"),
		req("created_at", "CreatedDate", "Created Date"),
		req("close_date", sfCloseDate...),
		req("amount", "Amount"),
		mark("opportunity", "IsClosed", "IsWon", "Name", "Opportunity Name", "Closed", "Won"),
		opt("is_closed", "IsClosed", "Closed"),
		opt("is_won", "IsWon", "Won"),
		opt("stage", "StageName", "Stage"),
		opt("source", "LeadSource", "Lead Source"),
		sfOwner(),
		opt("account_id", "AccountId", "Account ID"),
		opt("name", "Name", "Opportunity Name"),
		opt("account_name", "Account Name", "Account.Name"),
		opt("contact", "ContactId", "Contact ID"),
		opt("campaign", "CampaignId", "Campaign ID", "Primary Campaign Source"),
		opt("currency", "CurrencyIsoCode", "Opportunity Currency", "Currency"),
		opt("amount_converted", "Amount (converted)", "Amount (Converted)", "ConvertedAmount"),
		opt("origin"), opt("status"), opt("closed_at"), opt("lead_id"),
	}}
}

// sfCloseDate are the spellings of an Opportunity's CloseDate: a mapping
// that names another column for the closing date wins over the stage
// history.
var sfCloseDate = []string{"CloseDate", "Close Date"}

// sfOpportunities adapts an Opportunity file: amount and currency, the
// status, the closing date (from the stage history when there is one),
// origin and primary person.
func sfOpportunities(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	names := columnsOf(reflect.TypeOf(opportunityRow{})).names
	iStatus, iClosed, iOrigin, iLead, iAmount := colOf(names, "status"), colOf(names, "closed_at"), colOf(names, "origin"), colOf(names, "lead_id"), colOf(names, "amount")
	iAccountName := colOf(names, "account_name")
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
		if !c.has("account_name") {
			out[iAccountName] = s.accountName(c.get(rec, "account_id"))
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
