package gen

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"
)

var canonicalFiles = []string{"campaigns.csv", "assets.csv", "leads.csv", "touches.csv", "activities.csv", "opportunities.csv", "opportunity_contacts.csv"}

func TestDeterministic(t *testing.T) {
	cfg := Default()
	cfg.Leads = 2000
	a, b := t.TempDir(), t.TempDir()
	sa, err := Write(cfg, a)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := Write(cfg, b)
	if err != nil {
		t.Fatal(err)
	}
	if sa != sb {
		t.Fatalf("summaries differ: %v vs %v", sa, sb)
	}
	for _, n := range canonicalFiles {
		x, err := os.ReadFile(filepath.Join(a, n))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", n)
		}
	}
	entries, _ := os.ReadDir(a)
	if len(entries) != len(canonicalFiles) {
		t.Errorf("%d files in the output folder, want %d (temporary files left?)", len(entries), len(canonicalFiles))
	}
	cfg.Seed = 2
	c := t.TempDir()
	if _, err := Write(cfg, c); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(filepath.Join(a, "touches.csv"))
	y, _ := os.ReadFile(filepath.Join(c, "touches.csv"))
	if bytes.Equal(x, y) {
		t.Error("another seed gave the same touches")
	}
}

func TestCleanHasNoDirtyRows(t *testing.T) {
	cfg := Default()
	cfg.Leads = 3000
	cfg.Dirty = false
	dir := t.TempDir()
	s, err := Write(cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.DirtyRows != 0 {
		t.Errorf("DirtyRows = %d, want 0", s.DirtyRows)
	}
	d := load(t, dir)
	if len(d.problems) != 0 {
		t.Errorf("clean data has problems: %v", d.problems)
	}
}

// The tests below read the shipped default config once.
var (
	defaultOnce sync.Once
	defaultData *data
	defaultSum  Summary
	defaultErr  error
)

func defaultSet(t *testing.T) *data {
	t.Helper()
	defaultOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gen-default-")
		if err != nil {
			defaultErr = err
			return
		}
		defer os.RemoveAll(dir)
		if defaultSum, defaultErr = Write(Default(), dir); defaultErr != nil {
			return
		}
		defaultData = load(t, dir)
	})
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultData
}

func TestContract(t *testing.T) {
	d := defaultSet(t)
	want := map[string][]string{
		"campaigns.csv": headerCampaigns, "assets.csv": headerAssets, "leads.csv": headerLeads,
		"touches.csv": headerTouches, "activities.csv": headerActivities,
		"opportunities.csv": headerOpportunities, "opportunity_contacts.csv": headerContacts,
	}
	for f, h := range want {
		if !slices.Equal(d.headers[f], h) {
			t.Errorf("%s header = %v, want %v", f, d.headers[f], h)
		}
	}
	for _, c := range []string{"campaign_id", "name", "channel", "start_date", "end_date", "cost"} {
		if !slices.Contains(d.headers["campaigns.csv"], c) {
			t.Errorf("campaigns.csv lacks %s", c)
		}
	}
	if got := d.maxTS.UTC().Format(time.DateOnly); got != "2026-09-30" {
		t.Errorf("largest timestamp %s, want on 2026-09-30", d.maxTS)
	}
	if d.minTS.Before(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("smallest timestamp %s is before 2026-04-01", d.minTS)
	}
	// The planted dirty rows, and nothing else.
	wantProblems := []string{
		"leads.csv: duplicate lead_id",
		"leads.csv: mql_at unparseable",
		"opportunities.csv: negative amount",
		"opportunities.csv: won without closed_at",
		"opportunity_contacts.csv: unknown lead",
		"touches.csv: unknown campaign C999",
	}
	if !slices.Equal(d.problems, wantProblems) {
		t.Errorf("problems = %q, want %q", d.problems, wantProblems)
	}
	if defaultSum.DirtyRows != len(wantProblems) {
		t.Errorf("DirtyRows = %d, want %d", defaultSum.DirtyRows, len(wantProblems))
	}
	s := defaultSum
	t.Logf("default: %s", s)
	checkRange(t, "assets", float64(s.Assets), 24, 26)
	checkRange(t, "campaigns", float64(s.Campaigns), 40, 40)
	checkRange(t, "opportunities per lead", float64(s.Opportunities)/float64(s.Leads), 0.04, 0.065)
	checkRange(t, "MQL share of leads", float64(d.countMQL())/float64(len(d.leads)), 0.35, 0.45)
	checkRange(t, "win rate of closed", d.winRateAll(), 0.24, 0.32)
	checkRange(t, "sample size in MB", float64(s.Bytes)/1e6, 4, 7)

	if !d.tsFormatOK {
		t.Error("a timestamp is not written as 2026-07-14T09:31:07Z")
	}
	// Campaign dates: some span the quarter boundary, some are missing.
	var span, none, startOnly int
	for _, c := range d.camps {
		switch {
		case c[3] == "" && c[4] == "":
			none++
		case c[4] == "":
			startOnly++
		case c[3] < "2026-07-01" && c[4] >= "2026-07-01":
			span++
		}
		if c[2] == "organic" && c[5] != "0" {
			t.Errorf("organic campaign %s costs %s", c[0], c[5])
		}
	}
	checkRange(t, "campaigns without dates", float64(none), 1, 2)
	checkRange(t, "campaigns with only a start date", float64(startOnly), 1, 1)
	checkRange(t, "campaigns spanning Q2 and Q3", float64(span), 3, 40)
	// Marketing-origin leads: first touch within a day before creation.
	var mkt, near int
	for id, l := range d.leads {
		if l.origin != "marketing" || len(d.touches[id]) == 0 {
			continue
		}
		mkt++
		if f := d.touches[id][0].t; !f.After(l.created) && l.created.Sub(f) <= 24*time.Hour {
			near++
		}
	}
	checkRange(t, "marketing leads whose first touch is within the day before creation", float64(near)/float64(mkt), 0.95, 1)
}

