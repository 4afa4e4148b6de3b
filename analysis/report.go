package analysis

import (
	"github.com/campaignretro/retro/loader"
	"math"
	"strconv"
)

// Schema is the report.json schema name.
const Schema = "retro/v1"

// Report is the whole analysis: the single model that every renderer reads.
type Report struct {
	Schema     string      `json:"schema"`
	Title      string      `json:"title"`
	Version    string      `json:"version"`
	Period     PeriodInfo  `json:"period"`
	Settings   Settings    `json:"settings"`
	Inputs     []InputInfo `json:"inputs"`
	InputsHash string      `json:"inputs_hash"`
	// Notes is the team's own Markdown (--notes): what was learned and agreed.
	Notes       string    `json:"notes,omitempty"`
	DataQuality []Problem `json:"data_quality"`
	// ProblemCounts counts the problems by file, column and kind.
	ProblemCounts []loader.ProblemCount `json:"problem_counts"`
	Warnings      []string              `json:"warnings"`
	// Detected says what each file was taken for, when some file is a CRM
	// export rather than a canonical file; Coverage which sections such
	// exports can and cannot feed.
	Detected  []string   `json:"detected,omitempty"`
	Coverage  []string   `json:"coverage,omitempty"`
	Totals    Totals     `json:"totals"`
	Campaigns []Campaign `json:"campaigns"`
	// Channels (SPEC 13) is nil with Campaigns; Accounts (SPEC 15) is nil
	// when no lead or opportunity has an account_id.
	Channels []Channel `json:"channels"`
	Accounts *Accounts `json:"accounts"`
	// Velocity (SPEC 12) is always set; figures whose file is missing
	// count nothing.
	Velocity *Velocity `json:"velocity"`
	Latency  *Latency  `json:"latency"`
	// AssetTypes (SPEC 5) is nil without assets.csv and touches.csv (or
	// touches' asset_id column); Assets ranks each asset, and AssetDeals
	// counts the closed deals they are measured against.
	AssetTypes []AssetType  `json:"asset_types"`
	Assets     []AssetRow   `json:"assets"`
	AssetDeals *ClosedDeals `json:"asset_deals"`
	// Sourcing (SPEC 6) is nil without opportunities.csv; Attribution
	// without touches.csv or opportunities.csv.
	Sourcing    *Sourcing    `json:"sourcing"`
	Attribution *Attribution `json:"attribution"`

	// Hygiene (SPEC 7) is nil without opportunities.csv; LeadQuality (8),
	// Segments, Trend (9) are always set; Previous is nil when the period
	// before P has no data, and PreviousChange compares it with Totals.
	// Wins (nil without touches.csv or opportunities.csv) lists the largest
	// marketing-touched deals won in P.
	Hygiene        *Hygiene      `json:"hygiene"`
	LeadQuality    *LeadQuality  `json:"lead_quality"`
	Segments       *Segments     `json:"segments"`
	Trend          *Trend        `json:"trend"`
	Previous       *Totals       `json:"previous"`
	PreviousChange *PeriodChange `json:"previous_change"`
	Wins           []Win         `json:"wins"`

	Findings []Finding `json:"findings"`
	// Verdicts answer the report's standing questions, one each, for the
	// front page.
	Verdicts []Verdict `json:"verdicts"`

	// Missing lists the sections left out and the file that would enable each.
	Missing []MissingSection `json:"missing_sections"`
}

// PeriodInfo is the report period P and as_of.
type PeriodInfo struct {
	Label string `json:"label"`
	From  string `json:"from"`
	To    string `json:"to"`
	AsOf  string `json:"as_of"`
	Days  int    `json:"days"`
	// Why is the one line saying which period was chosen and why (stderr).
	Why string `json:"-"`
}

