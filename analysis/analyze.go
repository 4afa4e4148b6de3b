package analysis

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/campaignretro/retro/internal/group"
	"github.com/campaignretro/retro/loader"
)

// Options are the settings of one analysis.
type Options struct {
	// Period is P; nil means the SPEC default (the last quarter ending on or
	// before as_of).
	Period *Period
	// AsOf is --as-of; loader.NoTime means the largest event timestamp.
	AsOf         loader.Time
	Location     *time.Location
	LookbackDays int
	Model        string
	SLAMinutes   float64
	HalfLifeDays float64
	Title        string
	Version      string
	MaxBadRows   string
	InputsHash   string
	// Notes is the team's own Markdown (--notes), placed in the report as is.
	Notes string
	// Progress, when set, is told the name of each section as it starts.
	Progress func(section string)
}

// DefaultOptions are the SPEC defaults.
func DefaultOptions() Options {
	return Options{AsOf: loader.NoTime, Location: time.UTC, LookbackDays: 180, Model: "linear", SLAMinutes: 60, HalfLifeDays: 7, MaxBadRows: "1%"}
}

// Models lists the attribution models in the order the report shows them.
var Models = []string{"first_touch", "last_touch", "linear", "position_based", "w_shaped", "time_decay", "markov"}

const (
	microsPerMinute = 60 * 1e6
	microsPerDay    = 24 * 60 * microsPerMinute
)

// scope is what every section shares: the dataset, P as instants, W, as_of
// and indexes built once.
type scope struct {
	ds     *loader.Dataset
	opts   Options
	period Period
	lo, hi loader.Time // P as the half-open instant range [lo, hi)
	w      loader.Time // the lookback W
	asOf   loader.Time
	rank   []int32 // campaign ID -> position in campaign_id order

	personOpps      []int32 // opportunities of each person: personOpps[personOppStart[p]:...]
	personOppStart  []int32
	campaignChannel []string
}

// progress reports the start of a section, when asked to.
func (s *scope) progress(section string) {
	if s.opts.Progress != nil {
		s.opts.Progress(section)
	}
}

// inP reports whether t's date (in the report time zone) is in P.
func (s *scope) inP(t loader.Time) bool { return t != loader.NoTime && t >= s.lo && t < s.hi }

// Analyze computes the report for ds.
func Analyze(ds *loader.Dataset, opts Options) (*Report, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Model == "" {
		opts.Model = "linear"
	}
	s := &scope{ds: ds, opts: opts, w: loader.Time(opts.LookbackDays) * microsPerDay}
	s.asOf = opts.AsOf
	if s.asOf == loader.NoTime {
		s.asOf = latestEvent(ds)
		if s.asOf == loader.NoTime {
			return nil, errors.New("the input has no event timestamps: give --as-of or --period")
		}
	}
	if opts.Period != nil {
		s.period = *opts.Period
	} else {
		s.period = DefaultPeriod(loader.DayOf(s.asOf, opts.Location))
	}
	s.lo = loader.Midnight(s.period.From, opts.Location)
	s.hi = loader.Midnight(s.period.To+1, opts.Location)
	s.rank = loader.CampaignRanks(ds)
	s.indexOpps()
	s.campaignChannel = make([]string, len(ds.Campaigns))
	for c, camp := range ds.Campaigns {
		s.campaignChannel[c] = camp.Channel
		if !camp.Known || camp.Channel == "" {
			s.campaignChannel[c] = "(unknown)"
		}
	}

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
		},
		Settings: Settings{
			TZ: opts.Location.String(), LookbackDays: opts.LookbackDays, Model: opts.Model,
			SLAMinutes: opts.SLAMinutes, HalfLifeDays: opts.HalfLifeDays,
			AsOfGiven: opts.AsOf != loader.NoTime, PeriodGiven: opts.Period != nil, MaxBadRows: opts.MaxBadRows,
		},
		InputsHash:  opts.InputsHash,
		Notes:       opts.Notes,
		Inputs:      []InputInfo{},
		DataQuality: []Problem{},
		Warnings:    append([]string{}, ds.Notes...),
		Findings:    []Finding{},
		Missing:     []MissingSection{},
	}
	if r.Title == "" {
		r.Title = "Campaign retrospective " + s.period.Label
	}
	if ds.Adapted {
		r.Detected, r.Coverage = ds.Detected, ds.Coverage
	}
	for _, in := range ds.Inputs {
		r.Inputs = append(r.Inputs, InputInfo(in))
	}
	for _, p := range ds.Problems {
		r.DataQuality = append(r.DataQuality, Problem{File: p.File, Line: p.Line, Column: p.Column, Problem: p.Problem})
	}
	r.ProblemCounts = append([]loader.ProblemCount{}, ds.ProblemCounts...)

	if ds.Files.Opportunities {
		s.progress("sourcing")
		r.Sourcing = s.sourcing()
	} else {
		r.missing("sourcing", needs(ds, "opportunities.csv"))
	}
	if ds.Files.Touches && ds.Files.Opportunities {
		s.progress("attribution")
		r.Attribution = s.attribution()
	} else {
		r.missing("attribution", needs(ds, "touches.csv", "opportunities.csv"))
	}
	r.Totals = s.totals()
	if ds.Files.Campaigns && ds.Files.Touches {
		s.progress("campaign funnel")
		r.Campaigns = s.campaigns(r.Attribution)
	} else {
		r.missing("campaigns", needs(ds, "campaigns.csv", "touches.csv"))
	}
	if ds.Files.Activities {
		s.progress("follow-up latency")
		r.Latency = s.latency()
		if !ds.Files.Touches {
			r.missing("latency.by_campaign", needs(ds, "touches.csv"))
		}
	} else {
		r.missing("latency", needs(ds, "activities.csv"))
	}
	switch {
	case !ds.Files.Assets || !ds.Files.Touches:
		r.missing("asset_types", needs(ds, "assets.csv", "touches.csv"))
	case !ds.HasColumn["touches.csv.asset_id"]:
		r.missing("asset_types", "the asset_id column of touches.csv")
	default:
		s.progress("asset types")
		types, assets, closed := s.assetTypes()
		r.AssetTypes, r.Assets, r.AssetDeals = types, assets, &closed
	}
	s.progress("hygiene, lead quality, segments, trend")
	s.pipelineHealth(r)
	s.progress("findings")
	r.Findings = findings(r)
	return r, nil
}

