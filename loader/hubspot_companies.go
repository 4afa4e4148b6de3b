package loader

import "fmt"

// HubSpot companies: a deal's Associated Company IDs hold company record
// ids. With a companies export in the folder, each deal's account_name is
// its first company's name (unless the deals export has an Associated
// Company column), so that the report names companies, not ids.

// hubCompaniesShape is the companies export: Record ID and Company name,
// told from a contacts export by a company property.
func hubCompaniesShape() shape {
	return shape{Name: "HubSpot companies", preset: "hubspot", kind: kindLeads, lookup: hubCompanies, fields: []field{
		req("account_id", "Record ID", "Company ID", "hs_object_id"),
		req("name", "Company name", "Company Name", "name"),
		mark("company", "Company owner", "Company Domain Name", "Website URL", "domain", "website"),
	}}
}

// hubCompanies reads a companies export into the map of company names.
func hubCompanies(l *load, t *table, c cols, in *Input) (string, error) {
	h := l.hubspot()
	named := 0
	err := t.records(func(rec []string, _ int) {
		in.Rows++
		id, name := c.get(rec, "account_id"), c.get(rec, "name")
		if id == "" || name == "" {
			return
		}
		h.companies[id] = name
		named++
	}, l.lookupSyntax(in))
	return fmt.Sprintf("the names of %s", plural(named, "company", "companies")), err
}
