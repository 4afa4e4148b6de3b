package templates

import (
	"fmt"
	"sort"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// accountsSection writes SPEC section 15: the accounts campaigns reached and
// whether they opened pipeline, with each campaign's account rate beside its
// lead rate, ABM campaigns first.
func accountsSection(d *document, r *analysis.Report) {
	d.h2("Accounts reached")
	a := r.Accounts
	if a == nil {
		for _, m := range r.Missing {
			if m.Section == analysis.SectionAccounts && !strings.Contains(m.Needs, "account_id") {
				d.p("%s", missingLine(r, analysis.SectionAccounts)) // leads.csv or touches.csv
				return
			}
		}
		d.p("No lead or opportunity carries an account_id, so the report cannot tell which accounts campaigns reached.")
		return
	}
	defineAccounts(d, r.Settings.LookbackDays)
	t := a.Totals
	if t.AccountsEngaged == 0 {
		d.takeaway(fmt.Sprintf("No lead of the %s in the input had a campaign touch in the period.", plural(t.Accounts, "account", "accounts")))
		return
	}
	d.takeaway(fmt.Sprintf("Campaigns reached %s (%s engaged people each on average); %s of them (%s) opened an opportunity within %d days of their first touch, and %s won one.",
		plural(t.AccountsEngaged, "account", "accounts"), oneDecimalPtr(t.AverageEngagedPeople), count(t.AccountsWithOpportunity),
		rateOnly(t.Opportunity()), r.Settings.LookbackDays, count(t.AccountsWon)))
	d.table([]string{"Accounts in the input", "Engaged in the period", "Opened an opportunity", "Won", "Engaged to opportunity", "Engaged people per account"}, "rrrrrr",
		[][]string{{count(t.Accounts), count(t.AccountsEngaged), count(t.AccountsWithOpportunity), count(t.AccountsWon),
			rateCI(t.Opportunity()), oneDecimalPtr(t.AverageEngagedPeople)}})
	d.more()
	if a.ByCampaign == nil {
		d.p("%s", "Per-campaign account figures need campaigns.csv, which the input folder does not have.")
		return
	}
	leadRows := map[string]analysis.Campaign{}
	for _, c := range r.Campaigns {
		leadRows[c.CampaignID] = c
	}
	rows := append([]analysis.AccountCampaign(nil), a.ByCampaign...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Channel == "abm" && rows[j].Channel != "abm" })
	var cells [][]string
	var ids []string
	for _, c := range rows {
		ids = append(ids, c.CampaignID)
		lead := leadRows[c.CampaignID]
		cells = append(cells, []string{
			mdText(c.Name) + " (" + mdText(c.CampaignID) + ")", mdText(c.Channel),
			count(c.AccountsEngaged), count(c.AccountsWithOpportunity),
			rateCI(c.Opportunity()), money(c.AccountPipeline),
			count(lead.Responders), rateCI(lead.Opp()),
		})
	}
	d.h3("By campaign")
	d.explain("Each campaign's accounts beside its people: the account rate is the share of the accounts it reached that opened an opportunity within %d days of the account's first touch on it; the lead rate is the campaign funnel's opportunity rate over its responders. ABM campaigns come first. Rates from fewer than %d accounts or responders are marked small sample.",
		r.Settings.LookbackDays, analysis.SmallSample)
	d.campaignTable([]string{"Campaign", "Channel", "Accounts", "With opportunity", "Account rate", "Account pipeline", "Responders", "Lead opp rate"}, "llrrrrrr", cells, ids)
}

// oneDecimalPtr writes a nullable number with one decimal.
func oneDecimalPtr(f *float64) string {
	if f == nil {
		return "n/a"
	}
	return trimZero(fmt.Sprintf("%.1f", *f))
}

// defineAccounts adds the section's glossary entries.
func defineAccounts(d *document, lookback int) {
	d.define("Account", "An account_id of leads.csv or opportunities.csv. A lead belongs to the account of its own account_id; an opportunity to its account_id.")
	d.define("Engaged account", "An account with a touch in the period by one of its leads; its clock starts at the earliest such touch (per campaign: its earliest touch on that campaign).")
	d.define("Engaged to opportunity", fmt.Sprintf("Engaged accounts with an opportunity of the account created within %d days (the lookback window) after their first touch, divided by engaged accounts; won counts those with such an opportunity won by the as-of time.", lookback))
	d.define("Engaged people per account", "The mean number of distinct leads with a touch in the period per engaged account: how much of the buying group campaigns reached.")
	d.define("Account rate", "For one campaign: the accounts it reached in the period that opened an opportunity within the lookback window after the account's first touch on it, divided by the accounts it reached. Shown beside the campaign's lead-level opportunity rate (responders on an opportunity / responders).")
	d.define("Account pipeline", "The amount of the distinct opportunities counted for a campaign's engaged accounts.")
}
