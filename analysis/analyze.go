package analysis

import (
	"time"

	"github.com/campaignretro/retro/loader"
)

// Options are the settings of one analysis.
type Options struct {
	// Period is P; nil means the SPEC default (the last quarter ending on or
	// before as_of).
	Period *Period
	// FiscalYearStart is the month (1-12) quarters are counted from; 0 is 1.
	FiscalYearStart int
	// AsOf is --as-of; loader.NoTime means the largest event timestamp.
	AsOf         loader.Time
	Location     *time.Location
	LookbackDays int
	Model        Model
	SLAMinutes   float64
	HalfLifeDays float64
	Title        string
	Version      string
	MaxBadRows   string
	// Currency names the report currency (--currency), for formatting only.
	Currency string
	// Weights are the custom model's shares (--weights); nil without it.
	Weights *Weights
	// Notes is the team's own Markdown (--notes), placed in the report as is.
	Notes string
	// Progress, when set, is told the name of each section as it starts.
	Progress func(section string)
}

// DefaultOptions are the SPEC defaults.
func DefaultOptions() Options {
	return Options{AsOf: loader.NoTime, Location: time.UTC, LookbackDays: 180, Model: ModelLinear, SLAMinutes: 60, HalfLifeDays: 7, MaxBadRows: "1%", Currency: "USD"}
}

// Analyze computes the report for ds. It reads as the report's table of
// contents: one line a section, in the SPEC's order but for section 6
// (sourcing and attribution), which comes first because each campaign row
// carries its attribution credit. A section that needs a file the input
// lacks is computed through section, which lists it as missing instead.
func Analyze(ds *loader.Dataset, opts Options) (*Report, error) {
	if ds.Paths != nil {
		// A path file has no dates: no period, no as-of (SPEC 16).
		return analyzePaths(ds, opts)
	}
	s, err := newScope(ds, opts)
	if err != nil {
		return nil, err
	}
	r := s.newReport()
	// The longest computation, attribution, starts first on its own
	// goroutine, with the campaign and channel rows, which count their
	// funnels and then wait for its credit; then every section that needs
	// no other (and segments, which needs only the totals). Each is
	// collected in its place below, so the report and the order of missing
	// sections are as if computed one after another.
	attrNeeds := needs(ds, loader.TouchesFile, loader.OpportunitiesFile)
	attribution := early(attrNeeds, s.attribution)
	credit := func() *Attribution {
		if attrNeeds != "" {
			return nil
		}
		return attribution()
	}
	campaignNeeds := needs(ds, loader.CampaignsFile, loader.TouchesFile)
	campaigns := early(campaignNeeds, func() []Campaign { return s.campaigns(credit) })
	channels := early(campaignNeeds, func() []Channel { return s.channels(credit) })
	accounts := early(s.accountNeeds(), s.accounts)
	velocity := early("", s.velocity)
	latency := early(needs(ds, loader.LeadsFile, loader.ActivitiesFile), s.latency)
	hygiene := early(needs(ds, loader.OpportunitiesFile), s.hygiene)
	totals := early("", s.totals)
	segments := early("", func() *Segments { return s.segments(totals().WinRate) })
	trend := early("", s.trend)
	r.Sourcing = section(s, r, SectionSourcing, needs(ds, loader.OpportunitiesFile), s.sourcing)
	r.Attribution = section(s, r, SectionAttribution, attrNeeds, attribution)
	r.Totals = totals()
	r.Campaigns = section(s, r, SectionCampaigns, campaignNeeds, campaigns)
	r.Channels = section(s, r, SectionChannels, campaignNeeds, channels)
	r.Accounts = section(s, r, SectionAccounts, s.accountNeeds(), accounts)
	r.Velocity = section(s, r, SectionVelocity, "", velocity)
	r.Latency = section(s, r, SectionLatency, needs(ds, loader.LeadsFile, loader.ActivitiesFile), latency)
	if r.Latency != nil && !ds.Files.Touches {
		r.missing(SectionLatencyByCampaign, needs(ds, loader.TouchesFile))
	}
	if s.available(r, SectionAssetTypes, s.assetNeeds()) {
		r.AssetTypes, r.Assets, r.AssetDeals = s.assetTypes()
	}
	if !ds.Files.Leads {
		// Opportunities alone (SPEC 1): the lead figures of totals,
		// segments and trend stay 0, and lead quality is empty.
		r.missing(SectionLeadCounts, needs(ds, loader.LeadsFile))
		r.missing(SectionLeadQuality, needs(ds, loader.LeadsFile))
	}
	r.Hygiene = section(s, r, SectionHygiene, needs(ds, loader.OpportunitiesFile), hygiene)
	r.LeadQuality = s.leadQuality(r.Campaigns)
	r.Segments = segments()
	r.Trend = trend()
	r.Previous, r.PreviousChange = s.previous(r.Totals)
	r.Wins = section(s, r, SectionWins, needs(ds, loader.TouchesFile, loader.OpportunitiesFile), s.wins)
	s.progress(SectionFindings)
	r.Findings = findings(r)
	r.Verdicts = verdicts(r)
	return r, nil
}

