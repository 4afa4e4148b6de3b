package analysis

import (
	"cmp"
	"slices"

	"github.com/campaignretro/retro/internal/group"
	"github.com/campaignretro/retro/loader"
)

// Latency is SPEC section 4: how fast sales followed up on handoffs, and
// whether the leads contacted fast converted better than the ones contacted
// slowly.
type Latency struct {
	// Handoff names the lead timestamp used as the handoff h(l): "mql_at"
	// when leads.csv has any mql_at value, else "created_at".
	Handoff    string  `json:"handoff"`
	SLAMinutes float64 `json:"sla_minutes"`

	Handoffs  int `json:"handoffs"`
	Contacted int `json:"contacted"`
	// MedianMinutes, P75Minutes and P90Minutes are Kaplan-Meier quantiles
	// of the latency, never-contacted handoffs censored at as_of - h.
	MedianMinutes *float64      `json:"median_minutes"`
	P75Minutes    *float64      `json:"p75_minutes"`
	P90Minutes    *float64      `json:"p90_minutes"`
	Within        LatencyWithin `json:"within"`
	// WithinSLA is the share of all handoffs contacted within SLAMinutes.
	WithinSLA *float64        `json:"within_sla"`
	Buckets   []LatencyBucket `json:"buckets"`

	ByOwner []LatencyGroup `json:"by_owner"`
	// ByCampaign is nil (null) without touches.csv.
	ByCampaign []LatencyGroup `json:"by_campaign"`
	ByRegion   []LatencyGroup `json:"by_region"`

	// Curve is the Kaplan-Meier curve of the share contacted, one step per
	// distinct latency of a contacted handoff (thinned to at most
	// MaxCurvePoints, first and last kept).
	Curve []CurveStep `json:"curve"`
	// Takeaway compares the SQL rate of handoffs contacted within an hour
	// with that of handoffs contacted after a day; nil when either group is
	// empty.
	Takeaway *LatencyTakeaway `json:"takeaway"`
}

// LatencyWithin holds the shares of all handoffs contacted within 5 minutes,
// 1 hour, 24 hours and 7 days (null when there is no handoff).
type LatencyWithin struct {
	Min5   *float64 `json:"5m"`
	Hour1  *float64 `json:"1h"`
	Hour24 *float64 `json:"24h"`
	Day7   *float64 `json:"7d"`
}

// LatencyBucket is one row of the latency table: the handoffs whose first
// follow-up fell in one latency range, and how they converted.
type LatencyBucket struct {
	Bucket        BucketName `json:"bucket"`
	Leads         int        `json:"leads"`
	SQLs          int        `json:"sqls"`
	SQLRate       *float64   `json:"sql_rate"`
	SQLRateCI     *Interval  `json:"sql_rate_ci"`
	Opportunities int        `json:"opportunities"`
	OppRate       *float64   `json:"opp_rate"`
	OppRateCI     *Interval  `json:"opp_rate_ci"`
}

// LatencyGroup is the follow-up speed of the handoffs of one owner, campaign
// or region.
type LatencyGroup struct {
	Key string `json:"key"`
	// Name is the campaign's name in by_campaign rows.
	Name          string   `json:"name,omitempty"`
	Handoffs      int      `json:"handoffs"`
	Contacted     int      `json:"contacted"`
	MedianMinutes *float64 `json:"median_minutes"`
	WithinSLA     *float64 `json:"within_sla"`
}

// CurveStep is one point of the Kaplan-Meier curve: the estimated share of
// handoffs contacted within Minutes.
type CurveStep struct {
	Minutes        float64 `json:"minutes"`
	ContactedShare float64 `json:"contacted_share"`
}

// LatencyTakeaway holds the raw facts of the latency section's one-sentence
// takeaway: the SQL rate of the fast group (buckets 0-5m and 5m-1h pooled)
// against the slow group (1d-7d and >7d pooled).
type LatencyTakeaway struct {
	FastBucket string   `json:"fast_bucket"`
	SlowBucket string   `json:"slow_bucket"`
	FastLeads  int      `json:"fast_leads"`
	SlowLeads  int      `json:"slow_leads"`
	FastSQLs   int      `json:"fast_sqls"`
	SlowSQLs   int      `json:"slow_sqls"`
	FastRate   float64  `json:"fast_rate"`
	SlowRate   float64  `json:"slow_rate"`
	FastRateCI Interval `json:"fast_rate_ci"`
	SlowRateCI Interval `json:"slow_rate_ci"`
	// Ratio is FastRate / SlowRate, nil when SlowRate is 0.
	Ratio *float64 `json:"ratio"`
	// Significant is true when the two 95% intervals do not overlap.
	Significant bool `json:"significant"`
}

