package analysis

import (
	"iter"
	"slices"
	"strings"

	"github.com/campaignretro/retro/loader"
)

// Attribution is SPEC section 6's credit split, for pipeline and revenue.
type Attribution struct {
	Pipeline AttributionTarget `json:"pipeline"`
	Revenue  AttributionTarget `json:"revenue"`
}

// AttributionTarget is the credit of one target (pipeline or revenue): the
// total, the part with a journey (attributed), the rest, and each model's
// credit per campaign and per channel. Beside the SPEC's keys it carries
// what the report shows: the models side by side per campaign and per
// channel, and how each model's credits add up to the total.
type AttributionTarget struct {
	Total        Money                       `json:"total"`
	Attributed   Money                       `json:"attributed"`
	Unattributed Money                       `json:"unattributed"`
	Models       map[string]map[string]Money `json:"models"`
	Channels     map[string]map[string]Money `json:"channels"`

	// Opportunities counts the target's opportunities; Attributed those
	// with a journey.
	Opportunities           int `json:"opportunities"`
	AttributedOpportunities int `json:"attributed_opportunities"`
	// ByCampaign compares the models for every campaign of any model's map,
	// sorted by credit under the default model, largest first, then
	// campaign_id.
	ByCampaign []CampaignCredit `json:"by_campaign"`
	// ByChannel compares the models per channel, sorted the same way.
	ByChannel []ChannelCredit `json:"by_channel"`
	// Reconciliation checks, model by model in the order of Models, that
	// credits plus unattributed make the total.
	Reconciliation []Reconciliation `json:"reconciliation"`
	// Markov describes the chain the markov model was computed from.
	Markov MarkovChain `json:"markov"`
}

// CampaignCredit is one campaign's credit under every model.
type CampaignCredit struct {
	CampaignID string `json:"campaign_id"`
	Name       string `json:"name"`
	Channel    string `json:"channel"`
	// Credit and Rank are keyed by model. Rank is 1 for the largest credit
	// (in cents); equal credits share a rank.
	Credit map[string]Money `json:"credit"`
	Rank   map[string]int   `json:"rank"`
	// Min and Max are the smallest and largest credit across the models;
	// Spread is Max - Min.
	Min    Money `json:"min"`
	Max    Money `json:"max"`
	Spread Money `json:"spread"`
	// RankChanges is true when the campaign's rank differs between models.
	RankChanges bool `json:"rank_changes"`
}

// ChannelCredit is one channel's credit under every model.
type ChannelCredit struct {
	Channel string           `json:"channel"`
	Credit  map[string]Money `json:"credit"`
	Min     Money            `json:"min"`
	Max     Money            `json:"max"`
	Spread  Money            `json:"spread"`
}

// Reconciliation is SPEC section 6's invariant for one model: credited +
// unattributed = total.
type Reconciliation struct {
	Model        string `json:"model"`
	Credited     Money  `json:"credited"`
	Unattributed Money  `json:"unattributed"`
	Total        Money  `json:"total"`
	// Difference is credited + unattributed - total, from unrounded values.
	Difference Money `json:"difference"`
	// ShownDifference is the same sum over the figures as printed (each
	// credit rounded to cents): what a reader adding up the table finds.
	ShownDifference Money `json:"shown_difference"`
	// Tolerance is the SPEC's allowance for ShownDifference: a cent per
	// campaign (and one for unattributed). Reconciled tells whether both
	// differences are within it.
	Tolerance  Money `json:"tolerance"`
	Reconciled bool  `json:"reconciled"`
}

// credit returns model's credit per campaign_id (nil if the model is absent).
func (t *AttributionTarget) credit(model string) map[string]float64 {
	m := t.Models[model]
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[k] = float64(v)
	}
	return out
}

// journeyTouch is one touch of a journey.
type journeyTouch struct {
	At       loader.Time
	Campaign loader.ID
	Lead     loader.ID
}

// journey is an attributed opportunity: its value, conversion time T,
// ordered touches J, and the times the W-shaped roles look for.
type journey struct {
	opp     int32
	amount  float64
	at      loader.Time // T
	touches []journeyTouch
	mql     loader.Time // the earliest mql_at of people(o), NoTime if none
	created loader.Time // o.created_at
}

// journey returns touches(o, lo, hi): the touches of people(o) with
// lo <= touched_at <= hi, ordered by (touched_at, campaign_id, lead_id).
func (s *scope) journey(o int, lo, hi loader.Time, buf []journeyTouch) []journeyTouch {
	buf = buf[:0]
	for _, p := range s.ds.PeopleOf(o) {
		ts := s.ds.PersonTouches(p)
		i, _ := slices.BinarySearchFunc(ts, lo, func(t loader.Touch, at loader.Time) int {
			if t.At < at {
				return -1
			}
			if t.At > at {
				return 1
			}
			return 0
		})
		for i > 0 && ts[i-1].At >= lo {
			i--
		}
		for ; i < len(ts) && ts[i].At <= hi; i++ {
			buf = append(buf, journeyTouch{At: ts[i].At, Campaign: ts[i].Campaign, Lead: p})
		}
	}
	names := s.ds.People.Names
	slices.SortFunc(buf, func(a, b journeyTouch) int {
		switch {
		case a.At != b.At:
			if a.At < b.At {
				return -1
			}
			return 1
		case a.Campaign != b.Campaign:
			return int(s.rank[a.Campaign] - s.rank[b.Campaign])
		}
		return strings.Compare(names[a.Lead], names[b.Lead])
	})
	return buf
}

