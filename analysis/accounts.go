package analysis

import (
	"cmp"
	"slices"

	"github.com/campaignretro/retro/loader"
)

// Accounts is SPEC section 15, for account-based marketing: did campaigns
// reach the accounts' buying groups, and did those accounts open pipeline
// within the lookback window after their first touch?
type Accounts struct {
	Totals AccountTotals `json:"totals"`
	// ByCampaign is nil without campaigns.csv.
	ByCampaign []AccountCampaign `json:"by_campaign"`
}

// AccountTotals are the engaged accounts of P: those with a touch in P by
// one of their leads (t_a the earliest), those of them with an opportunity
// of the account created in [t_a, t_a + W], and those with such an
// opportunity won by as_of. Accounts counts every account id in the input.
type AccountTotals struct {
	Accounts                   int       `json:"accounts"`
	AccountsEngaged            int       `json:"accounts_engaged"`
	AccountsWithOpportunity    int       `json:"accounts_with_opportunity"`
	AccountsWon                int       `json:"accounts_won"`
	EngagedToOpportunityRate   *float64  `json:"engaged_to_opportunity_rate"`
	EngagedToOpportunityRateCI *Interval `json:"engaged_to_opportunity_rate_ci"`
	// AverageEngagedPeople is the mean number of distinct leads with a
	// touch in P per engaged account.
	AverageEngagedPeople *float64 `json:"average_engaged_people"`
}

// AccountCampaign is one campaign's account reach: accounts whose leads it
// touched in P (t_a the account's earliest touch on it in P), those with an
// opportunity created in [t_a, t_a + W], and the amount of those
// opportunities.
type AccountCampaign struct {
	CampaignID              string    `json:"campaign_id"`
	Name                    string    `json:"name"`
	Channel                 string    `json:"channel"`
	AccountsEngaged         int       `json:"accounts_engaged"`
	AccountsWithOpportunity int       `json:"accounts_with_opportunity"`
	AccountOppRate          *float64  `json:"account_opp_rate"`
	AccountOppRateCI        *Interval `json:"account_opp_rate_ci"`
	AccountPipeline         Money     `json:"account_pipeline"`
}

// accountOpps holds each account's opportunities ordered by created_at,
// with running sums, so that the opportunities created in a window are
// counted, summed and checked for a win in logarithmic time.
type accountOpps struct {
	start   []int32       // account a's opportunities are [start[a], start[a+1])
	created []loader.Time // created_at, ascending within an account
	amount  []float64     // running sum of amount: amount[i] = sum of the first i
	won     []int32       // running count of opportunities won by as_of
}

// newAccountOpps indexes the opportunities of ds by account (label).
func (s *scope) newAccountOpps(accounts int) *accountOpps {
	ds := s.ds
	ix := &accountOpps{start: make([]int32, accounts+1)}
	for _, o := range ds.Opportunities {
		ix.start[o.Account+1]++
	}
	for a := 1; a <= accounts; a++ {
		ix.start[a] += ix.start[a-1]
	}
	order := make([]int32, len(ds.Opportunities))
	next := append([]int32(nil), ix.start[:accounts]...)
	for o, opp := range ds.Opportunities {
		order[next[opp.Account]] = int32(o)
		next[opp.Account]++
	}
	for a := range accounts {
		slices.SortFunc(order[ix.start[a]:ix.start[a+1]], func(x, y int32) int {
			return cmp.Compare(ds.Opportunities[x].CreatedAt, ds.Opportunities[y].CreatedAt)
		})
	}
	ix.created = make([]loader.Time, len(order))
	ix.amount = make([]float64, len(order)+1)
	ix.won = make([]int32, len(order)+1)
	for i, o := range order {
		opp := &ds.Opportunities[o]
		ix.created[i] = opp.CreatedAt
		ix.amount[i+1] = ix.amount[i] + opp.Amount
		ix.won[i+1] = ix.won[i]
		if opp.Status == loader.Won && opp.ClosedAt <= s.asOf {
			ix.won[i+1]++
		}
	}
	return ix
}

// window returns the number, amount and wins (by as_of) of account a's
// opportunities created in [lo, hi].
func (ix *accountOpps) window(a loader.Label, lo, hi loader.Time) (n int, amount float64, won int) {
	from, to := int(ix.start[a]), int(ix.start[a+1])
	created := ix.created[from:to]
	i, _ := slices.BinarySearch(created, lo)
	j, found := slices.BinarySearch(created, hi)
	for found && j < len(created) && created[j] == hi {
		j++
	}
	i, j = from+i, from+j
	return j - i, ix.amount[j] - ix.amount[i], int(ix.won[j] - ix.won[i])
}