// BucketName names a latency bucket: the range its first follow-up fell in.
type BucketName string

// The latency buckets of SPEC section 4.
const (
	BucketTo5m   BucketName = "0-5m"
	BucketTo1h   BucketName = "5m-1h"
	BucketTo24h  BucketName = "1h-24h"
	BucketTo7d   BucketName = "1d-7d"
	BucketOver7d BucketName = ">7d"
	BucketNever  BucketName = "never"
)

// LatencyBuckets are the bucket names, in the SPEC's order.
var LatencyBuckets = []BucketName{BucketTo5m, BucketTo1h, BucketTo24h, BucketTo7d, BucketOver7d, BucketNever}

// bucketNever is the index of BucketNever in LatencyBuckets.
const bucketNever = 5

// MaxCurvePoints caps the number of steps kept in Latency.Curve.
const MaxCurvePoints = 400

// quantileTolerance is SPEC 11's tolerance for 1 - S(t) >= q.
const quantileTolerance = 1e-9

// Bucket upper bounds in microseconds (inclusive), also the `within` limits.
const (
	micros5m  = 5 * microsPerMinute
	micros1h  = 60 * microsPerMinute
	micros24h = 24 * micros1h
	micros7d  = 7 * micros24h
)

// latencyBucket returns the index in LatencyBuckets of a latency in micros.
func latencyBucket(d loader.Time) int {
	switch {
	case d <= micros5m:
		return 0
	case d <= micros1h:
		return 1
	case d <= micros24h:
		return 2
	case d <= micros7d:
		return 3
	}
	return 4
}

// observation is one handoff for Kaplan-Meier: t is the latency (event) or
// the censoring time as_of - h (not contacted), in microseconds.
type observation struct {
	t         loader.Time
	event     bool
	withinSLA bool
	owner     loader.Label
	region    loader.Label
	campaign  int32 // campaign ID + 1; 0 = no touch at or before h
}

