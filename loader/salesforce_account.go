package loader

// sfAccountShape is the Account object: recognised so that it can be
// named, it feeds nothing.
func sfAccountShape() shape {
	return shape{Name: "Salesforce Account", preset: "salesforce", kind: kindLeads, unused: "no section of the report reads accounts' attributes", fields: []field{
		req("account_id", "Id", "Account ID"),
		req("name", "Name", "Account Name"),
		mark("account", "BillingCity", "BillingState", "BillingCountry", "AnnualRevenue", "NumberOfEmployees", "ParentId", "Industry", "Billing City", "Annual Revenue", "Employees"),
	}}
}
