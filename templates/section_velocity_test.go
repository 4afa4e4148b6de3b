package templates

import (
	"regexp"
	"strings"
	"testing"

	"github.com/campaignretro/retro/analysis"
)

// TestVelocityChannelsAccountsSections renders the three sections of SPEC
// 12, 13 and 15 from hand-made reports.
func TestVelocityChannelsAccountsSections(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	m := func(x float64) *analysis.Money { v := analysis.Money(x); return &v }
	iv := func(lo, hi float64) *analysis.Interval { return &analysis.Interval{lo, hi} }
	velocity := &analysis.Velocity{
		Stages: []analysis.VelocityStage{
			{Stage: "mql_to_sql", Entered: 40, Converted: 30, MedianDays: f(2.5), P75Days: f(10)},
			{Stage: "sql_to_opportunity", Entered: 10, Converted: 2},
			{Stage: "opportunity_to_close", Entered: 60, Converted: 50, MedianDays: f(41)},
			{Stage: "opportunity_to_won", Entered: 60, Converted: 20},
		},
		SalesCycle:    analysis.SalesCycle{Won: 20, MedianDays: f(35), MeanDays: f(37.5)},
		LeadToRevenue: analysis.LeadToRevenue{N: 18, MedianDays: f(80), MeanDays: f(90)},
		ByOrigin: []analysis.OriginVelocity{
			{Origin: "marketing_sourced", Opportunities: 40, Pipeline: 400000, Closed: 35, Won: 14, WinRate: f(0.4), WinRateCI: iv(0.26, 0.56), AverageWon: m(10000), CycleMedianDays: f(41), Velocity: m(4000)},
			{Origin: "sales_sourced", Opportunities: 30, Pipeline: 300000, Closed: 30, Won: 6, WinRate: f(0.3), WinRateCI: iv(0.15, 0.52), AverageWon: m(20000), CycleMedianDays: f(63), Velocity: m(1500)},
			{Origin: "partner_sourced"},
			{Origin: "other_sourced"},
		},
		PipelineVelocity: m(5500),
	}
	channels := []analysis.Channel{
		{Channel: "email", Campaigns: 2, Campaign: analysis.Campaign{Cost: 400, Responders: 300, MQLs: 40, Won: 4,
			Efficiency: analysis.Efficiency{CostPerMQL: m(10), CostPerWon: m(100), ROAS: f(2.5)}}},
		{Channel: "<b>x|y", Campaigns: 1, Campaign: analysis.Campaign{Cost: 1000, Responders: 10, Won: 1,
			Efficiency: analysis.Efficiency{CostPerWon: m(1000), ROAS: f(0.5)}}},
	}
	accounts := &analysis.Accounts{
		Totals: analysis.AccountTotals{Accounts: 50, AccountsEngaged: 40, AccountsWithOpportunity: 10, AccountsWon: 3,
			EngagedToOpportunityRate: f(0.25), EngagedToOpportunityRateCI: iv(0.14, 0.4), AverageEngagedPeople: f(2.4)},
		ByCampaign: []analysis.AccountCampaign{
			{CampaignID: "C1", Name: "Newsletter", Channel: "email", AccountsEngaged: 35, AccountsWithOpportunity: 7, AccountOppRate: f(0.2), AccountOppRateCI: iv(0.1, 0.36), AccountPipeline: 70000},
			{CampaignID: "C2", Name: "Tier 1", Channel: "abm", AccountsEngaged: 12, AccountsWithOpportunity: 6, AccountOppRate: f(0.5), AccountOppRateCI: iv(0.25, 0.75), AccountPipeline: 90000},
		},
	}
	campaigns := []analysis.Campaign{{CampaignID: "C2", Responders: 40, OppRate: f(0.1), OppRateCI: iv(0.04, 0.23)}}
	cases := []struct {
		name    string
		section section
		report  analysis.Report
		want    []string
		wantNot []string
	}{
		{
			name: "velocity", section: velocitySection,
			report: analysis.Report{Velocity: velocity},
			want: []string{
				"## How fast does the funnel move?",
				"**Takeaway:** Half of the opportunities created in the period closed within 41 days; deals won in it took a median 35 days from creation; marketing-sourced deals won 40% of those closed against 30% for sales-sourced (within the margin of error).",
				"| MQL to SQL | 40 | 30 | 2.5 days | 10 days | not reached |",
				"| SQL to opportunity | 10 | 2 | _not reached (small sample)_ |",
				"| Lead to revenue (first touch to won) | 18 | 80 days | 90 days |",
				"| Marketing-sourced | 40 | $400,000 | 35 | 14 | 40% (26–56%) | $10,000 | 41 days | $4,000 |",
				"| Sales-sourced | 30 | $300,000 | 30 | 6 | 30% (15–52%) | $20,000 | 63 days | $1,500 |",
				"| Partner-sourced | 0 | $0 | 0 | 0 | n/a | n/a | n/a | n/a |",
				"Pipeline velocity over all of them: $5,500 per day.",
				"bar [2.5, 0, 41, 0]",
			},
		},
		{
			name: "channels", section: channelsSection,
			report: analysis.Report{Channels: channels, Settings: analysis.Settings{Model: "linear"},
				Totals: analysis.Totals{Cost: m(1400), TotalsEfficiency: analysis.TotalsEfficiency{CostPerWon: m(280), PipelinePerCost: f(3)}}},
			want: []string{
				"**Takeaway:** The lowest cost per won deal was email's, $100 (4 deals); the most attributed revenue per unit of cost was email's (2.5x); across all campaigns a won deal cost $280.",
				"| &lt;b&gt;x\\|y | 1 | $1,000 | 10 |",
				"x-axis [\"b x y\", \"email\"]",
				"pipeline created per unit of cost was 3x",
				"| **All campaigns** |  | $1,400 |",
			},
			wantNot: []string{"<b>"},
		},
		{
			name: "no channels", section: channelsSection,
			report: analysis.Report{Missing: []analysis.MissingSection{{Section: "channels", Needs: "campaigns.csv"}}},
			want:   []string{"## Cost per stage by channel\n\nThis section needs campaigns.csv"},
		},
		{
			name: "accounts", section: accountsSection,
			report: analysis.Report{Accounts: accounts, Campaigns: campaigns, Settings: analysis.Settings{LookbackDays: 90}},
			want: []string{
				"**Takeaway:** Campaigns reached 40 accounts (2.4 engaged people each on average); 10 of them (25%) opened an opportunity within 90 days of their first touch, and 3 won one.",
				// ABM first, its lead rate beside; a small sample marked.
				"| Tier 1 (C2) | abm | 12 | 6 | _50% (25–75%) (small sample)_ | $90,000 | 40 | 10% (4–23%) |\n| Newsletter (C1) | email | 35 | 7 | 20% (10–36%) | $70,000 | 0 | n/a |",
			},
		},
		{
			name: "no accounts", section: accountsSection,
			report: analysis.Report{},
			want:   []string{"No lead or opportunity carries an account_id"},
		},
		{
			name: "accounts without touches", section: accountsSection,
			report:  analysis.Report{Missing: []analysis.MissingSection{{Section: analysis.SectionAccounts, Needs: "leads.csv and touches.csv"}}},
			want:    []string{"## Accounts reached\n\nThis section needs leads.csv and touches.csv, which the input folder does not have."},
			wantNot: []string{"account_id"},
		},
	}
	bars := regexp.MustCompile(`(?m)^    bar \[`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newDocument("")
			c.section(d, &c.report)
			md := string(Markdown(d, Options{}))
			for _, w := range c.want {
				if !strings.Contains(md, w) {
					t.Errorf("report.md lacks %q:\n%s", w, md)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(md, w) {
					t.Errorf("report.md has %q", w)
				}
			}
			// Every Mermaid chart has one bar series.
			for _, block := range strings.Split(md, "```mermaid")[1:] {
				if n := len(bars.FindAllString(block[:strings.Index(block, "```")], -1)); n != 1 {
					t.Errorf("a Mermaid chart has %d bar series:\n%s", n, block)
				}
			}
			if _, err := HTML(&c.report, d); err != nil {
				t.Fatal(err)
			}
		})
	}
}
