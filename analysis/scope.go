package analysis

import (
	"errors"
	"slices"
	"sort"
	"time"

	"github.com/campaignretro/retro/internal/group"
	"github.com/campaignretro/retro/loader"
)

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
	// periodWhy says which period was chosen and why; periodWarning, when
	// set, that the default is not the last complete quarter.
	periodWhy, periodWarning string
	// withLeads is whether the input has any lead: without one, an
	// opportunity with no origin of its own is unknown_sourced (SPEC 11).
	withLeads bool
	// touchOrder is the SPEC's order of touches across people.
	touchOrder loader.TouchOrder

	personOpps      []int32 // opportunities of each person: personOpps[personOppStart[p]:...]
	personOppStart  []int32
	campaignChannel []string
}

// newScope returns the scope of an analysis of ds: P (opts.Period, or the
// last quarter ending on or before as_of), as_of (opts.AsOf, or the latest
// event timestamp) and the indexes every section uses.
func newScope(ds *loader.Dataset, opts Options) (*scope, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Model == "" {
		opts.Model = ModelLinear
	}
	s := &scope{ds: ds, opts: opts, w: loader.Time(opts.LookbackDays) * microsPerDay}
	s.asOf = opts.AsOf
	if s.asOf == loader.NoTime {
		s.asOf = latestEvent(ds)
		if s.asOf == loader.NoTime {
			return nil, errors.New("the input has no event timestamps: give --as-of or --period")
		}
	}
	s.periodWhy, s.periodWarning = s.choosePeriod()
	if err := s.periodHasData(); err != nil {
		return nil, err
	}
	s.lo = loader.Midnight(s.period.From, opts.Location)
	s.hi = loader.Midnight(s.period.To+1, opts.Location)
	s.rank = loader.CampaignRanks(ds)
	s.touchOrder = loader.NewTouchOrder(ds)
	s.indexOpps()
	for i := range ds.Leads {
		if ds.Leads[i].Known {
			s.withLeads = true
			break
		}
	}
	s.campaignChannel = make([]string, len(ds.Campaigns))
	for c, camp := range ds.Campaigns {
		s.campaignChannel[c] = camp.Channel
		if !camp.Known || camp.Channel == "" {
			s.campaignChannel[c] = "(unknown)"
		}
	}
	return s, nil
}

// progress reports the start of a section, when asked to.
func (s *scope) progress(section Section) {
	if s.opts.Progress != nil {
		s.opts.Progress(string(section))
	}
}

// inP reports whether t's date (in the report time zone) is in P.
func (s *scope) inP(t loader.Time) bool { return t != loader.NoTime && t >= s.lo && t < s.hi }

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

// lookbackStart is the start of opportunity o's lookback window: its
// created_at - W. A touch of its people from then on counts for it.
func (s *scope) lookbackStart(o int) loader.Time { return s.ds.Opportunities[o].CreatedAt - s.w }

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

// primaryPeople returns the primary person of every opportunity (SPEC 6):
// o.lead_id, or else the earliest-created known lead in people(o), ties to
// the smaller lead_id; NoID when there is none.
func (s *scope) primaryPeople() []loader.ID {
	ds := s.ds
	out := make([]loader.ID, len(ds.Opportunities))
	for o, opp := range ds.Opportunities {
		out[o] = opp.Lead
		if opp.Lead != loader.NoID {
			continue
		}
		for _, p := range ds.PeopleOf(o) {
			lead := ds.Leads[p]
			if !lead.Known {
				continue
			}
			best := out[o]
			if best == loader.NoID || lead.CreatedAt < ds.Leads[best].CreatedAt ||
				lead.CreatedAt == ds.Leads[best].CreatedAt && ds.People.Names[p] < ds.People.Names[best] {
				out[o] = p
			}
		}
	}
	return out
}

// dayBounds returns the instants at which the days from..to begin, then the
// end of to: bucket i of bucketOf is the day from+i.
func (s *scope) dayBounds(from, to loader.Day) []loader.Time {
	b := make([]loader.Time, 0, to-from+2)
	for d := from; d <= to+1; d++ {
		b = append(b, loader.Midnight(d, s.opts.Location))
	}
	return b
}

// bucketOf returns i such that bounds[i] <= t < bounds[i+1]; t must lie in
// [bounds[0], bounds[len-1]).
func bucketOf(bounds []loader.Time, t loader.Time) int {
	i, found := slices.BinarySearch(bounds, t)
	if found {
		return i
	}
	return i - 1
}

// labelText returns the text of label, or "(none)" for the empty value.
func labelText(ds *loader.Dataset, label loader.Label) string {
	if label == 0 {
		return NoValue
	}
	return ds.Labels.Names[label]
}

// NoValue is the key of an empty value in by_* tables and segments, and the
// campaign of rows with no campaign touch (lead_quality, latency).
const NoValue = "(none)"