// latency computes SPEC section 4. It needs activities.csv.
func (s *scope) latency() *Latency {
	ds := s.ds
	byMQL := false
	for i := range ds.Leads {
		if ds.Leads[i].Known && ds.Leads[i].MQLAt != loader.NoTime {
			byMQL = true
			break
		}
	}
	lat := &Latency{Handoff: "created_at", SLAMinutes: s.opts.SLAMinutes}
	if byMQL {
		lat.Handoff = "mql_at"
	}
	// handoff returns h(l), or NoTime when l is not a handoff (h not in P).
	handoff := func(lead *loader.Lead) loader.Time {
		h := lead.CreatedAt
		if byMQL {
			h = lead.MQLAt
		}
		if !lead.Known || !s.inP(h) {
			return loader.NoTime
		}
		return h
	}
	handoffs := 0
	for i := range ds.Leads {
		if handoff(&ds.Leads[i]) != loader.NoTime {
			handoffs++
		}
	}

	var leads, sqls, opps [6]int
	var within [4]int
	withinSLA := 0
	obs := make([]observation, 0, handoffs)
	for pi := range ds.Leads {
		lead := &ds.Leads[pi]
		h := handoff(lead)
		if h == loader.NoTime {
			continue
		}
		p := loader.ID(pi)
		o := observation{owner: lead.Owner, region: lead.Region}
		acts := ds.PersonActivities(p)
		b := bucketNever
		if i, _ := slices.BinarySearch(acts, h); i < len(acts) {
			d := acts[i] - h
			o.t, o.event = d, true
			b = latencyBucket(d)
			for k, limit := range [4]loader.Time{micros5m, micros1h, micros24h, micros7d} {
				if d <= limit {
					within[k]++
				}
			}
			if float64(d)/microsPerMinute <= s.opts.SLAMinutes {
				o.withinSLA = true
				withinSLA++
			}
		} else {
			o.t = s.asOf - h
		}
		if t := lastTouchAtOrBefore(ds.PersonTouches(p), h); t != nil {
			o.campaign = t.Campaign + 1
		}
		leads[b]++
		if lead.SQLAt != loader.NoTime && lead.SQLAt >= h {
			sqls[b]++
		}
		for _, oi := range s.oppsOf(p) {
			if ds.Opportunities[oi].CreatedAt >= h {
				opps[b]++
				break
			}
		}
		obs = append(obs, o)
	}

	n := len(obs)
	lat.Handoffs = n
	lat.Contacted = n - leads[bucketNever]
	lat.Within = LatencyWithin{ratio(within[0], n), ratio(within[1], n), ratio(within[2], n), ratio(within[3], n)}
	lat.WithinSLA = ratio(withinSLA, n)
	lat.Buckets = make([]LatencyBucket, len(LatencyBuckets))
	for b, name := range LatencyBuckets {
		lat.Buckets[b] = LatencyBucket{
			Bucket: name, Leads: leads[b],
			SQLs: sqls[b], SQLRate: ratio(sqls[b], leads[b]), SQLRateCI: wilson(sqls[b], leads[b]),
			Opportunities: opps[b], OppRate: ratio(opps[b], leads[b]), OppRateCI: wilson(opps[b], leads[b]),
		}
	}
	lat.Takeaway = latencyTakeaway(lat.Buckets)

	// One sort by time; each group's observations are then picked out in
	// that order by a stable counting sort, so every Kaplan-Meier is linear.
	scratch := make([]observation, len(obs))
	sortByTime(obs, scratch)
	q := kmQuantiles(obs, 0.5, 0.75, 0.9)
	lat.MedianMinutes, lat.P75Minutes, lat.P90Minutes = q[0], q[1], q[2]
	lat.Curve = kmCurve(obs, MaxCurvePoints)

	labelKey := func(l int32) (string, string) {
		if l == 0 {
			return NoValue, ""
		}
		return ds.Labels.Names[l], ""
	}
	lat.ByOwner = latencyGroups(obs, ds.Labels.Len(), scratch, func(o *observation) int32 { return o.owner }, labelKey)
	lat.ByRegion = latencyGroups(obs, ds.Labels.Len(), scratch, func(o *observation) int32 { return o.region }, labelKey)
	if ds.Files.Touches {
		lat.ByCampaign = latencyGroups(obs, len(ds.Campaigns)+1, scratch,
			func(o *observation) int32 { return o.campaign },
			func(c int32) (string, string) {
				if c == 0 {
					return NoValue, ""
				}
				return ds.CampaignIDs.Names[c-1], ds.Campaigns[c-1].Name
			})
	}
	return lat
}

// latencyGroups returns one row per group of obs (sorted by time), groups
// numbered 0..groups-1 by groupOf and keyed by key (with an optional name),
// rows sorted by key. scratch, as long as obs, is overwritten.
func latencyGroups(obs []observation, groups int, scratch []observation, groupOf func(*observation) int32, key func(int32) (string, string)) []LatencyGroup {
	start, scratch := group.By(groups, scratch, func(emit func(int32, observation)) {
		for i := range obs {
			emit(groupOf(&obs[i]), obs[i])
		}
	})
	rows := []LatencyGroup{}
	for g := 0; g < groups; g++ {
		seg := scratch[start[g]:start[g+1]]
		if len(seg) == 0 {
			continue
		}
		contacted, inSLA := 0, 0
		for i := range seg {
			if seg[i].event {
				contacted++
			}
			if seg[i].withinSLA {
				inSLA++
			}
		}
		k, name := key(int32(g))
		rows = append(rows, LatencyGroup{
			Key: k, Name: name, Handoffs: len(seg), Contacted: contacted,
			MedianMinutes: kmQuantiles(seg, 0.5)[0],
			WithinSLA:     ratio(inSLA, len(seg)),
		})
	}
	slices.SortStableFunc(rows, func(a, b LatencyGroup) int { return cmp.Compare(a.Key, b.Key) })
	return rows
}

