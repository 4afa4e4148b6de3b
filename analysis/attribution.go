package analysis

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/campaignretro/retro/loader"
)

// Attribution is SPEC section 6's credit split, for pipeline and revenue.
type Attribution struct {
	Pipeline AttributionTarget `json:"pipeline"`
	Revenue  AttributionTarget `json:"revenue"`
	// Paths is set, and Pipeline and Revenue are null in JSON, for the
	// report of an aggregated path file (SPEC 16).
	Paths *PathAttribution `json:"paths,omitempty"`
}

// AttributionTarget is the credit of one target (pipeline or revenue): the
// total, the part with a journey (attributed), the rest, and each model's
// credit per campaign and per channel.
type AttributionTarget struct {
	Total        Money `json:"total"`
	Attributed   Money `json:"attributed"`
	Unattributed Money `json:"unattributed"`
	// Opportunities counts the attributed opportunities (N of the
	// intervals).
	Opportunities int                        `json:"opportunities"`
	Models        map[Model]map[string]Money `json:"models"`
	Channels      map[Model]map[string]Money `json:"channels"`
	// Intervals (SPEC 14) bound each rule model's credit per campaign;
	// ChannelIntervals per channel, computed the same way with x_o the
	// channel's credit from opportunity o. Markov has none.
	Intervals        map[Model]map[string]MoneyInterval `json:"intervals"`
	ChannelIntervals map[Model]map[string]MoneyInterval `json:"channel_intervals"`
	// Reconciliation checks, per model, credited + unattributed = total.
	Reconciliation []Reconciliation `json:"reconciliation"`
	// Compare sets every model side by side per campaign, ordered by credit
	// under the default model (descending), then campaign_id.
	Compare []ModelComparison `json:"compare"`
}

// Reconciliation is one model's check that credits add up.
type Reconciliation struct {
	Model        Model `json:"model"`
	Credited     Money `json:"credited"`
	Unattributed Money `json:"unattributed"`
	Total        Money `json:"total"`
	// Difference is credited + unattributed - total (0 up to rounding).
	Difference Money `json:"difference"`
}

// ModelComparison is one campaign's credit under every model.
type ModelComparison struct {
	CampaignID string          `json:"campaign_id"`
	Name       string          `json:"name"`
	Channel    string          `json:"channel"`
	Credit     map[Model]Money `json:"credit"`
	Min        Money           `json:"min"`
	Max        Money           `json:"max"`
	// Rank is the campaign's rank (1 = most credit) under each model.
	Rank map[Model]int `json:"rank"`
	// RankChanges is true when the rank differs across models; BestRank and
	// WorstRank bound it.
	RankChanges bool `json:"rank_changes"`
	BestRank    int  `json:"best_rank"`
	WorstRank   int  `json:"worst_rank"`
	// Bands places the campaign, under each rule model, in a band of
	// campaigns whose credit intervals overlap (SPEC 14): such campaigns
	// are not ranked as if they differed.
	Bands map[Model]RankBand `json:"bands"`
}

// RankBand is a campaign's band under one model: Band 1 holds the most
// credit; Ranks are the first and last rank the band's campaigns take.
// Campaigns in different bands are clearly apart (their intervals do not
// overlap).
type RankBand struct {
	Band  int    `json:"band"`
	Ranks [2]int `json:"ranks"`
}

// MoneyInterval is a 90% interval [lo, hi] of a credit, in money.
type MoneyInterval [2]Money

// credit returns model's credit per campaign_id (nil if the model is absent).
func (t *AttributionTarget) credit(model Model) map[string]float64 {
	m := t.Models[model]
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[k] = float64(v)
	}
	return out
}

// IntervalModel is the model whose intervals stand for model: model itself
// when it has them (every rule model), else linear.
func (t *AttributionTarget) IntervalModel(model Model) Model {
	if _, ok := t.Intervals[model]; ok {
		return model
	}
	return ModelLinear
}

// journeyTouch is one touch of a journey.
type journeyTouch = loader.Touch

// journey is an attributed opportunity: its value, conversion time T and
// ordered touches J.
type journey struct {
	opp     int32
	amount  float64
	at      loader.Time // T
	touches []journeyTouch
	// closed is true for the revenue target: full_path's closed role.
	closed bool
}

// journey returns touches(o, lo, hi): the touches of people(o) with
// lo <= touched_at <= hi, ordered by (touched_at, campaign_id, lead_id).
func (s *scope) journey(o int, lo, hi loader.Time, buf []journeyTouch) []journeyTouch {
	buf = buf[:0]
	for _, p := range s.ds.PeopleOf(o) {
		buf = append(buf, touchesIn(s.ds.PersonTouches(p), lo, hi)...)
	}
	slices.SortFunc(buf, s.touchOrder.Compare)
	return buf
}