func TestTinyConfigs(t *testing.T) {
	for _, n := range []int{1, 7, 60, 450} {
		cfg := Default()
		cfg.Leads = n
		s, err := Write(cfg, t.TempDir())
		if err != nil {
			t.Fatalf("%d leads: %v", n, err)
		}
		if s.Leads < n {
			t.Errorf("%d leads: wrote %d", n, s.Leads)
		}
	}
}

func checkRange(t *testing.T, what string, got, lo, hi float64) {
	t.Helper()
	t.Logf("%s = %.4g (want %.4g..%.4g)", what, got, lo, hi)
	if got < lo || got > hi {
		t.Errorf("%s = %.4g, want in [%.4g, %.4g]", what, got, lo, hi)
	}
}

var (
	q2 = period{time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	q3 = period{time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}
)

// Pattern (a): some campaigns bring far better or far worse responders.
func TestCampaignQuality(t *testing.T) {
	d := defaultSet(t)
	f := d.funnels(q3)
	var sumMQL, sumOpp, sumDQ float64
	var n int
	ids := make([]string, 0, len(f))
	for id := range f {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := f[id]
		if c.responders >= 30 {
			sumMQL += c.mqlRate()
			sumOpp += c.oppRate()
			sumDQ += float64(c.dqAll) / float64(c.responders)
			n++
		}
		t.Logf("%s responders=%5d mql_rate=%.3f opp_rate=%.3f won=%3d lost=%3d win_rate=%.2f dq_of_mqls=%.3f dq_of_responders=%.3f  %s",
			id, c.responders, c.mqlRate(), c.oppRate(), c.won, c.lost, c.winRate(), c.dqShare(), float64(c.dqAll)/float64(c.responders), d.campName[id])
	}
	avgMQL, avgOpp, avgDQ := sumMQL/float64(n), sumOpp/float64(n), sumDQ/float64(n)
	t.Logf("mean over %d campaigns: mql_rate=%.3f opp_rate=%.3f dq_of_responders=%.3f", n, avgMQL, avgOpp, avgDQ)
	for _, id := range []string{"C015", "C027"} {
		c := f[id]
		checkRange(t, id+" mql_rate / mean", c.mqlRate()/avgMQL, 2, 4)
		checkRange(t, id+" opp_rate / mean", c.oppRate()/avgOpp, 2, 6)
	}
	for _, id := range []string{"C009", "C019"} {
		c := f[id]
		checkRange(t, id+" responders", float64(c.responders), 300, 1e9)
		checkRange(t, id+" mql_rate / mean", c.mqlRate()/avgMQL, 0, 0.5)
		checkRange(t, id+" disqualified share of its MQLs", float64(c.dq)/float64(max(1, c.mqls)), 0.4, 1)
		checkRange(t, id+" disqualified share of responders / mean", float64(c.dqAll)/float64(c.responders)/avgDQ, 2, 10)
	}
	reasons := map[string]int{}
	for _, l := range d.leads {
		if q3.in(l.dq) {
			reasons[l.reason]++
		}
	}
	t.Logf("Q3 disqualify reasons: %v", reasons)
	checkRange(t, "Q3 'Student / not a buyer'", float64(reasons["Student / not a buyer"]), 100, 1e9)
}

// Pattern (b): white papers collect names but touch deals that lose.
func TestAssetTypes(t *testing.T) {
	d := defaultSet(t)
	a := d.assetTypes(q3)
	var types []string
	for k := range a {
		types = append(types, k)
	}
	sort.Strings(types)
	for _, k := range types {
		x := a[k]
		t.Logf("%-14s deals=%4d won=%3d win_rate=%.3f baseline=%.3f p=%.2g | first-touch leads=%5d mql_rate=%.3f",
			k, x.won+x.lost, x.won, x.winRate(), x.baseline(), x.pValue(), x.leads, x.leadMQLRate())
	}
	wp, cs := a[whitePaper], a[caseStudy]
	checkRange(t, "white paper win rate", wp.winRate(), 0.13, 0.20)
	checkRange(t, "case study win rate", cs.winRate(), 0.34, 0.48)
	checkRange(t, "white paper deals", float64(wp.won+wp.lost), 100, 1e9)
	checkRange(t, "case study deals", float64(cs.won+cs.lost), 100, 1e9)
	checkRange(t, "white paper p-value", wp.pValue(), 0, 0.001)
	checkRange(t, "case study p-value", cs.pValue(), 0, 0.001)
	checkRange(t, "white-paper first-touch leads, share of leads created", float64(wp.leads)/float64(d.totals(q3).leads), 0.12, 1)
	checkRange(t, "white-paper first-touch MQL rate / all leads' MQL rate", wp.leadMQLRate()/d.totals(q3).mqlShare(), 0.7, 2)
	ca := d.closedAll(q3)
	t.Logf("closed in Q3: %d, win rate %.3f", ca.won+ca.lost, ca.winRate())
}

// Pattern (c): the faster the follow-up, the more MQLs become SQLs.
func TestLatency(t *testing.T) {
	d := defaultSet(t)
	b := d.latency(q3)
	names := []string{"0-5m", "5m-1h", "1h-24h", "1d-7d", ">7d", "never"}
	var all int
	for _, x := range b {
		all += x.leads
	}
	for i, x := range b {
		lo, hi := wilson(x.sqls, x.leads)
		t.Logf("%-7s leads=%5d (%.3f) sql_rate=%.3f [%.3f, %.3f] opp_rate=%.3f", names[i], x.leads, float64(x.leads)/float64(all),
			float64(x.sqls)/float64(x.leads), lo, hi, float64(x.opps)/float64(x.leads))
	}
	for i := 1; i < len(b); i++ {
		if b[i].sqlRate() >= b[i-1].sqlRate() {
			t.Errorf("sql_rate of bucket %s (%.3f) is not below %s (%.3f)", names[i], b[i].sqlRate(), names[i-1], b[i-1].sqlRate())
		}
	}
	_, hiSlow := wilson(b[4].sqls, b[4].leads)
	loFast, _ := wilson(b[0].sqls, b[0].leads)
	if hiSlow >= loFast {
		t.Errorf("Wilson intervals of 0-5m and >7d overlap: %.3f >= %.3f", hiSlow, loFast)
	}
	checkRange(t, "0-5m sql_rate", b[0].sqlRate(), 0.38, 0.52)
	checkRange(t, ">7d sql_rate", b[4].sqlRate(), 0.02, 0.10)
}

// Pattern (d): one rep's cold quarter-end pipeline.
func TestColdPipeline(t *testing.T) {
	d := defaultSet(t)
	for _, p := range []period{q2, q3} {
		h := d.hygiene(p)
		var owners []string
		for o := range h {
			owners = append(owners, o)
		}
		sort.Strings(owners)
		var others hyg
		for _, o := range owners {
			x := h[o]
			t.Logf("%s %-16s opps=%3d late=%3d cold=%3d fast_loss=%3d cold&late=%3d cold&late&fast=%3d", p.from.Format("2006-01"), o,
				x.opps, x.late, x.cold, x.fastLoss, x.coldLate, x.coldLateFast)
			if o != "Greg Paulson" {
				others.opps += x.opps
				others.late += x.late
				others.cold += x.cold
			}
		}
		g := h["Greg Paulson"]
		checkRange(t, "Greg's cold late opportunities", float64(g.coldLate), 15, 60)
		checkRange(t, "Greg's late share", float64(g.late)/float64(g.opps), 0.35, 0.8)
		checkRange(t, "others' late share", float64(others.late)/float64(others.opps), 0.08, 0.22)
		checkRange(t, "others' cold share", float64(others.cold)/float64(others.opps), 0, 0.08)
		checkRange(t, "share of Greg's cold late opps lost within 14 days", float64(g.coldLateFast)/float64(g.coldLate), 0.6, 1)
	}
}

// Pattern (e): Q3 is busier than Q2.
func TestQuarterOverQuarter(t *testing.T) {
	d := defaultSet(t)
	a, b := d.totals(q2), d.totals(q3)
	t.Logf("Q2: %+v", a)
	t.Logf("Q3: %+v", b)
	checkRange(t, "leads Q3/Q2", float64(b.leads)/float64(a.leads), 1.08, 1.25)
	checkRange(t, "pipeline Q3/Q2", b.pipeline/a.pipeline, 1.05, 1.45)
	checkRange(t, "opportunities Q3/Q2", float64(b.opps)/float64(a.opps), 1.0, 1.45)
}

// ---- a small, independent reading of the files, after SPEC.md ----

type period struct{ from, to time.Time } // [from, to)

func (p period) in(t time.Time) bool { return !t.IsZero() && !t.Before(p.from) && t.Before(p.to) }

type tlead struct {
	created, mql, sql, dq time.Time
	origin, owner, reason string
}

type ttouch struct {
	t     time.Time
	camp  string
	asset string
}

type topp struct {
	id              string
	created, closed time.Time
	amount          float64
	status, owner   string
	people          []string
}

type data struct {
	headers    map[string][]string
	camps      [][]string
	tsFormatOK bool
	campName   map[string]string
	assetType  map[string]string
	leads      map[string]*tlead
	touches    map[string][]ttouch // by lead, sorted by time
	acts       map[string][]time.Time
	opps       []*topp
	oppsOf     map[string][]*topp // by person
	problems   []string
	minTS      time.Time
	maxTS      time.Time
	problemSet map[string]bool
}

func (d *data) problem(s string) {
	if !d.problemSet[s] {
		d.problemSet[s] = true
		d.problems = append(d.problems, s)
		sort.Strings(d.problems)
	}
}

var tsFormat = regexp.MustCompile(`^2026-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

func (d *data) ts(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	if s != "soon" && !tsFormat.MatchString(s) {
		d.tsFormatOK = false
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, false
	}
	if d.minTS.IsZero() || t.Before(d.minTS) {
		d.minTS = t
	}
	if t.After(d.maxTS) {
		d.maxTS = t
	}
	return t, true
}

func readCSV(t *testing.T, dir, name string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows[0], rows[1:]
}

func load(t *testing.T, dir string) *data {
	d := &data{headers: map[string][]string{}, campName: map[string]string{}, assetType: map[string]string{},
		leads: map[string]*tlead{}, touches: map[string][]ttouch{}, acts: map[string][]time.Time{},
		oppsOf: map[string][]*topp{}, problemSet: map[string]bool{}, tsFormatOK: true}
	h, rows := readCSV(t, dir, "campaigns.csv")
	d.headers["campaigns.csv"] = h
	d.camps = rows
	for _, r := range rows {
		d.campName[r[0]] = r[1]
		if r[3] != "" && r[4] != "" && r[4] < r[3] {
			d.problem("campaigns.csv: end before start")
		}
	}
	h, rows = readCSV(t, dir, "assets.csv")
	d.headers["assets.csv"] = h
	for _, r := range rows {
		d.assetType[r[0]] = r[2]
	}
	h, rows = readCSV(t, dir, "leads.csv")
	d.headers["leads.csv"] = h
	for _, r := range rows {
		if d.leads[r[0]] != nil {
			d.problem("leads.csv: duplicate lead_id")
			continue
		}
		l := &tlead{origin: r[5], owner: r[7], reason: r[14]}
		var ok bool
		if l.created, ok = d.ts(r[1]); !ok || l.created.IsZero() {
			d.problem("leads.csv: created_at unparseable")
			continue
		}
		for k, p := range []*time.Time{&l.mql, &l.sql, &l.dq} {
			if *p, ok = d.ts(r[11+k]); !ok {
				d.problem("leads.csv: " + h[11+k] + " unparseable")
			}
		}
		if !l.sql.IsZero() && !l.mql.IsZero() && l.sql.Before(l.mql) {
			d.problem("leads.csv: sql_at before mql_at")
		}
		if !l.mql.IsZero() && l.mql.Before(l.created) {
			d.problem("leads.csv: mql_at before created_at")
		}
		d.leads[r[0]] = l
	}
	h, rows = readCSV(t, dir, "touches.csv")
	d.headers["touches.csv"] = h
	for _, r := range rows {
		tt, ok := d.ts(r[2])
		if !ok || tt.IsZero() {
			d.problem("touches.csv: touched_at unparseable")
			continue
		}
		if d.campName[r[1]] == "" {
			d.problem("touches.csv: unknown campaign " + r[1])
		}
		if d.leads[r[0]] == nil {
			d.problem("touches.csv: unknown lead")
		}
		if r[3] != "" && d.assetType[r[3]] == "" {
			d.problem("touches.csv: unknown asset")
		}
		d.touches[r[0]] = append(d.touches[r[0]], ttouch{tt, r[1], r[3]})
	}
	for _, l := range d.touches {
		sort.SliceStable(l, func(i, j int) bool { return l[i].t.Before(l[j].t) })
	}
	h, rows = readCSV(t, dir, "activities.csv")
	d.headers["activities.csv"] = h
	for _, r := range rows {
		tt, ok := d.ts(r[1])
		if !ok || tt.IsZero() {
			d.problem("activities.csv: occurred_at unparseable")
			continue
		}
		d.acts[r[0]] = append(d.acts[r[0]], tt)
	}
	for _, l := range d.acts {
		slices.SortFunc(l, func(a, b time.Time) int { return a.Compare(b) })
	}
	h, rows = readCSV(t, dir, "opportunities.csv")
	d.headers["opportunities.csv"] = h
	byID := map[string]*topp{}
	for _, r := range rows {
		o := &topp{id: r[0], status: r[4], owner: r[8]}
		var ok1, ok2 bool
		o.created, ok1 = d.ts(r[2])
		o.closed, ok2 = d.ts(r[5])
		amt, err := strconv.ParseFloat(r[3], 64)
		switch {
		case !ok1 || !ok2 || err != nil:
			d.problem("opportunities.csv: unparseable")
			continue
		case amt < 0:
			d.problem("opportunities.csv: negative amount")
			continue
		case o.status != "open" && o.closed.IsZero():
			d.problem("opportunities.csv: " + o.status + " without closed_at")
			continue
		case o.status == "open" && !o.closed.IsZero():
			d.problem("opportunities.csv: open with closed_at")
		case o.closed.Before(o.created) && !o.closed.IsZero():
			d.problem("opportunities.csv: closed before created")
		case byID[o.id] != nil:
			d.problem("opportunities.csv: duplicate id")
			continue
		}
		o.amount = amt
		o.people = []string{r[6]}
		byID[o.id] = o
		d.opps = append(d.opps, o)
	}
	h, rows = readCSV(t, dir, "opportunity_contacts.csv")
	d.headers["opportunity_contacts.csv"] = h
	for _, r := range rows {
		o := byID[r[0]]
		if o == nil {
			d.problem("opportunity_contacts.csv: unknown opportunity")
			continue
		}
		if d.leads[r[1]] == nil {
			d.problem("opportunity_contacts.csv: unknown lead")
		}
		if slices.Contains(o.people, r[1]) {
			d.problem("opportunity_contacts.csv: person twice on a deal")
		}
		o.people = append(o.people, r[1])
	}
	for _, o := range d.opps {
		for _, p := range o.people {
			d.oppsOf[p] = append(d.oppsOf[p], o)
		}
	}
	return d
}

func (d *data) countMQL() int {
	n := 0
	for _, l := range d.leads {
		if !l.mql.IsZero() {
			n++
		}
	}
	return n
}

func (d *data) winRateAll() float64 {
	var w, l int
	for _, o := range d.opps {
		switch o.status {
		case "won":
			w++
		case "lost":
			l++
		}
	}
	return float64(w) / float64(w+l)
}

type totals struct {
	leads, mqls, sqls, opps, won, lost int
	pipeline, revenue                  float64
}

func (x totals) mqlShare() float64 { return float64(x.mqls) / float64(x.leads) }

func (d *data) totals(p period) totals {
	var x totals
	for _, l := range d.leads {
		if p.in(l.created) {
			x.leads++
		}
		if p.in(l.mql) {
			x.mqls++
		}
		if p.in(l.sql) {
			x.sqls++
		}
	}
	for _, o := range d.opps {
		if p.in(o.created) {
			x.opps++
			x.pipeline += o.amount
		}
		if p.in(o.closed) {
			if o.status == "won" {
				x.won++
				x.revenue += o.amount
			} else {
				x.lost++
			}
		}
	}
	return x
}

type funnel struct {
	responders, mqls, dq, dqAll, oppResp, won, lost int
}

func (f funnel) mqlRate() float64 { return float64(f.mqls) / float64(f.responders) }
func (f funnel) oppRate() float64 { return float64(f.oppResp) / float64(f.responders) }
func (f funnel) winRate() float64 { return float64(f.won) / float64(max(1, f.won+f.lost)) }
func (f funnel) dqShare() float64 { return float64(f.dq) / float64(max(1, f.mqls)) }

const w = 180 * 24 * time.Hour

// funnels follows SPEC section 3.
func (d *data) funnels(p period) map[string]*funnel {
	out := map[string]*funnel{}
	oppsOf := map[string]map[*topp]bool{}
	for lid, ts := range d.touches {
		first := map[string]time.Time{}
		for _, tc := range ts {
			if p.in(tc.t) {
				if _, ok := first[tc.camp]; !ok {
					first[tc.camp] = tc.t
				}
			}
		}
		l := d.leads[lid]
		for c, tr := range first {
			f := out[c]
			if f == nil {
				f = &funnel{}
				out[c] = f
				oppsOf[c] = map[*topp]bool{}
			}
			f.responders++
			if l != nil && !l.dq.IsZero() {
				f.dqAll++
			}
			if l != nil && !l.mql.IsZero() && !l.mql.Before(tr) {
				f.mqls++
				if !l.dq.IsZero() {
					f.dq++
				}
			}
			has := false
			for _, o := range d.oppsOf[lid] {
				if !o.created.Before(tr) && !o.created.After(tr.Add(w)) {
					has = true
					oppsOf[c][o] = true
				}
			}
			if has {
				f.oppResp++
			}
		}
	}
	for c, os := range oppsOf {
		for o := range os {
			switch o.status {
			case "won":
				out[c].won++
			case "lost":
				out[c].lost++
			}
		}
	}
	return out
}

type assetRow struct {
	won, lost, baseWon, baseLost int
	leads, leadMQL               int
}

func (a assetRow) winRate() float64     { return float64(a.won) / float64(a.won+a.lost) }
func (a assetRow) baseline() float64    { return float64(a.baseWon) / float64(a.baseWon+a.baseLost) }
func (a assetRow) leadMQLRate() float64 { return float64(a.leadMQL) / float64(max(1, a.leads)) }

// pValue is the two-sided pooled two-proportion z-test of SPEC section 5.
func (a assetRow) pValue() float64 {
	n1, n2 := float64(a.won+a.lost), float64(a.baseWon+a.baseLost)
	pp := float64(a.won+a.baseWon) / (n1 + n2)
	z := (a.winRate() - a.baseline()) / math.Sqrt(pp*(1-pp)*(1/n1+1/n2))
	return math.Erfc(math.Abs(z) / math.Sqrt2)
}

func (d *data) closedAll(p period) assetRow {
	var a assetRow
	for _, o := range d.opps {
		if (o.status == "won" || o.status == "lost") && p.in(o.closed) {
			if o.status == "won" {
				a.won++
			} else {
				a.lost++
			}
		}
	}
	return a
}

// assetTypes follows SPEC section 5.
func (d *data) assetTypes(p period) map[string]*assetRow {
	out := map[string]*assetRow{}
	for _, typ := range d.assetType {
		out[typ] = &assetRow{}
	}
	for _, o := range d.opps {
		if (o.status != "won" && o.status != "lost") || !p.in(o.closed) {
			continue
		}
		seen := map[string]bool{}
		for _, pe := range o.people {
			for _, tc := range d.touches[pe] {
				if tc.asset != "" && !tc.t.Before(o.created.Add(-w)) && !tc.t.After(o.closed) {
					seen[d.assetType[tc.asset]] = true
				}
			}
		}
		for typ, a := range out {
			won := o.status == "won"
			switch {
			case seen[typ] && won:
				a.won++
			case seen[typ]:
				a.lost++
			case won:
				a.baseWon++
			default:
				a.baseLost++
			}
		}
	}
	for lid, l := range d.leads {
		ts := d.touches[lid]
		if !p.in(l.created) || len(ts) == 0 || ts[0].asset == "" {
			continue
		}
		a := out[d.assetType[ts[0].asset]]
		a.leads++
		if !l.mql.IsZero() {
			a.leadMQL++
		}
	}
	return out
}

type bucket struct{ leads, sqls, opps int }

func (b bucket) sqlRate() float64 { return float64(b.sqls) / float64(b.leads) }

// latency follows SPEC section 4 (handoff = mql_at).
func (d *data) latency(p period) [6]bucket {
	var out [6]bucket
	for lid, l := range d.leads {
		if !p.in(l.mql) {
			continue
		}
		k := 5
		for _, a := range d.acts[lid] {
			if !a.Before(l.mql) {
				switch lat := a.Sub(l.mql); {
				case lat <= 5*time.Minute:
					k = 0
				case lat <= time.Hour:
					k = 1
				case lat <= 24*time.Hour:
					k = 2
				case lat <= 7*24*time.Hour:
					k = 3
				default:
					k = 4
				}
				break
			}
		}
		out[k].leads++
		if !l.sql.IsZero() && !l.sql.Before(l.mql) {
			out[k].sqls++
		}
		for _, o := range d.oppsOf[lid] {
			if !o.created.Before(l.mql) {
				out[k].opps++
				break
			}
		}
	}
	return out
}

func wilson(x, n int) (lo, hi float64) {
	const z = 1.96
	p, nn := float64(x)/float64(n), float64(n)
	c := (p + z*z/(2*nn)) / (1 + z*z/nn)
	h := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / (1 + z*z/nn)
	return c - h, c + h
}

type hyg struct{ opps, late, cold, fastLoss, coldLate, coldLateFast int }

// hygiene follows SPEC section 7.
func (d *data) hygiene(p period) map[string]*hyg {
	out := map[string]*hyg{}
	lastDays := p.to.AddDate(0, 0, -14)
	for _, o := range d.opps {
		if !p.in(o.created) {
			continue
		}
		h := out[o.owner]
		if h == nil {
			h = &hyg{}
			out[o.owner] = h
		}
		h.opps++
		late := !o.created.Before(lastDays)
		cold := true
		lo := o.created.Add(-30 * 24 * time.Hour)
		for _, pe := range o.people {
			for _, tc := range d.touches[pe] {
				if !tc.t.Before(lo) && !tc.t.After(o.created) {
					cold = false
				}
			}
			for _, a := range d.acts[pe] {
				if !a.Before(lo) && !a.After(o.created) {
					cold = false
				}
			}
		}
		fast := o.status == "lost" && o.closed.Sub(o.created) <= 14*24*time.Hour
		if late {
			h.late++
		}
		if cold {
			h.cold++
		}
		if fast {
			h.fastLoss++
		}
		if cold && late {
			h.coldLate++
			if fast {
				h.coldLateFast++
			}
		}
	}
	return out
}

// TestSampleDataUpToDate checks that sample-data/ is what the generator
// writes today; regenerate it with `go run ./cmd/gensample`.
func TestSampleDataUpToDate(t *testing.T) {
	shipped := filepath.Join("..", "..", "sample-data")
	if _, err := os.Stat(filepath.Join(shipped, "leads.csv")); err != nil {
		t.Skip("no sample-data/leads.csv")
	}
	dir := t.TempDir()
	if _, err := Write(Default(), dir); err != nil {
		t.Fatal(err)
	}
	for _, n := range canonicalFiles {
		x, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(shipped, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("sample-data/%s is stale: run `go run ./cmd/gensample` from the repository root", n)
		}
	}
}
