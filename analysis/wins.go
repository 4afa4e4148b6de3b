package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/campaignretro/retro/loader"
)

// maxWins is how many wins "Wins to celebrate" lists.
const maxWins = 10

// Win is one of the largest deals won in P that marketing touched: a touch
// of its people in [created_at - W, closed_at]. Campaigns lists the
// campaigns of those touches in first-touch order, with their names beside
// (empty for a campaign not in campaigns.csv). Name and AccountName are
// the opportunity's and its account's names when the export gives them
// (left out of report.json when not). No lead or contact is named.
type Win struct {
	OpportunityID string   `json:"opportunity_id"`
	Name          string   `json:"name,omitempty"`
	AccountID     string   `json:"account_id"`
	AccountName   string   `json:"account_name,omitempty"`
	Amount        Money    `json:"amount"`
	Owner         string   `json:"owner"`
	ClosedOn      string   `json:"closed_on"`
	Campaigns     []string `json:"campaigns"`
	CampaignNames []string `json:"campaign_names"`
}

// Shown returns the opportunity's and account's names as the report shows
// them: their names where the export gives them, else their ids.
func (w Win) Shown() (deal, account string) {
	deal, account = w.OpportunityID, w.AccountID
	if w.Name != "" {
		deal = w.Name
	}
	if w.AccountName != "" {
		account = w.AccountName
	}
	return deal, account
}

// wins returns the top 10 marketing-touched deals won in P, by amount
// descending then opportunity_id.
func (s *scope) wins() []Win {
	ds := s.ds
	var won []int
	for o, opp := range ds.Opportunities {
		if opp.Status == loader.Won && s.inP(opp.ClosedAt) {
			won = append(won, o)
		}
	}
	ids := ds.OpportunityIDs.Names
	slices.SortFunc(won, func(a, b int) int {
		return cmp.Or(cmp.Compare(ds.Opportunities[b].Amount, ds.Opportunities[a].Amount), strings.Compare(ids[a], ids[b]))
	})
	out := []Win{}
	seen := make([]int32, len(ds.Campaigns)) // holds o+1 once campaign is listed for o
	var buf []journeyTouch
	for _, o := range won {
		if len(out) == maxWins {
			break
		}
		opp := ds.Opportunities[o]
		buf = s.journey(o, s.lookbackStart(o), opp.ClosedAt, buf)
		if len(buf) == 0 {
			continue
		}
		w := Win{
			OpportunityID: ids[o], AccountID: labelText(ds, opp.Account), Amount: Money(opp.Amount),
			Name: ds.Labels.Names[opp.Name], AccountName: ds.Labels.Names[opp.AccountName],
			Owner: labelText(ds, opp.Owner), ClosedOn: loader.FormatDay(loader.DayOf(opp.ClosedAt, s.opts.Location)),
		}
		for _, t := range buf {
			if seen[t.Campaign] != int32(o)+1 {
				seen[t.Campaign] = int32(o) + 1
				w.Campaigns = append(w.Campaigns, s.campaignName(t.Campaign))
				w.CampaignNames = append(w.CampaignNames, ds.Campaigns[t.Campaign].Name)
			}
		}
		out = append(out, w)
	}
	return out
}
