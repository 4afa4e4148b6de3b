package gen

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	daySec   = 86400
	lookback = 180 * daySec // the report's default lookback W
)

// Lead classes drawn with the creation time.
const (
	clsMarketing = iota // created by a marketing response (or a partner referral)
	clsSales            // created by a rep
	clsCold             // created by repGreg at quarter end, with a cold opportunity
)

// Opportunity statuses.
const (
	stOpen = iota
	stWon
	stLost
)

// Asset kinds that change a deal's odds; index into a lead's firstAsset.
const (
	akWhitePaper = iota
	akCaseStudy
	akDemo
	numAK
)

// Funnel calibration. Rates are per step; see the package doc for the
// patterns they plant.
var (
	sqlRateByBucket = [6]float64{0.44, 0.345, 0.22, 0.125, 0.065, 0.035} // 0-5m .. never
	oppRateOfSQL    = 0.32
	winBase         = 0.24
	winCaseStudy    = 1.75
	winWhitePaper   = 0.42
	winDemo         = 1.15
	coldPerQuarter  = 0.0015 // share of leads that are cold quarter-end opps, per quarter
	salesLeadShare  = 0.16
	quarterGrowth   = 1.10 // leads per quarter
	entryHazard     = 0.45
	nurtureHazard   = 0.027 // at 10 touches per lead; scaled by 10/TouchesPerLead
)

type touch struct {
	t     int64
	camp  int32
	asset int32 // -1: none
}

type activity struct {
	t     int64
	typ   uint8
	owner int8
}

type account struct {
	region, industry uint8
	big, abm, abmFS  bool
	owner            int8
	name             string
	domain           string
}

type opp struct {
	created, closed int64 // closed < 0 while open
	amount          int64
	lead            int32
	account         int32
	owner           int8
	status          uint8
	product         uint8
	nc              uint8
	origin          string
	stage           string
	contacts        [3]int32
	roles           [3]uint8
}

// table picks an index with probability proportional to its weight.
type table struct {
	cum []float64
	idx []int32
}

func (t *table) add(i int, w float64) {
	s := w
	if n := len(t.cum); n > 0 {
		s += t.cum[n-1]
	}
	t.cum = append(t.cum, s)
	t.idx = append(t.idx, int32(i))
}

