package loader

// sfCampaignShape is the Campaign object: Type is the channel, ActualCost
// the cost.
func sfCampaignShape() shape {
	return shape{Name: "Salesforce Campaign", preset: "salesforce", kind: kindCampaigns, adapt: sfCampaigns, fields: []field{
		req("campaign_id", "Id", "Campaign ID"),
		req("name", "Name", "Campaign Name"),
		req("channel", "Type", "Campaign Type"),
		mark("campaign", "StartDate", "EndDate", "ActualCost", "BudgetedCost", "NumberSent", "Start Date", "End Date", "Actual Cost in Campaign"),
		opt("start_date", "StartDate", "Start Date"),
		opt("end_date", "EndDate", "End Date"),
		opt("cost", "ActualCost", "Actual Cost in Campaign", "Actual Cost"),
	}}
}

// sfCampaigns adapts a Campaign file: its columns map one to one.
func sfCampaigns(l *load, src *table, c cols) (*table, error) {
	return l.adaptRows(src, c, kindCampaigns, nil), nil
}
