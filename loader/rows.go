package loader

// The canonical files of SPEC section 1, one struct per file. The csv tags
// name the columns (matched case-insensitively after trimming); required
// columns carry `required:"true"`. Every field is a string: values are
// trimmed, typed and validated in load.go, where a bad value can be reported
// with its line and column.

type campaignRow struct {
	CampaignID string `csv:"campaign_id" required:"true"`
	Name       string `csv:"name" required:"true"`
	Channel    string `csv:"channel" required:"true"`
	StartDate  string `csv:"start_date"`
	EndDate    string `csv:"end_date"`
	Cost       string `csv:"cost"`
}

type assetRow struct {
	AssetID   string `csv:"asset_id" required:"true"`
	Name      string `csv:"name"`
	AssetType string `csv:"asset_type" required:"true"`
}

type leadRow struct {
	LeadID           string `csv:"lead_id" required:"true"`
	CreatedAt        string `csv:"created_at" required:"true"`
	Origin           string `csv:"origin"`
	Source           string `csv:"source"`
	Owner            string `csv:"owner"`
	AccountID        string `csv:"account_id"`
	Region           string `csv:"region"`
	Industry         string `csv:"industry"`
	MQLAt            string `csv:"mql_at"`
	SQLAt            string `csv:"sql_at"`
	DisqualifiedAt   string `csv:"disqualified_at"`
	DisqualifyReason string `csv:"disqualify_reason"`
}

type touchRow struct {
	LeadID     string `csv:"lead_id" required:"true"`
	CampaignID string `csv:"campaign_id" required:"true"`
	TouchedAt  string `csv:"touched_at" required:"true"`
	AssetID    string `csv:"asset_id"`
}

type activityRow struct {
	LeadID     string `csv:"lead_id" required:"true"`
	OccurredAt string `csv:"occurred_at" required:"true"`
	Type       string `csv:"type"`
	Owner      string `csv:"owner"`
}

type opportunityRow struct {
	OpportunityID string `csv:"opportunity_id" required:"true"`
	CreatedAt     string `csv:"created_at" required:"true"`
	Amount        string `csv:"amount" required:"true"`
	Status        string `csv:"status" required:"true"`
	ClosedAt      string `csv:"closed_at"`
	LeadID        string `csv:"lead_id"`
	Origin        string `csv:"origin"`
	Owner         string `csv:"owner"`
	AccountID     string `csv:"account_id"`
	Stage         string `csv:"stage"`
	Name          string `csv:"name"`
	AccountName   string `csv:"account_name"`
}

type contactRow struct {
	OpportunityID string `csv:"opportunity_id" required:"true"`
	LeadID        string `csv:"lead_id" required:"true"`
}