func (t *table) pick(r *rand.Rand) int32 {
	n := len(t.cum)
	if n == 0 {
		return -1
	}
	x := r.Float64() * t.cum[n-1]
	lo, hi := 0, n-1
	for lo < hi {
		m := (lo + hi) / 2
		if t.cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return t.idx[lo]
}

func pickW(r *rand.Rand, w []float64) int {
	x := r.Float64()
	for i, p := range w {
		x -= p
		if x < 0 {
			return i
		}
	}
	return len(w) - 1
}

type gen struct {
	cfg  Config
	r    *rand.Rand
	days int
	end  int64 // last valid second, relative to From

	dayPrefix [][]byte // "2026-04-01T"
	dateText  []string // "2026-04-01"
	weekend   []bool
	quarter   []int // calendar quarter ordinal of each day, 0 for the first
	qEnd      []int // last day (in range) of the day's quarter
	burstP    []float64

	camps     []campaign
	campID    []string
	campSrc   [][]string
	assets    []asset
	assetKind []int8 // akWhitePaper.., -1 other
	accts     []account
	byRegion  [numRegions][]int32
	bigRegion [numRegions][]int32
	abmAccts  []int32
	abmFS     []int32
	byOwner   [][]int32
	repsIn    [numRegions][]int8

	acqTab  []table
	nurTab  []table
	abmTab  []table
	dayW    []float64
	sales   []float64 // share of a day's leads created by reps
	nurRate float64   // nurture touches per lead-day at engagement 1
	// nurAsset scales the chance that a nurture touch carries content, so
	// that content per lead does not grow with TouchesPerLead.
	nurAsset float64
	hNur     float64

	packed     []uint64 // created<<8 | class<<4 | region, sorted
	acctHead   []int32  // last lead index seen per account
	prevSame   []int32  // previous lead index of the same account
	firstAsset []int32  // numAK per lead: first touch time of that kind, or MaxInt32
	opps       []opp

	touches []touch
	acts    []activity
	dupRow  []byte
	soon    bool

	leads, touchF, actF *file
}

// Write writes the seven canonical CSV files for cfg into dir, creating dir
// if needed. Files are written under temporary names and renamed at the end.
func Write(cfg Config, dir string) (Summary, error) {
	cfg, err := cfg.normalize()
	if err != nil {
		return Summary{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, err
	}
	names := []string{"campaigns.csv", "assets.csv", "leads.csv", "touches.csv", "activities.csv", "opportunities.csv", "opportunity_contacts.csv"}
	files := make([]*file, len(names))
	ok := false
	defer func() {
		if !ok {
			for _, f := range files {
				if f != nil {
					f.discard()
				}
			}
		}
	}()
	for i, n := range names {
		if files[i], err = createFile(dir, n); err != nil {
			return Summary{}, err
		}
	}
	fc, fa, fl, ft, fact, fo, fx := files[0], files[1], files[2], files[3], files[4], files[5], files[6]

	g := newGen(cfg)
	g.leads, g.touchF, g.actF = fl, ft, fact
	var s Summary
	g.writeCampaigns(fc)
	g.writeAssets(fa)
	fl.header(headerLeads)
	ft.header(headerTouches)
	fact.header(headerActivities)
	for i := range g.packed {
		g.lead(i)
	}
	s.DirtyRows = g.writeOpportunities(fo, fx)
	if g.cfg.Dirty {
		if g.dupRow != nil {
			fl.put(append(fl.buf(), g.dupRow...))
			s.DirtyRows++
		}
		if g.soon {
			s.DirtyRows++
		}
		b := ft.buf()
		b = appendID(b, "L", min(10, cfg.Leads), 7)
		b = append(b, ",C999,"...)
		b = g.appendTS(b, g.end-3*daySec-4711)
		ft.put(append(b, ",\n"...))
		s.DirtyRows++
	}

	for _, f := range files {
		n, err := f.finish()
		if err != nil {
			return Summary{}, err
		}
		s.Bytes += n
	}
	if cfg.Shuffle {
		for i, f := range []*file{fl, ft, fact} {
			if err := shuffleRows(f.f.Name(), cfg.Seed+uint64(i)); err != nil {
				return Summary{}, err
			}
		}
	}
	for _, f := range files {
		if err := os.Rename(f.f.Name(), f.final); err != nil {
			return Summary{}, err
		}
	}
	ok = true
	s.Campaigns, s.Assets, s.Leads, s.Touches = fc.rows, fa.rows, fl.rows, ft.rows
	s.Activities, s.Opportunities, s.OpportunityContacts = fact.rows, fo.rows, fx.rows
	return s, nil
}

func newGen(cfg Config) *gen {
	g := &gen{cfg: cfg}
	g.days = int(cfg.To.Sub(cfg.From)/(24*time.Hour)) + 1
	g.end = int64(g.days)*daySec - 1
	for d := range g.days {
		t := cfg.From.AddDate(0, 0, d)
		g.dateText = append(g.dateText, t.Format(time.DateOnly))
		g.dayPrefix = append(g.dayPrefix, []byte(t.Format(time.DateOnly)+"T"))
		g.weekend = append(g.weekend, t.Weekday() == time.Saturday || t.Weekday() == time.Sunday)
		q := (t.Year()-cfg.From.Year())*4 + (int(t.Month())-1)/3 - (int(cfg.From.Month())-1)/3
		g.quarter = append(g.quarter, q)
	}
	g.qEnd = make([]int, g.days)
	for d := g.days - 1; d >= 0; d-- {
		if d == g.days-1 || g.quarter[d+1] != g.quarter[d] {
			g.qEnd[d] = d
		} else {
			g.qEnd[d] = g.qEnd[d+1]
		}
	}

	setup := rand.New(rand.NewPCG(cfg.Seed, 0x5e7))
	g.buildCatalog(setup)
	g.buildAccounts(setup)
	g.buildTables()
	g.drawCreation(rand.New(rand.NewPCG(cfg.Seed, 0xc4ea7e)))
	g.r = rand.New(rand.NewPCG(cfg.Seed, 0x1ead))

	g.acctHead = make([]int32, len(g.accts))
	for i := range g.acctHead {
		g.acctHead[i] = -1
	}
	g.prevSame = make([]int32, cfg.Leads)
	g.firstAsset = make([]int32, cfg.Leads*numAK)
	g.opps = make([]opp, 0, cfg.Leads/18+16)
	return g
}

// scaleDay maps a curated day offset (of 183 days) onto the configured range.
func (g *gen) scaleDay(d int) int {
	if d < 0 || g.days == 183 {
		return d
	}
	return min(g.days-1, d*(g.days-1)/182)
}

func (g *gen) buildCatalog(r *rand.Rand) {
	g.assets = slices.Clone(curatedAssets)
	cur := curatedCampaigns()
	g.camps = make([]campaign, 0, g.cfg.Campaigns)
	for _, c := range cur {
		c.start, c.end = g.scaleDay(c.start), g.scaleDay(c.end)
		g.camps = append(g.camps, c)
	}
	extra := g.cfg.Campaigns - len(cur)
	// More assets for bigger catalogues.
	kinds := []string{whitePaper, ebook, caseStudy, webinarAsset, datasheet, analystReport, video, demo}
	for len(g.assets) < max(25, g.cfg.Campaigns/8) {
		k := len(g.assets)
		typ := kinds[k%len(kinds)]
		topic := extraTopics[(k/len(kinds))%len(extraTopics)]
		var n string
		switch typ {
		case whitePaper:
			n = "White Paper: " + topic
		case ebook:
			n = "eBook: The " + topic + " Handbook"
		case caseStudy:
			n = "Customer Story: " + topic + " at " + accountRoots[k%len(accountRoots)]
		case webinarAsset:
			n = "Webinar Recording: " + topic
		case datasheet:
			n = "Datasheet: " + topic + " Module"
		case analystReport:
			n = "Analyst Note: " + topic
		case video:
			n = "Video: " + topic + " in 3 Minutes"
		default:
			n = "Interactive Demo: " + topic
		}
		g.assets = append(g.assets, asset{n + " (" + strconv.Itoa(k+1) + ")", typ})
	}
	g.assetKind = make([]int8, len(g.assets))
	for i, a := range g.assets {
		switch a.typ {
		case whitePaper:
			g.assetKind[i] = akWhitePaper
		case caseStudy:
			g.assetKind[i] = akCaseStudy
		case demo:
			g.assetKind[i] = akDemo
		default:
			g.assetKind[i] = -1
		}
	}
	assetsOf := func(typ string) []int {
		var out []int
		for i, a := range g.assets {
			if a.typ == typ {
				out = append(out, i)
			}
		}
		return out
	}
	f := 1.0
	if extra > 0 {
		f = min(1, 30/float64(extra))
	}
	channels := []string{"email", "webinar", "event", "paid_social", "paid_search", "content_syndication", "direct_mail", "partner"}
	chW := []float64{0.25, 0.2, 0.15, 0.12, 0.08, 0.1, 0.05, 0.05}
	partners := []string{"DataBridge", "CloudNine Consulting", "Apex Resellers", "Insight Partners Group"}
	for k := 0; k < extra; k++ {
		ch := channels[pickW(r, chW)]
		topic := extraTopics[r.IntN(len(extraTopics))]
		ci := r.IntN(len(extraCities))
		city := extraCities[ci]
		c := campaign{channel: ch, region: -1, mqlQ: math.Exp(0.3*r.NormFloat64() - 0.05), leadQ: math.Exp(0.2*r.NormFloat64() - 0.02), junk: 0.06}
		dur, cost := 14, 2000.0
		switch ch {
		case "email":
			c.name = "Email: " + topic + " Promo"
			dur, cost, c.acq, c.nur = 7+r.IntN(15), 300+float64(r.IntN(20))*50, 0, 20
			c.assets, c.assetP = assetsOf(whitePaper)[:2], 0.4
		case "webinar":
			c.name = "{Q} Webinar: " + topic + " (" + city + ")"
			dur, cost, c.acq, c.nur, c.webinar, c.quarterQ = 14+r.IntN(8), 1500+float64(r.IntN(40))*100, 6, 10, true, true
			c.region = extraCityRegion[ci]
		case "event":
			c.name = "Field Event: " + city + " " + topic + " Lunch"
			dur, cost, c.acq, c.nur = 1+r.IntN(2), 5000+float64(r.IntN(60))*500, 40, 10
			c.region = extraCityRegion[ci]
		case "paid_social":
			c.name = "LinkedIn Sponsored Content - " + topic
			dur, cost, c.acq, c.nur = 30+r.IntN(60), 4000+float64(r.IntN(30))*500, 8, 3
			c.assets, c.assetP = assetsOf(whitePaper), 0.8
		case "paid_search":
			c.name = "Google Ads - Non-Brand: " + topic
			dur, cost, c.acq, c.nur = 30+r.IntN(60), 5000+float64(r.IntN(30))*500, 8, 1
		case "content_syndication":
			c.name = "Content Syndication - " + topic + " Guide"
			dur, cost, c.acq, c.nur = 30+r.IntN(30), 6000+float64(r.IntN(30))*500, 12, 1
			c.assets, c.assetP, c.junk = assetsOf(ebook), 1, 0.2
		case "direct_mail":
			c.name = "Direct Mail - " + city + " Executive Kit"
			dur, cost, c.acq, c.nur = 20+r.IntN(25), 3000+float64(r.IntN(30))*250, 1, 4
		default:
			c.name = "Partner Webinar: " + topic + " with " + partners[r.IntN(len(partners))]
			dur, cost, c.acq, c.nur = 14+r.IntN(16), 1000+float64(r.IntN(20))*250, 4, 3
			c.webinar = true
		}
		c.acq *= f
		c.nur *= f
		c.cost = cost
		c.start = r.IntN(max(1, g.days-dur))
		c.end = min(g.days-1, c.start+dur-1)
		if !c.webinar && ch != "event" {
			c.name += " (" + g.cfg.From.AddDate(0, 0, c.start).Format("Jan 2006") + ")"
		}
		g.camps = append(g.camps, c)
	}
	for i := range g.camps {
		c := &g.camps[i]
		if c.quarterQ {
			q := "Q" + strconv.Itoa((int(g.cfg.From.AddDate(0, 0, max(c.start, 0)).Month())-1)/3+1)
			c.name = strings.Replace(c.name, "{Q}", q, 1)
		}
		if len(g.camps) > 999 {
			g.campID = append(g.campID, string(appendID(nil, "C", i+1, 4)))
		} else {
			g.campID = append(g.campID, string(appendID(nil, "C", i+1, 3)))
		}
		g.campSrc = append(g.campSrc, leadSource[c.channel])
	}
}

func (g *gen) buildAccounts(r *rand.Rand) {
	n := max(30, g.cfg.Leads/4)
	g.accts = make([]account, n)
	g.byOwner = make([][]int32, len(reps))
	for i, rp := range reps {
		g.repsIn[rp.region] = append(g.repsIn[rp.region], int8(i))
	}
	pairs := len(accountRoots) * len(accountSuffixes)
	combos := pairs * len(accountForms)
	perm := r.Perm(pairs)
	for i := range g.accts {
		a := &g.accts[i]
		a.region = uint8(pickW(r, regionWeight[:]))
		if i < numRegions {
			a.region = uint8(i) // every region has an account, even in tiny configs
		}
		a.industry = uint8(pickW(r, industryWeight))
		a.big = r.Float64() < 0.12
		if a.big {
			a.abm = r.Float64() < 0.25
			a.abmFS = a.industry == industryFS && r.Float64() < 0.5
		}
		in := g.repsIn[a.region]
		a.owner = in[r.IntN(len(in))]
		if i == 0 {
			a.owner = repGreg
		}
		c := perm[i%pairs]
		root, suf := accountRoots[c/len(accountSuffixes)], accountSuffixes[c%len(accountSuffixes)]
		form := accountForms[(i/pairs)%len(accountForms)]
		a.name = root + " " + suf
		a.domain = strings.ToLower(strings.ReplaceAll(root, " ", "") + suf)
		if form != "" {
			a.name += " " + form
			a.domain += strconv.Itoa(i / pairs % len(accountForms))
		}
		if k := i / combos; k > 0 {
			a.name += " " + strconv.Itoa(k+1)
			a.domain += strconv.Itoa(k + 1)
		}
		a.domain += ".example.com"
		id := int32(i)
		g.byRegion[a.region] = append(g.byRegion[a.region], id)
		if a.big {
			g.bigRegion[a.region] = append(g.bigRegion[a.region], id)
		}
		if a.abm {
			g.abmAccts = append(g.abmAccts, id)
		}
		if a.abmFS {
			g.abmFS = append(g.abmFS, id)
		}
		g.byOwner[a.owner] = append(g.byOwner[a.owner], id)
	}
	for reg := range numRegions {
		if len(g.bigRegion[reg]) == 0 {
			g.bigRegion[reg] = g.byRegion[reg]
		}
	}
	if len(g.abmAccts) == 0 {
		g.abmAccts = g.bigRegion[regNA]
	}
	if len(g.abmFS) == 0 {
		g.abmFS = g.abmAccts
	}
}

func (g *gen) active(c *campaign, d int) bool {
	return (c.start < 0 || d >= c.start) && (c.end < 0 || d <= c.end)
}

func (g *gen) buildTables() {
	g.acqTab = make([]table, g.days)
	g.nurTab = make([]table, g.days)
	g.abmTab = make([]table, g.days)
	g.dayW = make([]float64, g.days)
	g.sales = make([]float64, g.days)
	mkt := make([]float64, g.days)
	for d := range g.days {
		for i := range g.camps {
			c := &g.camps[i]
			if !g.active(c, d) {
				continue
			}
			if c.acq > 0 {
				g.acqTab[d].add(i, c.acq)
				mkt[d] += c.acq
			}
			if c.abm {
				g.abmTab[d].add(i, 1)
			} else if c.nur > 0 {
				g.nurTab[d].add(i, c.nur)
			}
		}
	}
	// Rep-created leads: a fixed weekday volume sized to salesLeadShare.
	var wk, nwk float64
	for d := range g.days {
		if !g.weekend[d] {
			wk += mkt[d]
			nwk++
		}
	}
	salesW := salesLeadShare / (1 - salesLeadShare) * wk / nwk
	for d := range g.days {
		m, s := mkt[d], salesW
		if g.weekend[d] {
			m, s = m*0.35, s*0.04
		}
		g.dayW[d] = m + s
		g.sales[d] = s / (m + s)
	}
	// Each quarter gets a volume proportional to its days, growing by
	// quarterGrowth per quarter.
	nq := g.quarter[g.days-1] + 1
	qW := make([]float64, nq)
	qDays := make([]float64, nq)
	for d := range g.days {
		qW[g.quarter[d]] += g.dayW[d]
		qDays[g.quarter[d]]++
	}
	for d := range g.days {
		q := g.quarter[d]
		g.dayW[d] *= qDays[q] * math.Pow(quarterGrowth, float64(q)) / qW[q]
	}
	// Cold leads: coldPerQuarter of all leads per quarter, inside the last
	// 14 days of each quarter.
	var total float64
	winW := make([]float64, nq)
	for d := range g.days {
		total += g.dayW[d]
		if g.qEnd[d]-d < 14 {
			winW[g.quarter[d]] += g.dayW[d]
		}
	}
	g.burstP = make([]float64, g.days)
	for d := range g.days {
		if q := g.quarter[d]; g.qEnd[d]-d < 14 && qDays[q] >= 28 {
			g.burstP[d] = min(0.5, coldPerQuarter*total/winW[q])
		}
	}
	// Nurture rate: touches per lead-day so that the mean lead gets about
	// TouchesPerLead touches (the entry touch included).
	var avail float64
	for d := range g.days {
		avail += g.dayW[d] * min(float64(g.days-d)-0.5, 150)
	}
	avail /= total
	g.nurRate = (g.cfg.TouchesPerLead - 0.8) / avail / 0.72
	g.hNur = nurtureHazard * 10 / g.cfg.TouchesPerLead
	g.nurAsset = min(1, 2.2/g.cfg.TouchesPerLead)
}

// tod draws a UTC second of the day for an event in region reg, mostly in
// local business hours.
func tod(r *rand.Rand, reg int) int64 {
	var local float64
	if r.Float64() < 0.82 {
		local = 8*3600 + r.Float64()*10*3600
	} else {
		local = r.Float64() * daySec
	}
	off := regionUTCOffset[reg][r.IntN(2)]
	s := int64(local) - int64(off)*3600
	s %= daySec
	if s < 0 {
		s += daySec
	}
	return s
}

func (g *gen) drawCreation(r *rand.Rand) {
	cum := make([]float64, g.days)
	var s float64
	for d, w := range g.dayW {
		s += w
		cum[d] = s
	}
	g.packed = make([]uint64, g.cfg.Leads)
	for i := range g.packed {
		x := r.Float64() * s
		d, _ := slices.BinarySearch(cum, x)
		d = min(d, g.days-1)
		reg := pickW(r, regionWeight[:])
		cls := clsMarketing
		switch {
		case r.Float64() < g.burstP[d]:
			cls, reg = clsCold, regNA
		case r.Float64() < g.sales[d]:
			cls = clsSales
		}
		t := int64(d)*daySec + tod(r, reg)
		g.packed[i] = uint64(t)<<8 | uint64(cls)<<4 | uint64(reg)
	}
	slices.Sort(g.packed)
}

// appendTS appends t (seconds from From) as 2026-07-14T09:31:07Z.
func (g *gen) appendTS(b []byte, t int64) []byte {
	b = append(b, g.dayPrefix[t/daySec]...)
	s := int(t % daySec)
	b = append2(b, s/3600)
	b = append(b, ':')
	b = append2(b, s/60%60)
	b = append(b, ':')
	b = append2(b, s%60)
	return append(b, 'Z')
}

func (g *gen) appendOptTS(b []byte, t int64) []byte {
	if t >= 0 {
		b = g.appendTS(b, t)
	}
	return append(b, ',')
}

func (g *gen) writeCampaigns(f *file) {
	f.header(headerCampaigns)
	for i := range g.camps {
		c := &g.camps[i]
		b := f.buf()
		b = append(b, g.campID[i]...)
		b = append(b, ',')
		b = appendField(b, c.name)
		b = append(b, ',')
		b = append(b, c.channel...)
		b = append(b, ',')
		if c.start >= 0 {
			b = append(b, g.dateText[c.start]...)
		}
		b = append(b, ',')
		if c.end >= 0 {
			b = append(b, g.dateText[c.end]...)
		}
		b = append(b, ',')
		b = strconv.AppendFloat(b, c.cost, 'f', -1, 64)
		f.put(append(b, '\n'))
	}
}

func (g *gen) writeAssets(f *file) {
	f.header(headerAssets)
	for i, a := range g.assets {
		b := f.buf()
		b = appendID(b, "A", i+1, 3)
		b = append(b, ',')
		b = appendField(b, a.name)
		b = append(b, ',')
		b = append(b, a.typ...)
		f.put(append(b, '\n'))
	}
}

func logn(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

func clamp(x, lo, hi float64) float64 { return max(lo, min(hi, x)) }

// pickAccount picks the account of a new lead.
func (g *gen) pickAccount(r *rand.Rand, cls int, c *campaign, reg int) int32 {
	switch {
	case cls == clsCold:
		l := g.byOwner[repGreg]
		return l[r.IntN(len(l))]
	case c != nil && c.abm:
		l := g.abmAccts
		if c.abmFS {
			l = g.abmFS
		}
		return l[r.IntN(len(l))]
	}
	big := 0.25
	if cls == clsSales {
		big = 0.5
	}
	if r.Float64() < big {
		l := g.bigRegion[reg]
		return l[r.IntN(len(l))]
	}
	l := g.byRegion[reg]
	return l[r.IntN(len(l))]
}

// pickAsset picks the asset of a touch on c, or -1. Researchers lean to
// white papers, evaluators to case studies and demos.
func (g *gen) pickAsset(r *rand.Rand, c *campaign, persona int, scale float64) int32 {
	if len(c.assets) == 0 || r.Float64() >= c.assetP*scale {
		return -1
	}
	if persona > 0 && r.Float64() < 0.6 {
		for range 3 {
			a := c.assets[r.IntN(len(c.assets))]
			k := g.assetKind[a]
			if (persona == 1 && k == akWhitePaper) || (persona == 2 && (k == akCaseStudy || k == akDemo)) {
				return int32(a)
			}
		}
	}
	return int32(c.assets[r.IntN(len(c.assets))])
}

// latency draws a follow-up latency in seconds inside bucket b (0..4),
// away from the bucket edges.
func latency(r *rand.Rand, b int) int64 {
	logU := func(lo, hi float64) int64 { return int64(lo * math.Exp(r.Float64()*math.Log(hi/lo))) }
	switch b {
	case 0:
		return 15 + r.Int64N(280)
	case 1:
		return logU(310, 3580)
	case 2:
		return logU(3620, 86000)
	case 3:
		return logU(86800, 604000)
	default:
		return logU(605500, 35*daySec)
	}
}

func (g *gen) addAct(t int64, typ uint8, owner int8) {
	if t >= 0 && t <= g.end {
		g.acts = append(g.acts, activity{t, typ, owner})
	}
}

// spreadActs adds n activities between lo and hi, in the owner's business
// hours on weekdays when it can.
func (g *gen) spreadActs(r *rand.Rand, n int, lo, hi int64, types []float64, owner int8) {
	hi = min(hi, g.end)
	if hi <= lo {
		return
	}
	reg := reps[owner].region
	for range n {
		t := lo + r.Int64N(hi-lo+1)
		if d := t / daySec; g.weekend[d] && t+2*daySec <= hi {
			t += 2 * daySec
		}
		if b := t/daySec*daySec + tod(r, reg); b >= lo && b <= hi {
			t = b
		}
		g.addAct(t, uint8(pickW(r, types)), owner)
	}
}

// businessHours tells whether t falls between 8:00 and 18:00 on a weekday
// in region reg.
func (g *gen) businessHours(t int64, reg int) bool {
	l := t + int64(regionUTCOffset[reg][0])*3600
	if l < 0 || l/daySec >= int64(g.days) || g.weekend[l/daySec] {
		return false
	}
	h := l % daySec / 3600
	return h >= 8 && h < 18
}

var (
	contactCountW = []float64{0.35, 0.33, 0.2, 0.12}
	firstFollowUp = []float64{0.45, 0.40, 0, 0.15}
	laterActs     = []float64{0.32, 0.33, 0.30, 0.05}
	prospecting   = []float64{0.45, 0.35, 0, 0.20}
)

// person is the state of one lead while it is generated.
type person struct {
	i        int
	t0       int64 // created_at, seconds from From
	cls      int
	reg      int
	day0     int
	entry    int32 // campaign of the response that created the lead, or -1
	ec       *campaign
	acct     int32
	a        *account
	owner    int8 // the rep who works the lead
	field    int8 // owner as written in leads.csv, -1 when unassigned
	junk     bool // a student or other non-buyer
	persona  int  // 0 general, 1 researcher (white papers), 2 evaluator (case studies, demos)
	ql       float64
	eng      float64
	mqlAt    int64 // -1 when absent, as are the others
	sqlAt    int64
	dqAt     int64
	fu       int64 // first follow-up at or after mqlAt
	dqReason string
}

// lead generates lead i and everything that hangs off it: its touches and
// activities (written at once) and its opportunity (kept for later).
func (g *gen) lead(i int) {
	r := g.r
	pk := g.packed[i]
	p := &person{i: i, t0: int64(pk >> 8), cls: int(pk>>4) & 0xf, reg: int(pk & 0xf), entry: -1,
		mqlAt: -1, sqlAt: -1, dqAt: -1, fu: -1}
	p.day0 = int(p.t0 / daySec)
	g.who(r, p)
	g.journey(r, p)
	g.acts = g.acts[:0]
	g.qualify(r, p)
	g.opportunity(r, p)

	// Remember what later deals need: first touch per asset kind, and the
	// account's members.
	fa := g.firstAsset[i*numAK : i*numAK+numAK]
	for k := range fa {
		fa[k] = math.MaxInt32
	}
	for _, tc := range g.touches {
		if tc.asset >= 0 {
			if k := g.assetKind[tc.asset]; k >= 0 && int32(tc.t) < fa[k] {
				fa[k] = int32(tc.t)
			}
		}
	}
	g.prevSame[i] = g.acctHead[p.acct]
	g.acctHead[p.acct] = int32(i)

	g.writeLead(r, p)
	g.writeTouches(i)
	g.writeActivities(i)
}

// who picks the lead's entry campaign, account, owner and hidden traits.
func (g *gen) who(r *rand.Rand, p *person) {
	if p.cls == clsMarketing {
		p.entry = g.acqTab[p.day0].pick(r)
		if p.entry >= 0 {
			p.ec = &g.camps[p.entry]
			if p.ec.region >= 0 {
				p.reg = p.ec.region
			}
		}
	}
	p.acct = g.pickAccount(r, p.cls, p.ec, p.reg)
	p.a = &g.accts[p.acct]
	p.reg = int(p.a.region)
	p.owner = p.a.owner
	if p.cls == clsCold {
		p.owner = repGreg
	}
	p.field = p.owner
	if p.cls != clsCold && r.Float64() < 0.02 {
		p.field = -1 // unassigned in the CRM; someone still follows up
	}

	junkP, leadQ := 0.03, 1.0
	if p.ec != nil {
		junkP, leadQ = p.ec.junk, p.ec.leadQ
	}
	p.junk = r.Float64() < junkP
	if x := r.Float64(); x < 0.30 {
		p.persona = 1
	} else if x < 0.50 {
		p.persona = 2
	}
	p.ql = math.Exp(0.45*r.NormFloat64()-0.1) * leadQ
	p.eng = math.Exp(0.6*r.NormFloat64() - 0.18)
	if p.a.big {
		p.ql *= 1.15
	}
	if p.a.abm || p.a.abmFS {
		p.ql *= 1.5
		p.eng *= 1.3
	}
	if p.junk {
		p.ql *= 0.12
		p.eng *= 0.35
	}
	if p.cls != clsMarketing {
		p.eng *= 0.45
	}
}

// journey makes the lead's touches, in time order, into g.touches: the
// response that created the lead, then nurture; then finds its MQL time.
func (g *gen) journey(r *rand.Rand, p *person) {
	g.touches = g.touches[:0]
	if ec := p.ec; ec != nil {
		var lag int64
		switch x := r.Float64(); {
		case x < 0.72:
			lag = r.Int64N(600)
		case x < 0.95:
			lag = 600 + r.Int64N(6*3600)
		default:
			lag = 6*3600 + r.Int64N(18*3600)
		}
		tt := max(0, p.t0-lag)
		if !g.active(ec, int(tt/daySec)) {
			tt = p.t0
		}
		g.touches = append(g.touches, touch{tt, p.entry, g.pickAsset(r, ec, p.persona, 1)})
	}
	start := p.t0 + 1800
	if p.cls != clsMarketing {
		start = p.t0 + 2*daySec
	}
	limit := min(g.end, p.t0+150*daySec)
	lam := g.nurRate * p.eng / daySec
	abmAcct := p.a.abm || p.a.abmFS
	for t := float64(start); len(g.touches) < 80; {
		t += r.ExpFloat64() / lam
		if t > float64(limit) {
			break
		}
		d := int(t) / daySec
		if g.weekend[d] && r.Float64() < 0.65 {
			continue
		}
		tt := int64(d)*daySec + tod(r, p.reg)
		if tt < start || tt > g.end {
			continue
		}
		var ci int32 = -1
		if abmAcct && r.Float64() < 0.25 {
			if ci = g.abmTab[d].pick(r); ci >= 0 && g.camps[ci].abmFS && !p.a.abmFS {
				ci = -1
			}
		}
		if ci < 0 {
			ci = g.nurTab[d].pick(r)
		}
		if ci < 0 {
			continue
		}
		c := &g.camps[ci]
		if c.region >= 0 && c.region != p.reg {
			continue
		}
		if c.webinar && r.Float64() < 0.5 && c.end >= 0 {
			if live := int64(c.end)*daySec + 15*3600 + r.Int64N(2*3600); live >= start && live <= g.end {
				tt = live
			}
		}
		g.touches = append(g.touches, touch{tt, ci, g.pickAsset(r, c, p.persona, g.nurAsset)})
	}
	ts := g.touches
	for k := 1; k < len(ts); k++ {
		for j := k; j > 0 && ts[j].t < ts[j-1].t; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}

	// MQL: each touch may tip a marketing lead over the scoring threshold.
	if p.cls != clsMarketing {
		return
	}
	for k, tc := range ts {
		c := &g.camps[tc.camp]
		h := c.mqlQ * p.ql * g.hNur
		if k == 0 && p.ec != nil {
			h = c.mqlQ * p.ql * entryHazard
		}
		if r.Float64() < -math.Expm1(-h) {
			if m := max(tc.t, p.t0) + 20 + r.Int64N(1200); m <= g.end {
				p.mqlAt = m
			}
			return
		}
	}
}

// actOwner is the rep who logs an activity on a lead owned by owner: mostly
// the owner, sometimes a colleague from the same region.
func (g *gen) actOwner(r *rand.Rand, owner int8) int8 {
	if r.Float64() < 0.08 {
		in := g.repsIn[reps[owner].region]
		return in[r.IntN(len(in))]
	}
	return owner
}

func (g *gen) disqualify(r *rand.Rand, p *person, t int64) {
	p.dqAt = t
	if p.junk {
		p.dqReason = junkReasons[pickW(r, junkReasonW)]
	} else {
		p.dqReason = normalReasons[pickW(r, normalReasonW)]
	}
}

// qualify follows the lead through sales: prospecting, the follow-up of an
// MQL (whose speed decides much of the SQL chance), SQL or disqualification,
// and the activities that go with them.
func (g *gen) qualify(r *rand.Rand, p *person) {
	sqlQ := clamp(math.Sqrt(p.ql), 0.35, 1.8) * 0.88
	switch p.cls {
	case clsMarketing:
		// Prospecting before the handoff, mostly into big accounts.
		pp := 0.06
		if p.a.big {
			pp = 0.25
		}
		if r.Float64() < pp {
			hi := min(g.end, p.t0+60*daySec)
			if p.mqlAt >= 0 {
				hi = p.mqlAt - 120
			}
			g.spreadActs(r, 1+r.IntN(2), p.t0+600, hi, prospecting, g.actOwner(r, p.owner))
		}
		if p.mqlAt < 0 {
			// SDRs work through list and badge-scan leads and weed out
			// students and non-buyers without a handoff.
			if p.ec != nil && p.ec.junk >= 0.3 && r.Float64() < 0.6 {
				first := p.t0 + int64(logn(r, 2*daySec, 0.6))
				g.spreadActs(r, 1, first, first+2*daySec, prospecting, g.actOwner(r, p.owner))
				if t := first + 2*daySec + int64(logn(r, daySec, 0.8)); t <= g.end && (p.junk || r.Float64() < 0.25) {
					g.disqualify(r, p, t)
				}
			}
			return
		}
		bucket := pickW(r, latencyProfile[reps[p.owner].speed][:])
		if bucket < 5 {
			lat := latency(r, bucket)
			// Slower follow-ups mostly land in the rep's working hours.
			for try := 0; bucket >= 2 && try < 6 && !g.businessHours(p.mqlAt+lat, reps[p.owner].region); try++ {
				lat = latency(r, bucket)
			}
			if t := p.mqlAt + lat; t <= g.end {
				p.fu = t
			}
		}
		if p.fu < 0 {
			bucket = 5
		}
		base := p.mqlAt
		if p.fu >= 0 {
			base = p.fu
			g.addAct(p.fu, uint8(pickW(r, firstFollowUp)), g.actOwner(r, p.owner))
		}
		if r.Float64() < sqlRateByBucket[bucket]*sqlQ {
			if s := base + max(900, int64(logn(r, 1.2*daySec, 1))); s <= g.end {
				p.sqlAt = s
			}
		}
		if p.sqlAt >= 0 {
			return
		}
		dq := 0.22 // poor-fit buys bring poor-fit people, students or not
		if p.ec != nil {
			dq += 0.8 * p.ec.junk
		}
		if p.junk {
			dq = 0.8
		}
		if p.fu < 0 {
			dq *= 0.35
		}
		if r.Float64() < dq {
			if t := base + max(1800, int64(logn(r, 2*daySec, 0.9))); t <= g.end {
				g.disqualify(r, p, t)
			}
		}
		if p.fu >= 0 {
			hi := p.fu + 14*daySec
			if p.dqAt >= 0 {
				hi = p.dqAt
			}
			g.spreadActs(r, r.IntN(3), p.fu+60, hi, laterActs, g.actOwner(r, p.owner))
		}
	case clsSales:
		first := p.t0 + 60 + r.Int64N(3*3600)
		g.addAct(first, uint8(pickW(r, prospecting)), p.owner)
		g.spreadActs(r, r.IntN(4), first+3600, first+21*daySec, prospecting, g.actOwner(r, p.owner))
		if r.Float64() < 0.15*sqlQ {
			if s := first + 3600 + int64(logn(r, 5*daySec, 0.8)); s <= g.end {
				p.sqlAt = s
			}
		} else if r.Float64() < 0.08 {
			if t := first + int64(logn(r, 10*daySec, 0.7)); t <= g.end {
				p.dqAt, p.dqReason = t, normalReasons[pickW(r, normalReasonW)]
			}
		}
	}
}

var (
	oppOriginSales     = []string{"sales", ""}
	oppOriginSalesW    = []float64{0.85, 0.15}
	oppOriginPartner   = []string{"partner", ""}
	oppOriginPartnerW  = []float64{0.85, 0.15}
	oppOriginMarketing = []string{"marketing", "sales", "", "Marketing"}
	// A few marketing-sourced deals are booked as sales-sourced by the rep.
	oppOriginMarketingW = []float64{0.75, 0.08, 0.15, 0.02}
)

// opportunity opens the lead's deal, if it gets one: repGreg's cold
// quarter-end deals, or a deal some days after the SQL.
func (g *gen) opportunity(r *rand.Rand, p *person) {
	var o *opp
	switch {
	case p.cls == clsCold:
		oc := p.t0 + 120 + r.Int64N(5400)
		if qe := int64(g.qEnd[p.day0]+1)*daySec - 1; oc > qe {
			oc = p.t0 + 60
		}
		if oc <= g.end {
			o = g.newOpp(r, p, oc)
			o.origin = pickStr(r, oppOriginSales, oppOriginSalesW)
			if left := g.end - oc; r.Float64() < 0.82 && left > 4*3600 {
				o.status, o.closed = stLost, oc+3600+r.Int64N(min(left, 13*daySec)-3600)
			}
			if r.Float64() < 0.5 {
				g.spreadActs(r, 1, oc+3600, oc+5*daySec, laterActs, p.owner)
			}
		}
	case p.sqlAt >= 0 && r.Float64() < oppRateOfSQL*clamp(math.Sqrt(p.ql), 0.5, 1.6):
		oc := p.sqlAt + int64(logn(r, 2*daySec, 0.8))
		oc = oc/daySec*daySec + tod(r, int(reps[p.owner].region))
		if oc < p.sqlAt {
			oc += daySec
		}
		if oc <= g.end {
			o = g.newOpp(r, p, oc)
			switch {
			case p.cls == clsSales:
				o.origin = pickStr(r, oppOriginSales, oppOriginSalesW)
			case p.ec != nil && p.ec.channel == "partner":
				o.origin = pickStr(r, oppOriginPartner, oppOriginPartnerW)
			default:
				o.origin = pickStr(r, oppOriginMarketing, oppOriginMarketingW)
			}
			g.closeOpp(r, o, p.ql)
		}
	}
	if o != nil && o.status != stOpen {
		o.stage = "Closed Lost"
		if o.status == stWon {
			o.stage = "Closed Won"
		}
	}
	// Meetings and calls while the deal is worked.
	if p.sqlAt >= 0 && (p.fu >= 0 || p.cls == clsSales) {
		lo := max(p.fu, p.sqlAt-2*daySec, p.t0)
		hi := p.sqlAt + 30*daySec
		if o != nil {
			hi = o.created + 45*daySec
			if o.closed >= 0 {
				hi = o.closed
			}
		}
		g.spreadActs(r, 2+r.IntN(4), lo+60, hi, laterActs, g.actOwner(r, p.owner))
	}
}

func pickStr(r *rand.Rand, s []string, w []float64) string { return s[pickW(r, w)] }

// newOpp starts an opportunity on lead i, with contacts from the account.
func (g *gen) newOpp(r *rand.Rand, p *person, created int64) *opp {
	i, acct, a := p.i, p.acct, p.a
	amt := logn(r, 22000, 0.75)
	if a.big {
		amt *= 1.7
	}
	if a.abm || a.abmFS {
		amt *= 1.4
	}
	if r.Float64() < 0.015 {
		amt *= 4
	}
	amt = clamp(math.Round(amt/500)*500, 5000, 250000)
	g.opps = append(g.opps, opp{created: created, closed: -1, amount: int64(amt), lead: int32(i), account: acct,
		owner: p.owner, product: uint8(r.IntN(len(products)))})
	o := &g.opps[len(g.opps)-1]
	if p.cls != clsCold {
		var cand [32]int32
		n := 0
		for j := g.acctHead[acct]; j >= 0 && n < len(cand); j = g.prevSame[j] {
			if int64(g.packed[j]>>8) <= created {
				cand[n] = j
				n++
			}
		}
		k := min(n, pickW(r, contactCountW))
		for c := range k {
			x := c + r.IntN(n-c)
			cand[c], cand[x] = cand[x], cand[c]
			o.contacts[c] = cand[c]
			o.roles[c] = uint8(r.IntN(len(contactRoles)))
		}
		o.nc = uint8(k)
	}
	age := g.end - created
	switch {
	case age < 10*daySec:
		o.stage = "Discovery"
	case age < 25*daySec:
		o.stage = "Qualification"
	case age < 45*daySec:
		o.stage = "Proposal"
	default:
		o.stage = "Negotiation"
	}
	return o
}

// closeOpp decides when and how o closes. The odds depend on the content
// its people touched before the close: case studies help, white papers hurt.
func (g *gen) closeOpp(r *rand.Rand, o *opp, ql float64) {
	cycle := max(4*daySec, int64(logn(r, 30*daySec, 0.6)))
	closed := o.created + cycle
	closed = closed/daySec*daySec + tod(r, int(reps[o.owner].region))
	if closed <= o.created {
		closed += daySec
	}
	if closed > g.end {
		return
	}
	var seen [numAK]bool
	for _, tc := range g.touches {
		if tc.asset >= 0 && tc.t >= o.created-lookback && tc.t <= closed {
			if k := g.assetKind[tc.asset]; k >= 0 {
				seen[k] = true
			}
		}
	}
	for c := range int(o.nc) {
		fa := g.firstAsset[int(o.contacts[c])*numAK:]
		for k := range numAK {
			if int64(fa[k]) <= closed {
				seen[k] = true
			}
		}
	}
	p := winBase * clamp(math.Pow(ql, 0.35), 0.6, 1.6)
	if seen[akCaseStudy] {
		p *= winCaseStudy
	}
	if seen[akWhitePaper] {
		p *= winWhitePaper
	}
	if seen[akDemo] {
		p *= winDemo
	}
	o.closed = closed
	o.status = stLost
	if r.Float64() < min(p, 0.9) {
		o.status = stWon
	}
}

var (
	originMarketing = []string{"marketing", "Marketing", "Marketing ", "", "web"}
	originMktW      = []float64{0.88, 0.04, 0.01, 0.05, 0.02}
	originSales     = []string{"sales", "Sales", "", "SDR"}
	originSalesW    = []float64{0.90, 0.03, 0.05, 0.02}
	originPartner   = []string{"partner", ""}
	originPartnerW  = []float64{0.94, 0.06}
)

func (g *gen) writeLead(r *rand.Rand, p *person) {
	i, t0, cls, entry, acct, reg, owner, junk := p.i, p.t0, p.cls, p.entry, p.acct, p.reg, p.field, p.junk
	a := p.a
	fn := firstNames[r.IntN(len(firstNames))]
	ln := lastNames[r.IntN(len(lastNames))]
	b := g.leads.buf()
	b = appendID(b, "L", i+1, 7)
	b = append(b, ',')
	b = g.appendTS(b, t0)
	b = append(b, ',')
	b = append(b, fn.text...)
	b = append(b, ',')
	b = append(b, ln.text...)
	b = append(b, ',')
	switch x := r.Float64(); {
	case junk && x < 0.5:
		b = append(b, fn.ascii[0])
		b = append(b, ln.ascii...)
		b = strconv.AppendInt(b, int64(18+r.IntN(10)), 10)
		b = append(b, "@students.example.org"...)
	case junk:
		b = append(b, fn.ascii...)
		b = append(b, '.')
		b = append(b, ln.ascii...)
		b = strconv.AppendInt(b, int64(r.IntN(100)), 10)
		b = append(b, "@example.net"...)
	default:
		switch {
		case x < 0.70:
			b = append(b, fn.ascii...)
			b = append(b, '.')
			b = append(b, ln.ascii...)
		case x < 0.85:
			b = append(b, fn.ascii[0])
			b = append(b, ln.ascii...)
		case x < 0.95:
			b = append(b, fn.ascii...)
		default:
			b = append(b, fn.ascii...)
			b = append(b, '_')
			b = append(b, ln.ascii...)
		}
		b = append(b, '@')
		b = append(b, a.domain...)
	}
	b = append(b, ',')
	var src string
	switch {
	case cls != clsMarketing:
		b = appendField(b, pickStr(r, originSales, originSalesW))
		src = salesSources[r.IntN(len(salesSources))]
	case entry >= 0 && g.camps[entry].channel == "partner":
		b = append(b, pickStr(r, originPartner, originPartnerW)...)
		src = "Partner Referral"
	default:
		b = append(b, pickStr(r, originMarketing, originMktW)...)
		if entry >= 0 {
			l := g.campSrc[entry]
			src = l[r.IntN(len(l))]
		}
	}
	b = append(b, ',')
	if r.Float64() >= 0.04 {
		b = append(b, src...)
	}
	b = append(b, ',')
	if owner >= 0 {
		b = appendField(b, reps[owner].name)
	}
	b = append(b, ',')
	b = appendID(b, "ACC", int(acct)+1, 5)
	b = append(b, ',')
	if r.Float64() >= 0.04 {
		b = append(b, regionNames[reg]...)
	}
	b = append(b, ',')
	if r.Float64() >= 0.06 {
		b = append(b, industries[a.industry]...)
	}
	b = append(b, ',')
	if g.cfg.Dirty && !g.soon && p.mqlAt < 0 && i >= len(g.packed)/2 {
		b = append(b, "soon,"...) // an unparseable optional value
		g.soon = true
	} else {
		b = g.appendOptTS(b, p.mqlAt)
	}
	b = g.appendOptTS(b, p.sqlAt)
	b = g.appendOptTS(b, p.dqAt)
	b = append(b, p.dqReason...)
	b = append(b, '\n')
	if g.cfg.Dirty && i == 7 && len(g.packed) >= 200 {
		// The same person re-imported later with another owner.
		dup := string(b)
		if owner >= 0 {
			dup = strings.Replace(dup, ","+reps[owner].name+",", ","+reps[(int(owner)+1)%len(reps)].name+",", 1)
		}
		g.dupRow = []byte(dup)
	}
	g.leads.put(b)
}

func (g *gen) writeTouches(i int) {
	for _, tc := range g.touches {
		b := g.touchF.buf()
		b = appendID(b, "L", i+1, 7)
		b = append(b, ',')
		b = append(b, g.campID[tc.camp]...)
		b = append(b, ',')
		b = g.appendTS(b, tc.t)
		b = append(b, ',')
		if tc.asset >= 0 {
			b = appendID(b, "A", int(tc.asset)+1, 3)
		}
		g.touchF.put(append(b, '\n'))
	}
}

func (g *gen) writeActivities(i int) {
	as := g.acts
	for k := 1; k < len(as); k++ {
		for j := k; j > 0 && as[j].t < as[j-1].t; j-- {
			as[j], as[j-1] = as[j-1], as[j]
		}
	}
	for _, ac := range as {
		b := g.actF.buf()
		b = appendID(b, "L", i+1, 7)
		b = append(b, ',')
		b = g.appendTS(b, ac.t)
		b = append(b, ',')
		b = append(b, activityTypes[ac.typ]...)
		b = append(b, ',')
		b = appendField(b, reps[ac.owner].name)
		g.actF.put(append(b, '\n'))
	}
}

// writeOpportunities writes opportunities in order of creation, their
// contacts, and the dirty rows of both files; it returns the dirty count.
func (g *gen) writeOpportunities(fo, fx *file) int {
	slices.SortStableFunc(g.opps, func(a, b opp) int {
		if a.created != b.created {
			if a.created < b.created {
				return -1
			}
			return 1
		}
		return int(a.lead - b.lead)
	})
	fo.header(headerOpportunities)
	fx.header(headerContacts)
	row := func(id int, o *opp, amount int64, status string, closed int64) {
		a := &g.accts[o.account]
		b := fo.buf()
		b = appendID(b, "O", id, 6)
		b = append(b, ',')
		b = appendField(b, a.name+" - "+products[o.product])
		b = append(b, ',')
		b = g.appendTS(b, o.created)
		b = append(b, ',')
		b = strconv.AppendInt(b, amount, 10)
		b = append(b, ',')
		b = append(b, status...)
		b = append(b, ',')
		b = g.appendOptTS(b, closed)
		b = appendID(b, "L", int(o.lead)+1, 7)
		b = append(b, ',')
		b = append(b, o.origin...)
		b = append(b, ',')
		b = appendField(b, reps[o.owner].name)
		b = append(b, ',')
		b = appendID(b, "ACC", int(o.account)+1, 5)
		b = append(b, ',')
		b = append(b, o.stage...)
		fo.put(append(b, '\n'))
	}
	statuses := [3]string{"open", "won", "lost"}
	for k := range g.opps {
		o := &g.opps[k]
		row(k+1, o, o.amount, statuses[o.status], o.closed)
		for c := range int(o.nc) {
			b := fx.buf()
			b = appendID(b, "O", k+1, 6)
			b = append(b, ',')
			b = appendID(b, "L", int(o.contacts[c])+1, 7)
			b = append(b, ',')
			b = append(b, contactRoles[o.roles[c]]...)
			fx.put(append(b, '\n'))
		}
	}
	dirty := 0
	if !g.cfg.Dirty || len(g.opps) == 0 {
		return dirty
	}
	// Two bad opportunities only when they stay far under 1% of the file.
	if n := len(g.opps); n >= 400 {
		o := g.opps[n/3]
		o.origin, o.stage = "sales", "Qualification"
		row(n+1, &o, -12500, "open", -1)
		o = g.opps[n/2]
		o.stage = "Closed Won"
		row(n+2, &o, o.amount, "won", -1)
		dirty += 2
	}
	b := fx.buf()
	b = appendID(b, "O", 1, 6)
	b = append(b, ',')
	b = appendID(b, "L", len(g.packed)+17, 7)
	fx.put(append(b, ",Influencer\n"...))
	return dirty + 1
}
