package loader

import "fmt"

// Salesforce accounts: an Opportunity's AccountId holds an Account record
// id. With Account.csv in the folder, each opportunity's account_name is
// the account's Name, so that the report names companies, not ids. A
// person account (IsPersonAccount, in orgs that sell to people) is named
// after its person: it is left unnamed.

// sfAccountShape is the Account object: Id and Name.
func sfAccountShape() shape {
	return shape{Name: "Salesforce Account", preset: "salesforce", kind: kindLeads, lookup: sfAccounts, fields: []field{
		req("account_id", "Id", "Account ID"),
		req("name", "Name", "Account Name"),
		opt("person_account", "IsPersonAccount", "Person Account", "Is Person Account"),
		mark("account", "BillingCity", "BillingState", "BillingCountry", "AnnualRevenue", "NumberOfEmployees", "ParentId", "Industry", "Billing City", "Annual Revenue", "Employees"),
	}}
}

// sfAccounts reads Account.csv into the map of account names.
func sfAccounts(l *load, t *table, c cols, in *Input) (string, error) {
	s := l.sf()
	named := 0
	err := t.records(func(rec []string, _ int) {
		in.Rows++
		if person, _ := ParseBool(c.get(rec, "person_account")); person {
			return
		}
		if sfPutName(s.accounts, c.get(rec, "account_id"), c.get(rec, "name")) {
			named++
		}
	}, l.lookupSyntax(in))
	return fmt.Sprintf("the names of %s", plural(named, "account", "accounts")), err
}

// accountName returns the name of a Salesforce account id, or "" when
// Account.csv does not name it.
func (s *sfState) accountName(id string) string {
	if s == nil {
		return ""
	}
	name, _ := sfName(s.accounts, id)
	return name
}