// sortByTime sorts obs by t, stably, using scratch (as long as obs). It is a
// least-significant-byte radix sort, skipping the bytes in which all times
// agree: linear, where a comparison sort of a million handoffs would
// dominate the section.
func sortByTime(obs, scratch []observation) {
	key := func(t loader.Time) uint64 { return uint64(t) ^ 1<<63 } // order-preserving for negatives
	var counts [8][256]int
	for i := range obs {
		k := key(obs[i].t)
		for b := range counts {
			counts[b][byte(k>>(8*b))]++
		}
	}
	src, dst := obs, scratch[:len(obs)]
	for b := range counts {
		c := &counts[b]
		if len(src) == 0 || c[byte(key(src[0].t)>>(8*b))] == len(src) {
			continue // every time has the same byte b
		}
		pos := 0
		for d := range c {
			c[d], pos = pos, pos+c[d]
		}
		for i := range src {
			d := byte(key(src[i].t) >> (8 * b))
			dst[c[d]] = src[i]
			c[d]++
		}
		src, dst = dst, src
	}
	if len(src) > 0 && &src[0] != &obs[0] {
		copy(obs, src)
	}
}

// kaplanMeier walks the Kaplan-Meier estimate of the share contacted over
// obs, sorted by t: it calls step at each distinct event time t with
// 1 - S(t). At each distinct time, every observation with time >= t is at
// risk, a censored time equal to an event time included.
func kaplanMeier(obs []observation, step func(t loader.Time, contacted float64)) {
	surv := 1.0
	atRisk := len(obs)
	for i := 0; i < len(obs); {
		t, events, j := obs[i].t, 0, i
		for ; j < len(obs) && obs[j].t == t; j++ {
			if obs[j].event {
				events++
			}
		}
		if events > 0 {
			surv *= 1 - float64(events)/float64(atRisk)
			step(t, 1-surv)
		}
		atRisk -= j - i
		i = j
	}
}

// kmQuantiles returns, for each q of qs (ascending), the smallest event
// time in minutes with 1 - S(t) >= q (within quantileTolerance), or nil
// when the estimate never reaches q.
func kmQuantiles(obs []observation, qs ...float64) []*float64 {
	return kmQuantilesIn(obs, microsPerMinute, qs...)
}

// kmQuantilesIn is kmQuantiles with times given in units of unit
// microseconds (microsPerMinute, microsPerDay).
func kmQuantilesIn(obs []observation, unit float64, qs ...float64) []*float64 {
	out := make([]*float64, len(qs))
	next := 0
	kaplanMeier(obs, func(t loader.Time, contacted float64) {
		for next < len(qs) && contacted >= qs[next]-quantileTolerance {
			m := float64(t) / unit
			out[next] = &m
			next++
		}
	})
	return out
}

// kmCurve returns the steps of the Kaplan-Meier estimate over obs (sorted by
// t): all of them when there are at most max (2 or more), else max of them
// evenly by rank, the first and the last always included.
func kmCurve(obs []observation, max int) []CurveStep {
	n := 0
	kaplanMeier(obs, func(loader.Time, float64) { n++ })
	curve := make([]CurveStep, 0, min(n, max))
	rank := 0
	kaplanMeier(obs, func(t loader.Time, contacted float64) {
		if n <= max || rank == len(curve)*(n-1)/(max-1) {
			curve = append(curve, CurveStep{Minutes: float64(t) / microsPerMinute, ContactedShare: contacted})
		}
		rank++
	})
	return curve
}

// latencyTakeaway pools buckets 0-5m and 5m-1h (fast) and 1d-7d and >7d
// (slow) and compares their SQL rates; nil when either pool is empty.
func latencyTakeaway(b []LatencyBucket) *LatencyTakeaway {
	fastLeads, fastSQLs := b[0].Leads+b[1].Leads, b[0].SQLs+b[1].SQLs
	slowLeads, slowSQLs := b[3].Leads+b[4].Leads, b[3].SQLs+b[4].SQLs
	if fastLeads == 0 || slowLeads == 0 {
		return nil
	}
	t := &LatencyTakeaway{
		FastBucket: "0-1h", SlowBucket: ">1d",
		FastLeads: fastLeads, SlowLeads: slowLeads, FastSQLs: fastSQLs, SlowSQLs: slowSQLs,
		FastRate: *ratio(fastSQLs, fastLeads), SlowRate: *ratio(slowSQLs, slowLeads),
		FastRateCI: *wilson(fastSQLs, fastLeads), SlowRateCI: *wilson(slowSQLs, slowLeads),
	}
	t.Ratio = div(t.FastRate, t.SlowRate)
	t.Significant = t.FastRateCI[0] > t.SlowRateCI[1] || t.FastRateCI[1] < t.SlowRateCI[0]
	return t
}
