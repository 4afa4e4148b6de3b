// Package gen writes realistic, reproducible CRM and marketing exports in
// the canonical CSV form of shared/SPEC.md section 1: campaigns.csv,
// assets.csv, leads.csv, touches.csv, activities.csv, opportunities.csv and
// opportunity_contacts.csv.
//
// The data carries planted patterns that the report must find: a few
// campaigns far better or worse than the rest, white papers that collect
// names but touch deals that lose, follow-up speed that pays, one rep's
// cold quarter-end pipeline, and a third quarter busier than the second.
// The same Config always gives byte-identical files.
package gen

import (
	"fmt"
	"time"
)

// Config says how much data to write and over which dates.
type Config struct {
	Leads     int
	Campaigns int // at least the 40 hand-written campaigns
	Seed      uint64
	// From and To are the first and last day (inclusive, UTC) covered; every
	// timestamp written falls in [From 00:00:00, To 23:59:59].
	From, To time.Time
	// Dirty adds a handful of rows that break the contract, as real exports do.
	Dirty bool
	// TouchesPerLead is the mean number of touches per lead; 0 means 10.
	TouchesPerLead float64
	// Shuffle writes the rows of leads.csv, touches.csv and activities.csv
	// in a random order (seeded), as exports in record-id order come,
	// instead of grouped by person.
	Shuffle bool
}

// Default is the shipped sample: 20,000 leads over 2026-Q2 and 2026-Q3.
// Touches per lead are kept low so that sample-data/ stays small.
func Default() Config {
	c := Scale(20000)
	c.TouchesPerLead = 2.2
	return c
}

// Scale is a benchmark-sized config: leads leads with about ten touches
// each, and campaigns growing to 500 at 1,000,000 leads.
func Scale(leads int) Config {
	return Config{
		Leads:          leads,
		Campaigns:      max(40, leads/2000),
		Seed:           1,
		From:           time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		To:             time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC),
		Dirty:          true,
		TouchesPerLead: 10,
	}
}

// Summary counts the data rows written per file (header excluded, dirty rows
// included) and the bytes written in all.
type Summary struct {
	Campaigns, Assets, Leads, Touches, Activities, Opportunities, OpportunityContacts int
	DirtyRows                                                                         int
	Bytes                                                                             int64
}

// String is a one-line summary.
func (s Summary) String() string {
	return fmt.Sprintf("campaigns=%d assets=%d leads=%d touches=%d activities=%d opportunities=%d opportunity_contacts=%d dirty=%d bytes=%d",
		s.Campaigns, s.Assets, s.Leads, s.Touches, s.Activities, s.Opportunities, s.OpportunityContacts, s.DirtyRows, s.Bytes)
}

// Canonical headers, in the order written.
var (
	headerCampaigns     = []string{"campaign_id", "name", "channel", "start_date", "end_date", "cost"}
	headerAssets        = []string{"asset_id", "name", "asset_type"}
	headerLeads         = []string{"lead_id", "created_at", "first_name", "last_name", "email", "origin", "source", "owner", "account_id", "region", "industry", "mql_at", "sql_at", "disqualified_at", "disqualify_reason"}
	headerTouches       = []string{"lead_id", "campaign_id", "touched_at", "asset_id"}
	headerActivities    = []string{"lead_id", "occurred_at", "type", "owner"}
	headerOpportunities = []string{"opportunity_id", "name", "created_at", "amount", "status", "closed_at", "lead_id", "origin", "owner", "account_id", "stage"}
	headerContacts      = []string{"opportunity_id", "lead_id", "role"}
)

// normalize fills defaults and checks the config.
func (c Config) normalize() (Config, error) {
	d := Scale(20000)
	if c.From.IsZero() {
		c.From = d.From
	}
	if c.To.IsZero() {
		c.To = d.To
	}
	c.From = time.Date(c.From.Year(), c.From.Month(), c.From.Day(), 0, 0, 0, 0, time.UTC)
	c.To = time.Date(c.To.Year(), c.To.Month(), c.To.Day(), 0, 0, 0, 0, time.UTC)
	if c.To.Before(c.From.AddDate(0, 0, 27)) {
		return c, fmt.Errorf("gen: To (%s) must be at least 28 days after From (%s)", c.To.Format(time.DateOnly), c.From.Format(time.DateOnly))
	}
	if c.Leads < 1 {
		return c, fmt.Errorf("gen: Leads must be positive, got %d", c.Leads)
	}
	c.Campaigns = max(c.Campaigns, len(curatedCampaigns()))
	if c.TouchesPerLead <= 0 {
		c.TouchesPerLead = 10
	}
	c.TouchesPerLead = max(c.TouchesPerLead, 1.5)
	return c, nil
}