// accountNeeds says what accounts lacks: leads.csv and touches.csv (an
// account is engaged by its leads' touches: without them every figure
// would be a 0 that measures nothing, SPEC 1), then an account_id on some
// lead or opportunity ("" when nothing is missing).
func (s *scope) accountNeeds() string {
	if missing := needs(s.ds, loader.LeadsFile, loader.TouchesFile); missing != "" {
		return missing
	}
	for i := range s.ds.Leads {
		if s.ds.Leads[i].Known && s.ds.Leads[i].Account != 0 {
			return ""
		}
	}
	for i := range s.ds.Opportunities {
		if s.ds.Opportunities[i].Account != 0 {
			return ""
		}
	}
	return "an account_id in leads.csv or opportunities.csv"
}

// accounts computes SPEC section 15; nil when no lead or opportunity has an
// account_id.
func (s *scope) accounts() *Accounts {
	ds := s.ds
	n := ds.Labels.Len()
	present := make([]bool, n)
	for i := range ds.Leads {
		if ds.Leads[i].Known && ds.Leads[i].Account != 0 {
			present[ds.Leads[i].Account] = true
		}
	}
	for i := range ds.Opportunities {
		if a := ds.Opportunities[i].Account; a != 0 {
			present[a] = true
		}
	}
	out := &Accounts{}
	for a := 1; a < n; a++ {
		if present[a] {
			out.Totals.Accounts++
		}
	}
	if out.Totals.Accounts == 0 {
		return nil
	}
	opps := s.newAccountOpps(n)

	// The known leads of each account, by a counting sort.
	leadStart := make([]int32, n+1)
	for i := range ds.Leads {
		if ds.Leads[i].Known {
			leadStart[ds.Leads[i].Account+1]++
		}
	}
	for a := 1; a <= n; a++ {
		leadStart[a] += leadStart[a-1]
	}
	leads := make([]loader.ID, leadStart[n])
	next := append([]int32(nil), leadStart[:n]...)
	for i := range ds.Leads {
		if ds.Leads[i].Known {
			a := ds.Leads[i].Account
			leads[next[a]] = loader.ID(i)
			next[a]++
		}
	}

	nc := len(ds.Campaigns)
	byCampaign := ds.Files.Campaigns
	stamp := make([]int32, nc) // account + 1 once the account touched the campaign
	firstOn := make([]loader.Time, nc)
	var touched []loader.ID
	type tally struct {
		engaged, withOpp int
		pipeline         float64
	}
	perCampaign := make([]tally, nc)
	people := 0
	for a := 1; a < n; a++ {
		first, engagedPeople := loader.NoTime, 0
		touched = touched[:0]
		for _, p := range leads[leadStart[a]:leadStart[a+1]] {
			inP := false
			for _, t := range ds.PersonTouches(p) {
				if t.At < s.lo {
					continue
				}
				if t.At >= s.hi {
					break
				}
				inP = true
				if first == loader.NoTime || t.At < first {
					first = t.At
				}
				switch {
				case stamp[t.Campaign] != int32(a+1):
					stamp[t.Campaign] = int32(a + 1)
					firstOn[t.Campaign] = t.At
					touched = append(touched, t.Campaign)
				case t.At < firstOn[t.Campaign]:
					firstOn[t.Campaign] = t.At
				}
			}
			if inP {
				engagedPeople++
			}
		}
		if first == loader.NoTime {
			continue
		}
		tt := &out.Totals
		tt.AccountsEngaged++
		people += engagedPeople
		if count, _, won := opps.window(loader.Label(a), first, first+s.w); count > 0 {
			tt.AccountsWithOpportunity++
			if won > 0 {
				tt.AccountsWon++
			}
		}
		if !byCampaign {
			continue
		}
		for _, c := range touched {
			pc := &perCampaign[c]
			pc.engaged++
			if count, amount, _ := opps.window(loader.Label(a), firstOn[c], firstOn[c]+s.w); count > 0 {
				pc.withOpp++
				pc.pipeline += amount
			}
		}
	}
	tt := &out.Totals
	tt.EngagedToOpportunityRate = ratio(tt.AccountsWithOpportunity, tt.AccountsEngaged)
	tt.EngagedToOpportunityRateCI = wilson(tt.AccountsWithOpportunity, tt.AccountsEngaged)
	tt.AverageEngagedPeople = ratio(people, tt.AccountsEngaged)
	if byCampaign {
		out.ByCampaign = []AccountCampaign{}
		for _, c := range s.campaignsByID() {
			pc := perCampaign[c]
			if pc.engaged == 0 {
				continue
			}
			camp := ds.Campaigns[c]
			out.ByCampaign = append(out.ByCampaign, AccountCampaign{
				CampaignID: s.campaignName(c), Name: camp.Name, Channel: camp.Channel,
				AccountsEngaged: pc.engaged, AccountsWithOpportunity: pc.withOpp,
				AccountOppRate: ratio(pc.withOpp, pc.engaged), AccountOppRateCI: wilson(pc.withOpp, pc.engaged),
				AccountPipeline: Money(pc.pipeline),
			})
		}
	}
	return out
}
