package loader

import "reflect"

// sfContactShape is the Contact object: a person of an account; a
// converted lead and its contact are one person.
func sfContactShape() shape {
	return shape{Name: "Salesforce Contact", preset: "salesforce", kind: kindLeads, adapt: sfContacts, fields: append([]field{
		req("lead_id", "Id", "Contact ID"),
		opt("created_at", "CreatedDate", "Created Date", "Create Date"),
		mark("contact", "LastName", "Last Name", "Email", "FirstName", "First Name"),
		req("account_id", "AccountId", "Account ID"),
		sfLeadSource(), sfOwner(),
		opt("region", "MailingCountry", "Mailing Country", "MailingCountryCode"),
		opt("state", "MailingState", "Mailing State/Province", "MailingStateCode"),
		opt("industry", "Industry", "Account.Industry"),
	}, sfCustom()...)}
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