// section returns compute(), the section called name, when nothing it
// needs is missing; otherwise it lists the section as missing, with what
// it needs, and returns the zero value.
func section[T any](s *scope, r *Report, name Section, missing string, compute func() T) T {
	if !s.available(r, name, missing) {
		var none T
		return none
	}
	return compute()
}

// early starts compute on another goroutine when nothing it needs is
// missing (missing is empty) and returns what waits for its result (as
// often as asked), for section to call in the section's place; the
// computations started so read only the scope and the data set.
func early[T any](missing string, compute func() T) func() T {
	if missing != "" {
		return compute // section never calls it
	}
	var v T
	done := make(chan struct{})
	go func() {
		v = compute()
		close(done)
	}()
	return func() T {
		<-done
		return v
	}
}

// available reports whether section name can be computed (missing, what
// it needs, is empty): if so it reports the section's start as progress,
// and if not it lists the section as missing.
func (s *scope) available(r *Report, name Section, missing string) bool {
	if missing != "" {
		r.missing(name, missing)
		return false
	}
	s.progress(name)
	return true
}

// newReport returns the report's header: title, period, settings, inputs
// and data quality, with every section still empty.
func (s *scope) newReport() *Report {
	ds, opts := s.ds, s.opts
	r := &Report{
		Schema:  Schema,
		Title:   opts.Title,
		Version: opts.Version,
		Period: PeriodInfo{
			Label: s.period.Label,
			From:  loader.FormatDay(s.period.From),
			To:    loader.FormatDay(s.period.To),
			AsOf:  loader.FormatTime(s.asOf, opts.Location),
			Days:  s.period.Days(),
			Why:   s.periodWhy,
		},
		Settings: Settings{
			TZ: opts.Location.String(), LookbackDays: opts.LookbackDays, Model: opts.Model,
			SLAMinutes: opts.SLAMinutes, HalfLifeDays: opts.HalfLifeDays, Weights: opts.Weights,
			AsOfGiven: opts.AsOf != loader.NoTime, PeriodGiven: opts.Period != nil, MaxBadRows: opts.MaxBadRows,
			FiscalYearStart: max(opts.FiscalYearStart, 1),
			Currency:        opts.Currency,
		},
		InputsHash:  ds.Hash,
		Notes:       opts.Notes,
		Inputs:      []InputInfo{},
		DataQuality: []Problem{},
		Warnings:    append([]string{}, ds.Notes...),
		Findings:    []Finding{},
		Missing:     []MissingSection{},
	}
	if s.periodWarning != "" {
		r.Warnings = append(r.Warnings, s.periodWarning)
	}
	if r.Title == "" {
		r.Title = "Campaign retrospective " + s.period.Label
	}
	if ds.Adapted {
		r.Detected, r.Coverage = ds.Detected, ds.Coverage
	}
	r.addInputs(ds)
	return r
}

// addInputs copies the loader's account of the input files into the
// report: each file's counts, its bad rows and values, and their totals.
func (r *Report) addInputs(ds *loader.Dataset) {
	r.Inputs = append(r.Inputs, ds.Inputs...)
	for _, p := range ds.Problems {
		r.DataQuality = append(r.DataQuality, Problem{File: p.File, Line: p.Line, Column: p.Column, Problem: p.Problem})
	}
	r.ProblemCounts = append([]loader.ProblemCount{}, ds.ProblemCounts...)
}

func (r *Report) missing(section Section, files string) {
	r.Missing = append(r.Missing, MissingSection{Section: section, Needs: files})
}

// needs lists which of files are absent from ds.
func needs(ds *loader.Dataset, files ...string) string {
	have := map[string]bool{
		loader.LeadsFile: ds.Files.Leads, loader.CampaignsFile: ds.Files.Campaigns, loader.AssetsFile: ds.Files.Assets,
		loader.TouchesFile: ds.Files.Touches, loader.ActivitiesFile: ds.Files.Activities,
		loader.OpportunitiesFile: ds.Files.Opportunities, loader.ContactsFile: ds.Files.OpportunityContacts,
	}
	out := ""
	for _, f := range files {
		if !have[f] {
			if out != "" {
				out += " and "
			}
			out += f
		}
	}
	return out
}