// attribution computes SPEC section 6's credits for both targets.
func (s *scope) attribution() *Attribution {
	a := &Attribution{}
	var pipe, rev []journey
	var pipeTotal, pipeUn, revTotal, revUn float64
	var buf []journeyTouch
	for o, opp := range s.ds.Opportunities {
		if s.inP(opp.CreatedAt) {
			pipeTotal += opp.Amount
			buf = s.journey(o, s.lookbackStart(o), opp.CreatedAt, buf)
			if len(buf) == 0 {
				pipeUn += opp.Amount
			} else {
				pipe = append(pipe, journey{opp: int32(o), amount: opp.Amount, at: opp.CreatedAt, touches: slices.Clone(buf)})
			}
		}
		if opp.Status == loader.Won && s.inP(opp.ClosedAt) {
			revTotal += opp.Amount
			buf = s.journey(o, s.lookbackStart(o), opp.ClosedAt, buf)
			if len(buf) == 0 {
				revUn += opp.Amount
			} else {
				rev = append(rev, journey{opp: int32(o), amount: opp.Amount, at: opp.ClosedAt, touches: slices.Clone(buf), closed: true})
			}
		}
	}
	// The two targets share nothing but the read-only scope and each
	// lead's path in P: revenue is credited on the other core.
	inP := s.pathsInP()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.Revenue = s.credit(rev, revTotal, revUn, s.nonConverting(rev, inP))
	}()
	a.Pipeline = s.credit(pipe, pipeTotal, pipeUn, s.nonConverting(pipe, inP))
	wg.Wait()
	return a
}

// pathsInP returns each lead's campaigns touched in P, in touch order (nil
// for a lead with none), all held in one array.
func (s *scope) pathsInP() [][]loader.ID {
	paths := make([][]loader.ID, len(s.ds.Leads))
	all := make([]loader.ID, 0, len(s.ds.Touches))
	for p := range s.ds.Leads {
		from := len(all)
		for _, t := range s.ds.PersonTouches(loader.ID(p)) {
			if s.inP(t.At) {
				all = append(all, t.Campaign)
			}
		}
		if len(all) > from {
			paths[p] = all[from:len(all):len(all)]
		}
	}
	return paths
}

// nonConverting returns the Markov chain's non-converting paths for a
// target: one per lead with a touch in P who is in people(o) of none of the
// target's attributed opportunities, made of its touches in P (inP, from
// pathsInP).
func (s *scope) nonConverting(journeys []journey, inP [][]loader.ID) [][]loader.ID {
	inJourney := make([]bool, len(s.ds.Leads))
	for _, j := range journeys {
		for _, p := range s.ds.PeopleOf(int(j.opp)) {
			inJourney[p] = true
		}
	}
	paths := make([][]loader.ID, 0, len(inP))
	for p, path := range inP {
		if path != nil && !inJourney[p] {
			paths = append(paths, path)
		}
	}
	return paths
}

// credit splits the journeys' value over campaigns and channels under every
// model: the rule-based models touch by touch, Markov by removal effect.
func (s *scope) credit(journeys []journey, total, unattributed float64, nonConverting [][]loader.ID) AttributionTarget {
	t := AttributionTarget{
		Total: Money(total), Attributed: Money(total - unattributed), Unattributed: Money(unattributed), Opportunities: len(journeys),
		Models: map[Model]map[string]Money{}, Channels: map[Model]map[string]Money{},
	}
	nc := len(s.ds.Campaigns)
	inJourney := make([]bool, nc)
	for _, j := range journeys {
		for _, jt := range j.touches {
			inJourney[jt.Campaign] = true
		}
	}
	channelOf, channels := s.channelIndex()
	models := AttributionModels(s.opts.Weights)
	perModel := map[Model][]float64{}
	t.Intervals, t.ChannelIntervals = map[Model]map[string]MoneyInterval{}, map[Model]map[string]MoneyInterval{}
	byCampaign, byChannel := newCreditSpread(nc), newCreditSpread(len(channels))
	var w []float64
	for _, name := range models {
		if name == ModelMarkov {
			continue
		}
		model := s.ruleModel(name)
		perCampaign := make([]float64, nc)
		byCampaign.reset()
		byChannel.reset()
		for i := range journeys {
			j := &journeys[i]
			w = slices.Grow(w[:0], len(j.touches))[:len(j.touches)]
			clear(w)
			model(j, w)
			for k, jt := range j.touches {
				x := j.amount * w[k]
				perCampaign[jt.Campaign] += x
				byCampaign.add(jt.Campaign, x)
				byChannel.add(channelOf[jt.Campaign], x)
			}
			byCampaign.endOpp()
			byChannel.endOpp()
		}
		perModel[name] = perCampaign
		n := len(journeys)
		campaigns, chans := map[string]MoneyInterval{}, map[string]MoneyInterval{}
		for c, v := range perCampaign {
			if inJourney[c] || v != 0 {
				campaigns[s.campaignName(loader.ID(c))] = creditInterval(v, byCampaign.sq[c], n)
			}
		}
		for k, ch := range channels {
			if byChannel.seen[k] {
				chans[ch] = creditInterval(byChannel.sum[k], byChannel.sq[k], n)
			}
		}
		t.Intervals[name], t.ChannelIntervals[name] = campaigns, chans
	}
	perModel[ModelMarkov] = markovCredit(journeys, nonConverting, nc, total-unattributed)

	for _, name := range models {
		campaigns, channels := map[string]Money{}, map[string]Money{}
		for c, v := range perModel[name] {
			if !inJourney[c] && v == 0 {
				continue
			}
			campaigns[s.campaignName(loader.ID(c))] = Money(v)
			channels[s.campaignChannel[c]] += Money(v)
		}
		t.Models[name], t.Channels[name] = campaigns, channels
	}
	t.Reconciliation, t.Compare = s.compareModels(perModel, inJourney, total, unattributed)
	bandRows(t.Compare, t.Intervals)
	return t
}

