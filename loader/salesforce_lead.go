package loader

import "reflect"

// sfLeadShape is the Lead object: a person before conversion.
func sfLeadShape() shape {
	return shape{Name: "Salesforce Lead", preset: "salesforce", kind: kindLeads, adapt: sfLeads, fields: append([]field{
		req("lead_id", "Id", "Lead ID"),
		opt("created_at", "CreatedDate", "Created Date", "Create Date"),
		mark("lead", "IsConverted", "Company", "ConvertedContactId", "Lead Status"),
		sfLeadSource(), sfOwner(),
		opt("status", "Status", "Lead Status"),
		opt("industry", "Industry"),
		opt("region", "Country", "CountryCode", "Country/Region"),
		opt("state", "State", "StateCode", "State/Province"),
		opt("is_converted", "IsConverted", "Converted"),
		opt("converted_contact_id", "ConvertedContactId", "Converted Contact ID"),
		opt("converted_opportunity_id", "ConvertedOpportunityId", "Converted Opportunity ID"),
		opt("account_id", "ConvertedAccountId", "Converted Account ID"),
	}, sfCustom()...)}
}

// sfLeads adapts a Lead file, noting each converted lead's contact and
// opportunity.
func sfLeads(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	return sfPeople(l, src, c, func(rec []string, t *table) bool {
		id := c.get(rec, "lead_id")
		converted, _ := boolOf(rec, c, "is_converted", t)
		if contact := c.get(rec, "converted_contact_id"); contact != "" && id != "" && (converted || !c.has("is_converted")) {
			s.contactLead[contact] = id
		}
		if opp := c.get(rec, "converted_opportunity_id"); opp != "" && id != "" {
			s.oppLead[opp] = id
		}
		return true
	}), nil
}

// sfPeople adapts a Lead or Contact file to leads: the region from the
// country columns, the origin from the lead source, and keep deciding
// each record.
func sfPeople(l *load, src *table, c cols, keep func(rec []string, t *table) bool) *table {
	l.noteNoCreated(src, c, "CreatedDate", "campaign members, tasks and opportunities")
	names := columnsOf(reflect.TypeOf(leadRow{})).names
	iRegion, iOrigin := colOf(names, "region"), colOf(names, "origin")
	fm := l.opts.Mapping.file(src.File)
	return noteComputed(l.adaptRows(src, c, kindLeads, func(rec, out []string, t *table) bool {
		if !keep(rec, t) {
			return false
		}
		out[iRegion] = region(rec, c)
		if !c.has("origin") {
			out[iOrigin] = fm.origin(c.get(rec, "source"))
		}
		return true
	}), src, c)
}