// attribution computes SPEC section 6's credits for both targets.
func (s *scope) attribution() *Attribution {
	var pipe, rev []journey
	var pipeTotal, pipeUn, revTotal, revUn float64
	var pipeOpps, revOpps int
	var buf []journeyTouch
	for o, opp := range s.ds.Opportunities {
		inPipeline := s.inP(opp.CreatedAt)
		inRevenue := opp.Status == loader.Won && s.inP(opp.ClosedAt)
		if !inPipeline && !inRevenue {
			continue
		}
		mql := s.earliestMQL(o)
		if inPipeline {
			pipeOpps++
			pipeTotal += opp.Amount
			buf = s.journey(o, opp.CreatedAt-s.w, opp.CreatedAt, buf)
			if len(buf) == 0 {
				pipeUn += opp.Amount
			} else {
				pipe = append(pipe, journey{opp: int32(o), amount: opp.Amount, at: opp.CreatedAt,
					touches: slices.Clone(buf), mql: mql, created: opp.CreatedAt})
			}
		}
		if inRevenue {
			revOpps++
			revTotal += opp.Amount
			buf = s.journey(o, opp.CreatedAt-s.w, opp.ClosedAt, buf)
			if len(buf) == 0 {
				revUn += opp.Amount
			} else {
				rev = append(rev, journey{opp: int32(o), amount: opp.Amount, at: opp.ClosedAt,
					touches: slices.Clone(buf), mql: mql, created: opp.CreatedAt})
			}
		}
	}
	a := &Attribution{
		Pipeline: s.attributionTarget(pipe, pipeTotal, pipeUn),
		Revenue:  s.attributionTarget(rev, revTotal, revUn),
	}
	a.Pipeline.Opportunities, a.Revenue.Opportunities = pipeOpps, revOpps
	return a
}

// earliestMQL returns the earliest mql_at among people(o), or NoTime.
func (s *scope) earliestMQL(o int) loader.Time {
	m := loader.NoTime
	for _, p := range s.ds.PeopleOf(o) {
		if t := s.ds.Leads[p].MQLAt; t != loader.NoTime && (m == loader.NoTime || t < m) {
			m = t
		}
	}
	return m
}

// markovPaths yields the markov model's paths for one target: each journey
// as a converting path, then, in person order, the touches in P of every
// person with one who is in people(o) of no journey's opportunity, as a
// non-converting path.
func (s *scope) markovPaths(journeys []journey) iter.Seq2[[]loader.ID, bool] {
	return func(yield func([]loader.ID, bool) bool) {
		var buf []loader.ID
		inJourney := make([]bool, len(s.ds.Leads))
		for _, j := range journeys {
			for _, p := range s.ds.PeopleOf(int(j.opp)) {
				inJourney[p] = true
			}
			buf = buf[:0]
			for _, jt := range j.touches {
				buf = append(buf, jt.Campaign)
			}
			if !yield(buf, true) {
				return
			}
		}
		for p := range s.ds.Leads {
			if inJourney[p] {
				continue
			}
			buf = buf[:0]
			ts := s.ds.PersonTouches(loader.ID(p))
			i, _ := slices.BinarySearchFunc(ts, s.lo, func(t loader.Touch, lo loader.Time) int {
				if t.At < lo {
					return -1
				}
				return 1 // the first touch in P
			})
			for ; i < len(ts) && ts[i].At < s.hi; i++ {
				buf = append(buf, ts[i].Campaign)
			}
			if len(buf) > 0 && !yield(buf, false) {
				return
			}
		}
	}
}

// attributionTarget credits the journeys' value to campaigns and channels
// under every model, then compares the models.
func (s *scope) attributionTarget(journeys []journey, total, unattributed float64) AttributionTarget {
	attributed := total - unattributed
	t := AttributionTarget{
		Total: Money(total), Attributed: Money(attributed), Unattributed: Money(unattributed),
		Models: map[string]map[string]Money{}, Channels: map[string]map[string]Money{},
		AttributedOpportunities: len(journeys),
	}
	nc := len(s.ds.Campaigns)
	inJourney := make([]bool, nc)
	for _, j := range journeys {
		for _, jt := range j.touches {
			inJourney[jt.Campaign] = true
		}
	}
	credits := make(map[string][]float64, len(Models))
	var w []float64
	for _, m := range s.weightModels() {
		perCampaign := make([]float64, nc)
		for i := range journeys {
			j := &journeys[i]
			w = slices.Grow(w[:0], len(j.touches))[:len(j.touches)]
			clear(w)
			m.weights(j, w)
			for k, jt := range j.touches {
				perCampaign[jt.Campaign] += j.amount * w[k]
			}
		}
		credits[m.name] = perCampaign
	}
	markov := markovCredit(s.markovPaths(journeys), nc, attributed)
	credits["markov"] = markov.credit
	t.Markov = markov.chain

	// listed tells which campaigns a model's map names: every campaign of a
	// journey, and (for markov) any other campaign that earns credit.
	listed := func(model string, c int) bool {
		return inJourney[c] || credits[model][c] != 0
	}
	for _, model := range Models {
		campaigns, channels := map[string]Money{}, map[string]Money{}
		for c, v := range credits[model] {
			if listed(model, c) {
				campaigns[s.campaignName(loader.ID(c))] = Money(v)
				channels[s.campaignChannel[c]] += Money(v)
			}
		}
		t.Models[model], t.Channels[model] = campaigns, channels
	}
	t.ByCampaign = s.campaignCredits(credits, listed)
	t.ByChannel = channelCredits(t.Channels, s.opts.Model)
	t.Reconciliation = reconcile(t, credits, listed)
	return t
}