// Settings echoes the options the figures depend on.
type Settings struct {
	TZ           string  `json:"tz"`
	LookbackDays int     `json:"lookback_days"`
	Model        Model   `json:"model"`
	SLAMinutes   float64 `json:"sla_minutes"`
	HalfLifeDays float64 `json:"half_life_days"`
	AsOfGiven    bool    `json:"as_of_given"`
	PeriodGiven  bool    `json:"period_given"`
	MaxBadRows   string  `json:"max_bad_rows"`
	// FiscalYearStart is the month (1-12) quarters are counted from.
	FiscalYearStart int    `json:"fiscal_year_start"`
	Currency        string `json:"currency"`
	// Weights are the custom model's shares (--weights), when given.
	Weights *Weights `json:"weights,omitempty"`
}

// InputInfo summarises one input file: the loader's count of its rows
// read, skipped, blanked, masked and repaired.
type InputInfo = loader.Input

// InputRows sums the rows read and the rows skipped over all input files.
func (r *Report) InputRows() (rows, skipped int) {
	for _, in := range r.Inputs {
		rows += in.Rows
		skipped += in.Skipped
	}
	return rows, skipped
}

// Problem is one bad row or value of the input.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  string `json:"column"`
	Problem string `json:"problem"`
}

// MissingSection names a section left out and what would enable it.
type MissingSection struct {
	Section Section `json:"section"`
	Needs   string  `json:"needs"`
}

// Totals are the headline figures of SPEC section 2. A pointer is nil (null)
// when the file it needs is missing.
type Totals struct {
	LeadsCreated         *int     `json:"leads_created"`
	Responders           *int     `json:"responders"`
	MQLs                 *int     `json:"mqls"`
	SQLs                 *int     `json:"sqls"`
	OpportunitiesCreated *int     `json:"opportunities_created"`
	Pipeline             *Money   `json:"pipeline"`
	Won                  *int     `json:"won"`
	Revenue              *Money   `json:"revenue"`
	Lost                 *int     `json:"lost"`
	WinRate              *float64 `json:"win_rate"`
	Cost                 *Money   `json:"cost"`
	TotalsEfficiency
}

// Campaign is one row of the campaign funnel (SPEC section 3).
type Campaign struct {
	CampaignID         string    `json:"campaign_id,omitempty"`
	Name               string    `json:"name,omitempty"`
	Channel            string    `json:"channel"`
	Cost               Money     `json:"cost"`
	Responders         int       `json:"responders"`
	NewLeads           int       `json:"new_leads"`
	MQLs               int       `json:"mqls"`
	SQLs               int       `json:"sqls"`
	Opportunities      int       `json:"opportunities"`
	Won                int       `json:"won"`
	Lost               int       `json:"lost"`
	Pipeline           Money     `json:"pipeline"`
	Revenue            Money     `json:"revenue"`
	MQLRate            *float64  `json:"mql_rate"`
	MQLRateCI          *Interval `json:"mql_rate_ci"`
	SQLRate            *float64  `json:"sql_rate"`
	SQLRateCI          *Interval `json:"sql_rate_ci"`
	OppRate            *float64  `json:"opp_rate"`
	OppRateCI          *Interval `json:"opp_rate_ci"`
	WinRate            *float64  `json:"win_rate"`
	WinRateCI          *Interval `json:"win_rate_ci"`
	CostPerResponder   *Money    `json:"cost_per_responder"`
	CostPerOpportunity *Money    `json:"cost_per_opportunity"`
	AttributedPipeline Money     `json:"attributed_pipeline"`
	AttributedRevenue  Money     `json:"attributed_revenue"`
	ROI                *float64  `json:"roi"`
	Efficiency
	// TooEarly is true when the campaign ended in the period's last
	// TooEarlyDays days and has not yet returned its cost (roas below 1): the deals it
	// started may not have closed yet.
	TooEarly bool `json:"too_early"`
}

// Money is an amount; it is rounded half away from zero to cents only when
// written out.
type Money float64

// MarshalJSON writes m rounded to cents.
func (m Money) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, RoundCents(float64(m)), 'f', -1, 64), nil
}

// RoundCents rounds x half away from zero to 2 decimals.
func RoundCents(x float64) float64 {
	r := math.Round(x*100) / 100
	if r == 0 {
		return 0 // no negative zero
	}
	return r
}

// Interval is a 95% Wilson score interval [lo, hi].
type Interval [2]float64

// SmallSample is the count below which a rate is marked "small sample".
const SmallSample = 30
