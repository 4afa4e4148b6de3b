package loader

import "reflect"

// sfContactRoleShape is the OpportunityContactRole object: the
// opportunity contacts.
func sfContactRoleShape() shape {
	return shape{Name: "Salesforce OpportunityContactRole", preset: "salesforce", kind: kindContacts, adapt: sfContactRoles, fields: []field{
		req("opportunity_id", "OpportunityId", "Opportunity ID"),
		req("contact", "ContactId", "Contact ID"),
		opt("role", "Role", "Contact Role"),
		opt("is_primary", "IsPrimary", "Primary"),
	}}
}

// sfContactRoles adapts an OpportunityContactRole file to opportunity
// contacts.
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