func (r *Report) missing(section, files string) {
	r.Missing = append(r.Missing, MissingSection{Section: section, Needs: files})
}

// needs lists which of files are absent from ds.
func needs(ds *loader.Dataset, files ...string) string {
	have := map[string]bool{
		loader.CampaignsFile: ds.Files.Campaigns, loader.AssetsFile: ds.Files.Assets,
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

// latestEvent is the largest event timestamp of the valid rows (SPEC: as_of).
func latestEvent(ds *loader.Dataset) loader.Time {
	m := loader.NoTime
	max := func(t loader.Time) {
		if t > m {
			m = t
		}
	}
	for _, l := range ds.Leads {
		if l.Known {
			max(l.CreatedAt)
			max(l.MQLAt)
			max(l.SQLAt)
			max(l.DisqualifiedAt)
		}
	}
	for _, t := range ds.Touches {
		max(t.At)
	}
	for _, a := range ds.Activities {
		max(a)
	}
	for _, o := range ds.Opportunities {
		max(o.CreatedAt)
		max(o.ClosedAt)
	}
	return m
}

// indexOpps builds the opportunities of each person (the reverse of people(o)).
func (s *scope) indexOpps() {
	s.personOppStart, s.personOpps = group.By(len(s.ds.Leads), nil, func(emit func(loader.ID, int32)) {
		for o := range s.ds.Opportunities {
			for _, p := range s.ds.PeopleOf(o) {
				emit(p, int32(o))
			}
		}
	})
}

// oppsOf returns the opportunities whose people include p, in file order.
func (s *scope) oppsOf(p loader.ID) []int32 {
	return s.personOpps[s.personOppStart[p]:s.personOppStart[p+1]]
}

// campaignsByID returns the known campaign IDs sorted by campaign_id.
func (s *scope) campaignsByID() []loader.ID {
	var ids []loader.ID
	for c, camp := range s.ds.Campaigns {
		if camp.Known {
			ids = append(ids, loader.ID(c))
		}
	}
	sort.Slice(ids, func(i, j int) bool { return s.rank[ids[i]] < s.rank[ids[j]] })
	return ids
}

func (s *scope) campaignName(c loader.ID) string { return s.ds.CampaignIDs.Names[c] }

var _ = fmt.Sprintf
