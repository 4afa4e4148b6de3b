package loader

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

// sfContacts adapts a Contact file, leaving out the contacts that are
// converted leads: the lead's row stands for the person.
func sfContacts(l *load, src *table, c cols) (*table, error) {
	s := l.sf()
	return sfPeople(l, src, c, func(rec []string, _ *table) bool {
		if _, ok := s.contactLead[c.get(rec, "lead_id")]; ok {
			s.merged++ // the converted lead's row stands for this person
			return false
		}
		return true
	}), nil
}