// channelIndex numbers the channels of the campaigns (sorted by name) and
// returns each campaign's channel number.
func (s *scope) channelIndex() ([]int32, []string) {
	names := slices.Clone(s.campaignChannel)
	slices.Sort(names)
	names = slices.Compact(names)
	of := make([]int32, len(s.campaignChannel))
	for c, ch := range s.campaignChannel {
		i, _ := slices.BinarySearch(names, ch)
		of[c] = int32(i)
	}
	return of, names
}

// creditSpread collects, per campaign (or channel), the sum and the sum of
// squares of x_o, its credit from each opportunity, in one pass over the
// journeys: add each touch's credit, then endOpp after each journey.
type creditSpread struct {
	sum, sq []float64
	seen    []bool // credited by some journey (a touch, even of weight 0)
	opp     []float64
	touched []int32 // the keys of opp holding this journey's credit
	in      []bool
}

func newCreditSpread(n int) *creditSpread {
	return &creditSpread{sum: make([]float64, n), sq: make([]float64, n), seen: make([]bool, n), opp: make([]float64, n), in: make([]bool, n)}
}

func (c *creditSpread) reset() {
	clear(c.sum)
	clear(c.sq)
	clear(c.seen)
}

func (c *creditSpread) add(k int32, x float64) {
	if !c.in[k] {
		c.in[k] = true
		c.touched = append(c.touched, k)
	}
	c.opp[k] += x
}

func (c *creditSpread) endOpp() {
	for _, k := range c.touched {
		x := c.opp[k]
		c.sum[k] += x
		c.sq[k] += x * x
		c.seen[k] = true
		c.opp[k], c.in[k] = 0, false
	}
	c.touched = c.touched[:0]
}

// creditInterval is SPEC 14's 90% interval of a credit t = sum x_o over n
// opportunities with sq = sum x_o^2: t -/+ 1.645 sqrt(n v), v the
// population variance of x_o (so n v = sq - t^2 / n), lo clipped at 0.
func creditInterval(t, sq float64, n int) MoneyInterval {
	if n == 0 {
		return MoneyInterval{0, 0}
	}
	half := 1.645 * math.Sqrt(max(0, sq-t*t/float64(n)))
	return MoneyInterval{Money(max(0, t-half)), Money(t + half)}
}

// bandRows places every row, under each model with intervals, in a band:
// the campaigns whose intervals (in cents) overlap, directly or through
// others, share a band. Bands are numbered from the most credit down; a
// band's ranks are the positions its campaigns take by credit.
func bandRows(rows []ModelComparison, intervals map[Model]map[string]MoneyInterval) {
	for i := range rows {
		rows[i].Bands = map[Model]RankBand{}
	}
	for model, iv := range intervals {
		order := make([]int, len(rows))
		for i := range order {
			order[i] = i
		}
		los, his := make([]float64, len(rows)), make([]float64, len(rows))
		for i := range rows {
			x := iv[rows[i].CampaignID]
			los[i], his[i] = RoundCents(float64(x[0])), RoundCents(float64(x[1]))
		}
		cents := func(i int) (lo, hi float64) { return los[i], his[i] }
		// By interval, highest first: a band ends where the next interval
		// lies wholly below every interval of the band so far.
		slices.SortStableFunc(order, func(a, b int) int {
			if c := cmp.Compare(his[b], his[a]); c != 0 {
				return c
			}
			return cmp.Compare(los[b], los[a])
		})
		band, floor := 0, 0.0
		bandOf := make([]int, len(rows))
		for _, i := range order {
			lo, hi := cents(i)
			if band == 0 || hi < floor {
				band, floor = band+1, lo
			}
			floor = min(floor, lo)
			bandOf[i] = band
		}
		// Ranks by credit: the rows' Rank under this model.
		first, last := map[int]int{}, map[int]int{}
		for i, b := range bandOf {
			r := rows[i].Rank[model]
			if f, ok := first[b]; !ok || r < f {
				first[b] = r
			}
			last[b] = max(last[b], r)
		}
		for i, b := range bandOf {
			rows[i].Bands[model] = RankBand{Band: b, Ranks: [2]int{first[b], last[b]}}
		}
	}
}
