package loader

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/campaignretro/retro/internal/group"
)

// Options controls a load.
type Options struct {
	// Location is the report time zone: naive timestamps are read in it.
	Location *time.Location
	// MaxBadFraction fails the load when a file's skipped rows exceed this
	// fraction of its rows (SPEC: 1%). Used when MaxBadRows is negative.
	MaxBadFraction float64
	// MaxBadRows, when zero or more, is an absolute limit instead.
	MaxBadRows int
	// DateOrder says how slash dates such as 03/04/2026 are read.
	DateOrder DateOrder
	// DecimalComma reads amounts as 1.234,50 instead of 1,234.50.
	DecimalComma bool
	// Preset restricts detection to one family of exports: auto (the
	// default), canonical, salesforce or hubspot.
	Preset string
	// AllMembers counts every Salesforce campaign member as a touch, not
	// only those who responded.
	AllMembers bool
	// Mapping names custom columns and translates values per file.
	Mapping *Mapping
	// Sheet is the worksheet read from XLSX files; empty for the first.
	Sheet string
	// Currency is the report currency (--currency); USD when empty.
	Currency string
	// Rates, when set (--rates), converts every export amount to the
	// report currency: the value of one unit of each currency.
	Rates map[string]float64
	// Progress, when set, is called every 65,536 rows and at the end of
	// each file with the rows read so far.
	Progress func(file string, rows int, done bool)
}

// DefaultOptions are the SPEC defaults: UTC, at most 1% bad rows per file.
func DefaultOptions() Options {
	return Options{Location: time.UTC, MaxBadFraction: 0.01, MaxBadRows: -1}
}

// The canonical file names, in the order they are read and listed.
const (
	CampaignsFile     = "campaigns.csv"
	AssetsFile        = "assets.csv"
	LeadsFile         = "leads.csv"
	TouchesFile       = "touches.csv"
	ActivitiesFile    = "activities.csv"
	OpportunitiesFile = "opportunities.csv"
	ContactsFile      = "opportunity_contacts.csv"
)

// MaxAmount is the largest amount or cost read (a quadrillion): a larger
// value is a bad row, as no campaign costs or deal is worth that much, and
// sums of such values would overflow the report's charts.
const MaxAmount = 1e15

// maxProblemsPerFile bounds the problems kept per file; the counts in
// Inputs stay exact.
const maxProblemsPerFile = 1000

// TooManyBadRowsError is returned when a file has more bad rows than allowed.
type TooManyBadRowsError struct {
	File          string
	Skipped, Rows int
	Limit         string
	First         []Problem
}

func (e *TooManyBadRowsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d of %d rows are bad, more than --max-bad-rows %s allows; nothing was written", e.File, e.Skipped, e.Rows, e.Limit)
	for _, p := range e.First {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Load reads the canonical CSV files of dir. Only leads.csv is required.
func Load(dir string, opts Options) (*Dataset, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	st, err := files.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("data folder %s is not a folder", dir)
	}
	l := &load{ds: &Dataset{Dir: dir, Location: opts.Location, HasColumn: map[string]bool{}}, opts: opts, lastPersonID: NoID}
	l.ds.Labels.Intern("")
	hash := sha256.New()
	pathFile, wide := scanFolder(dir, opts.Sheet)
	if pathFile != "" {
		// A path file stands alone (SPEC 16): the other files are not read.
		if err := l.readPaths(pathFile, filepath.Join(dir, pathFile), hash); err != nil {
			return nil, err
		}
		l.finish()
		l.ds.Hash = "sha256:" + hex.EncodeToString(hash.Sum(nil))[:16]
		return l.ds, nil
	}
	srcs, err := l.sources(dir)
	if err != nil {
		if wide != nil {
			return nil, wide
		}
		return nil, err
	}
	for _, src := range srcs {
		if err := l.readSource(src, hash); err != nil {
			return nil, err
		}
	}
	l.maskIDs()
	l.finish()
	l.ds.Hash = "sha256:" + hex.EncodeToString(hash.Sum(nil))[:16]
	return l.ds, nil
}

// load carries the state of one Load.
type load struct {
	ds   *Dataset
	opts Options
	// cur is the file being read: problems name its columns.
	cur *table
	// sfs is shared by the Salesforce adapters; hub by HubSpot's.
	sfs *sfState
	hub *hubState
	crm *crmState
	// currencies counts, per file, the currencies of its amounts (without --rates).
	currencies map[string]map[string]int
	// sfIDs15 reads 18-character Salesforce ids as their first 15
	// characters: the folder mixes both lengths.
	sfIDs15 bool
	// read lists the files read per kind.
	read [numKinds][]string

	rawTouches []Touch
	rawActs    []activity
	// lastPerson caches the last person id looked up (and its ID).
	lastPerson   string
	lastPersonID ID
	// known mirrors Leads[p].Known, compactly: shuffled rows look it up
	// at random, and a bool a person stays in cache where a Lead does not.
	known    []bool
	oppLeads [][]ID     // contacts per opportunity, in file order
	oppAt    []fileLine // the row each opportunity was read from

	// pii numbers the emails and phone numbers masked in text (pii.go).
	pii masker

	kept   map[string]int       // problems kept per file
	counts map[ProblemCount]int // every problem, by file, column and kind
	// dangling references, per "file\x00column": count and first line
	dangling map[string][2]int
}

// fileLine locates a row.
type fileLine struct {
	file string
	line int
}

type activity struct {
	At   Time
	Lead ID
}

func (l *load) checkBadRows(in Input) error {
	limit := l.opts.MaxBadRows
	desc := strconv.Itoa(limit)
	if limit < 0 {
		limit = int(math.Floor(l.opts.MaxBadFraction * float64(in.Rows)))
		desc = strconv.FormatFloat(l.opts.MaxBadFraction*100, 'f', -1, 64) + "%"
	}
	if in.Skipped <= limit {
		return nil
	}
	var first []Problem
	for _, p := range l.ds.Problems {
		if p.File == in.File && p.Skipped && len(first) < 5 {
			first = append(first, p)
		}
	}
	return &TooManyBadRowsError{File: in.File, Skipped: in.Skipped, Rows: in.Rows, Limit: desc, First: first}
}

// row checks the values of one row and records its problems.
type row struct {
	l    *load
	in   *Input
	line int
	bad  bool
}

// row starts a row of the file being read, reporting first the values its
// adapter could not translate.
func (l *load) row(in *Input, line int) row {
	in.Rows++
	if in.Rows&0xffff == 0 && l.opts.Progress != nil {
		l.opts.Progress(in.File, in.Rows, false)
	}
	r := row{l: l, in: in, line: line}
	if l.cur != nil {
		for _, is := range l.cur.issues {
			if is.skip {
				r.skip(is.column, is.problem)
			} else {
				r.in.Blanked++
				msg := is.problem
				if !is.replaced {
					msg += "; the value is ignored"
				}
				l.problem(in.File, line, is.column, msg, false)
			}
		}
	}
	return r
}

// column returns the name of canonical column c in the file being read.
func (l *load) column(c string) string {
	if l.cur == nil {
		return c
	}
	return l.cur.column(c)
}

func (l *load) problem(file string, line int, column, msg string, skipped bool) {
	if l.kept == nil {
		l.kept = map[string]int{}
		l.counts = map[ProblemCount]int{}
	}
	l.counts[ProblemCount{File: file, Column: column, Skipped: skipped}]++
	if l.kept[file] >= maxProblemsPerFile {
		return
	}
	l.kept[file]++
	// Values in messages are masked where they are quoted (row.quote);
	// this catches any other path.
	msg, _ = l.pii.mask(msg)
	l.ds.Problems = append(l.ds.Problems, Problem{File: file, Line: line, Column: column, Problem: msg, Skipped: skipped})
}

// skip marks the row bad (only the first reason is recorded).
func (r *row) skip(column, msg string) {
	if r.bad {
		return
	}
	r.bad = true
	r.in.Skipped++
	r.l.problem(r.in.File, r.line, r.l.column(column), msg, true)
}

// blank reports an optional value that was dropped.
func (r *row) blank(column, msg string) {
	r.in.Blanked++
	r.l.problem(r.in.File, r.line, r.l.column(column), msg+"; the value is ignored", false)
}

func (r *row) syntax(line int, err error) {
	r.in.Rows++
	r.in.Skipped++
	r.l.problem(r.in.File, line, "(row)", "cannot parse the row: "+err.Error(), true)
}

// quote quotes a value for a problem line, masked (see pii.go) and cut to
// 40 bytes.
func quote(v string) string { return cut(maskPII(v)) }

// quote quotes a value of the row for a problem line, masking (and
// counting) an email address or phone number in it.
func (r *row) quote(v string) string {
	v, n := r.l.pii.mask(v)
	r.in.Masked += n
	return cut(v)
}

func cut(v string) string {
	if len(v) > 40 {
		v = v[:37] + "..."
	}
	return strconv.Quote(v)
}

// required returns the trimmed value, or marks the row bad when it is empty.
func (r *row) required(column, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		r.skip(column, "missing required value")
	}
	return v
}

// time parses a timestamp; an empty optional value is NoTime.
func (r *row) time(column, v string, required bool) Time {
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			r.skip(column, "missing required value")
		}
		return NoTime
	}
	t, _, err := parseTimeAny(v, r.l.opts.Location, r.l.opts.DateOrder)
	if err != nil && r.l.cur != nil && r.l.cur.dateFormats[column] != "" {
		var tm time.Time
		if tm, err = time.ParseInLocation(r.l.cur.dateFormats[column], v, r.l.opts.Location); err == nil {
			t = tm.UnixMicro()
		}
	}
	if err != nil {
		msg := r.quote(v) + " " + dateHint(err, r.l.opts.DateOrder)
		if required {
			r.skip(column, msg)
		} else {
			r.blank(column, msg)
		}
		return NoTime
	}
	return t
}

// amount parses a money value: unreadable, it skips the row when required
// and is blanked otherwise; negative or above MaxAmount, it skips the row.
// A value not read is 0.
func (r *row) amount(column, v string, required bool) float64 {
	f, err := ParseAmount(v, r.l.opts.DecimalComma)
	switch {
	case err != nil:
		msg := r.quote(v) + " " + amountHint(v, r.l.opts.DecimalComma)
		if required {
			r.skip(column, msg)
		} else {
			r.blank(column, msg)
		}
	case f < 0:
		r.skip(column, r.quote(v)+" is negative")
	case f > MaxAmount:
		r.skip(column, r.quote(v)+" is implausibly large (above 1e15)")
	default:
		return f
	}
	return 0
}

// day parses an optional date.
func (r *row) day(column, v string) Day {
	t := r.time(column, v, false)
	if t == NoTime {
		return NoDay
	}
	return DayOf(t, r.l.opts.Location)
}

// text returns a trimmed free-text value of the row with its email
// addresses and phone numbers masked (and counted).
func (r *row) text(v string) string {
	v = strings.TrimSpace(v)
	if !mayHoldPII(v) {
		return v
	}
	v, n := r.l.pii.mask(v)
	r.in.Masked += n
	return v
}

// label interns a free-text value of the row, masked as text does.
func (r *row) label(v string) Label {
	if v == "" {
		return 0
	}
	return r.l.ds.Labels.Intern(r.text(v))
}

func parseOrigin(v string) Origin {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return OriginNone
	case "marketing":
		return OriginMarketing
	case "sales":
		return OriginSales
	case "partner":
		return OriginPartner
	}
	return OriginOther
}

func (l *load) noteColumns(file string, header []string, all []string) {
	for _, h := range header {
		for _, c := range all {
			if h == c {
				l.ds.HasColumn[file+"."+c] = true
			}
		}
	}
}

// columnsHook notes the optional columns of a canonical file that the file
// being read carries (for an export, those its adapter could fill).
func (l *load) columnsHook(file string, t any) func([]string) {
	names := columnsOfValue(t)
	return func(h []string) {
		if l.cur != nil && l.cur.adapted {
			var fed []string
			for _, n := range h {
				if _, ok := l.cur.origin[n]; ok {
					fed = append(fed, n)
				}
			}
			h = fed
		}
		l.noteColumns(file, h, names)
	}
}

func (l *load) readCampaigns(t *table, in *Input) error {
	ids := &l.ds.CampaignIDs
	return readSmall(t, l.columnsHook(CampaignsFile, campaignRow{}), func(c *campaignRow, line int) {
		rw := l.row(in, line)
		id := rw.required("campaign_id", c.CampaignID)
		name := rw.text(rw.required("name", c.Name))
		channel := strings.ToLower(rw.text(rw.required("channel", c.Channel)))
		start, end := rw.day("start_date", c.StartDate), rw.day("end_date", c.EndDate)
		cost := 0.0
		if v := strings.TrimSpace(c.Cost); v != "" {
			cost = rw.amount("cost", v, false)
		}
		if !rw.bad && start != NoDay && end != NoDay && end < start {
			rw.skip("end_date", fmt.Sprintf("end_date %s is before start_date %s", FormatDay(end), FormatDay(start)))
		}
		if !rw.bad {
			if _, dup := ids.Lookup(id); dup {
				rw.skip("campaign_id", "duplicate id "+rw.quote(id)+"; the first row is kept")
			}
		}
		if rw.bad {
			return
		}
		ids.Intern(id)
		l.ds.Campaigns = append(l.ds.Campaigns, Campaign{Name: name, Channel: channel, Start: start, End: end, Cost: cost, Known: true})
	}, (&row{l: l, in: in}).syntax)
}

func (l *load) readAssets(t *table, in *Input) error {
	ids := &l.ds.AssetIDs
	return readSmall(t, nil, func(a *assetRow, line int) {
		rw := l.row(in, line)
		id := rw.required("asset_id", a.AssetID)
		typ := strings.ToLower(rw.text(rw.required("asset_type", a.AssetType)))
		if !rw.bad {
			if _, dup := ids.Lookup(id); dup {
				rw.skip("asset_id", "duplicate id "+rw.quote(id)+"; the first row is kept")
			}
		}
		if rw.bad {
			return
		}
		ids.Intern(id)
		l.ds.Assets = append(l.ds.Assets, Asset{Name: rw.text(a.Name), Type: typ, Known: true})
	}, (&row{l: l, in: in}).syntax)
}

func (l *load) readLeads(t *table, in *Input) error {
	people := &l.ds.People
	people.Grow(t.estRows)
	if l.ds.Leads == nil {
		l.ds.Leads = make([]Lead, 0, t.estRows)
	}
	// A CRM export without a creation date gives people, none created
	// (SPEC 11); its adapter says so in a note.
	_, fed := t.origin["created_at"]
	noCreated := t.adapted && !fed
	return readLarge(t, l.columnsHook(LeadsFile, leadRow{}), func(v *leadRow, line int) {
		rw := l.row(in, line)
		id := rw.required("lead_id", v.LeadID)
		created := NoTime
		if !noCreated {
			created = rw.time("created_at", v.CreatedAt, true)
		}
		if !rw.bad {
			if _, dup := people.Lookup(id); dup {
				rw.skip("lead_id", "duplicate id "+rw.quote(id)+"; the first row is kept")
			}
		}
		if rw.bad {
			return
		}
		lead := Lead{
			CreatedAt:      created,
			MQLAt:          rw.time("mql_at", v.MQLAt, false),
			SQLAt:          rw.time("sql_at", v.SQLAt, false),
			DisqualifiedAt: rw.time("disqualified_at", v.DisqualifiedAt, false),
			Owner:          rw.label(v.Owner),
			Region:         rw.label(v.Region),
			Industry:       rw.label(v.Industry),
			Source:         rw.label(v.Source),
			Account:        rw.label(v.AccountID),
			Reason:         rw.label(v.DisqualifyReason),
			Origin:         parseOrigin(v.Origin),
			Known:          true,
		}
		people.Intern(id)
		l.ds.Leads = append(l.ds.Leads, lead)
		l.known = append(l.known, true)
	}, (&row{l: l, in: in}).syntax)
}

// person returns the id of a lead id met outside leads.csv, adding an
// unknown person when needed and counting the dangling reference.
func (l *load) person(id, file, column string, line int) ID {
	// Exports usually list a person's rows together: skip the map then.
	if id == l.lastPerson && l.lastPersonID != NoID {
		p := l.lastPersonID
		if !l.known[p] {
			l.dangle(file, column, line)
		}
		return p
	}
	p := l.ds.People.Intern(id)
	// id points into the current batch of rows, which it keeps alive
	// until the next person: cheaper than reading Names[p] at random.
	l.lastPerson, l.lastPersonID = id, p
	if int(p) == len(l.ds.Leads) {
		l.ds.Leads = append(l.ds.Leads, Lead{CreatedAt: NoTime, MQLAt: NoTime, SQLAt: NoTime, DisqualifiedAt: NoTime})
		l.known = append(l.known, false)
	}
	if !l.known[p] {
		l.dangle(file, column, line)
	}
	return p
}

func (l *load) dangle(file, column string, line int) {
	if l.dangling == nil {
		l.dangling = map[string][2]int{}
	}
	k := file + "\x00" + column + "\x00" + l.column(column)
	d := l.dangling[k]
	if d[0] == 0 {
		d[1] = line
	}
	d[0]++
	l.dangling[k] = d
}

func (l *load) readTouches(tab *table, in *Input) error {
	var lastCampaign string
	var lastCampaignID ID = NoID
	return readLarge(tab, l.columnsHook(TouchesFile, touchRow{}), func(v *touchRow, line int) {
		rw := l.row(in, line)
		lead := rw.required("lead_id", v.LeadID)
		campaign := rw.required("campaign_id", v.CampaignID)
		at := rw.time("touched_at", v.TouchedAt, true)
		if rw.bad {
			return
		}
		t := Touch{At: at, Lead: l.person(lead, in.File, "lead_id", line), Asset: NoID}
		if campaign == lastCampaign && lastCampaignID != NoID {
			t.Campaign = lastCampaignID
		} else {
			c := l.ds.CampaignIDs.Intern(campaign)
			if int(c) == len(l.ds.Campaigns) {
				l.ds.Campaigns = append(l.ds.Campaigns, Campaign{Start: NoDay, End: NoDay})
			}
			t.Campaign, lastCampaign, lastCampaignID = c, campaign, c
		}
		if !l.ds.Campaigns[t.Campaign].Known && l.ds.Files.Campaigns {
			l.dangle(in.File, "campaign_id", line)
		}
		if a := strings.TrimSpace(v.AssetID); a != "" {
			t.Asset = l.ds.AssetIDs.Intern(a)
			if int(t.Asset) == len(l.ds.Assets) {
				l.ds.Assets = append(l.ds.Assets, Asset{})
			}
			if !l.ds.Assets[t.Asset].Known && l.ds.Files.Assets {
				l.dangle(in.File, "asset_id", line)
			}
		}
		if l.rawTouches == nil {
			l.rawTouches = make([]Touch, 0, tab.estRows)
		}
		t.row = int32(len(l.rawTouches))
		l.rawTouches = append(l.rawTouches, t)
	}, (&row{l: l, in: in}).syntax)
}

func (l *load) readActivities(t *table, in *Input) error {
	if l.rawActs == nil {
		l.rawActs = make([]activity, 0, t.estRows)
	}
	return readLarge(t, nil, func(v *activityRow, line int) {
		rw := l.row(in, line)
		lead := rw.required("lead_id", v.LeadID)
		at := rw.time("occurred_at", v.OccurredAt, true)
		if rw.bad {
			return
		}
		l.rawActs = append(l.rawActs, activity{At: at, Lead: l.person(lead, in.File, "lead_id", line)})
	}, (&row{l: l, in: in}).syntax)
}

func (l *load) readOpportunities(t *table, in *Input) error {
	ids := &l.ds.OpportunityIDs
	return readSmall(t, l.columnsHook(OpportunitiesFile, opportunityRow{}), func(v *opportunityRow, line int) {
		rw := l.row(in, line)
		id := rw.required("opportunity_id", v.OpportunityID)
		created := rw.time("created_at", v.CreatedAt, true)
		amountText := rw.required("amount", v.Amount)
		amount := 0.0
		if !rw.bad {
			amount = rw.amount("amount", amountText, true)
		}
		var status Status
		switch s := strings.ToLower(rw.required("status", v.Status)); s {
		case "open":
			status = Open
		case "won":
			status = Won
		case "lost":
			status = Lost
		case "":
		default:
			rw.skip("status", rw.quote(s)+" is not open, won or lost")
		}
		closedRequired := !rw.bad && status != Open
		var closed Time = NoTime
		if closedRequired && strings.TrimSpace(v.ClosedAt) == "" {
			rw.skip("closed_at", "missing for a "+status.String()+" opportunity")
		} else {
			closed = rw.time("closed_at", v.ClosedAt, closedRequired)
		}
		if !rw.bad {
			if _, dup := ids.Lookup(id); dup {
				rw.skip("opportunity_id", "duplicate id "+rw.quote(id)+"; the first row is kept")
			}
		}
		if rw.bad {
			return
		}
		o := Opportunity{
			CreatedAt: created, ClosedAt: closed, Amount: amount, Status: status,
			Lead: NoID, Origin: parseOrigin(v.Origin),
			Owner: rw.label(v.Owner), Account: rw.label(v.AccountID), Stage: rw.label(v.Stage),
			Name: rw.label(v.Name), AccountName: rw.label(v.AccountName),
		}
		if lead := strings.TrimSpace(v.LeadID); lead != "" {
			o.Lead = l.person(lead, in.File, "lead_id", line)
		}
		ids.Intern(id)
		l.ds.Opportunities = append(l.ds.Opportunities, o)
		l.oppAt = append(l.oppAt, fileLine{in.File, line})
	}, (&row{l: l, in: in}).syntax)
}

func (l *load) readContacts(t *table, in *Input) error {
	for len(l.oppLeads) < len(l.ds.Opportunities) {
		l.oppLeads = append(l.oppLeads, nil)
	}
	return readSmall(t, nil, func(v *contactRow, line int) {
		rw := l.row(in, line)
		opp := rw.required("opportunity_id", v.OpportunityID)
		lead := rw.required("lead_id", v.LeadID)
		if rw.bad {
			return
		}
		o, ok := l.ds.OpportunityIDs.Lookup(opp)
		if !ok {
			l.dangle(in.File, "opportunity_id", line)
			return
		}
		l.oppLeads[o] = append(l.oppLeads[o], l.person(lead, in.File, "lead_id", line))
	}, (&row{l: l, in: in}).syntax)
}

// finish groups touches and activities by person, de-duplicates touches,
// builds people(o), and turns dangling references into notes.
func (l *load) finish() {
	ds := l.ds
	l.sfCampaignTouches()
	l.sfNotes()
	l.hubNotes()
	l.crmNotes()
	n := len(ds.Leads)

	order := NewTouchOrder(ds)

	if ds.Files.Touches {
		sorted := l.rawTouches
		l.rawTouches = nil
		ds.TouchStart = groupByPerson(sorted, n)
		// Per person: order by (touched_at, campaign_id), file order for
		// ties, then drop repeats of (campaign, instant): the first row wins.
		out := sorted[:0]
		start := int32(0)
		for p := 0; p < n; p++ {
			seg := sorted[ds.TouchStart[p]:ds.TouchStart[p+1]]
			slices.SortFunc(seg, func(a, b Touch) int {
				return cmp.Or(order.Compare(a, b), cmp.Compare(a.row, b.row))
			})
			ds.TouchStart[p] = start
			for i, t := range seg {
				if i > 0 && t.At == seg[i-1].At && t.Campaign == seg[i-1].Campaign {
					continue
				}
				out = append(out, t)
				start++
			}
		}
		ds.TouchStart[n] = start
		ds.Touches = out[:len(out):len(out)]
	}

	if ds.Files.Activities {
		ds.ActivityStart, ds.Activities = group.By(n, nil, func(emit func(ID, Time)) {
			for _, a := range l.rawActs {
				emit(a.Lead, a.At)
			}
		})
		l.rawActs = nil
		for p := 0; p < n; p++ {
			slices.Sort(ds.Activities[ds.ActivityStart[p]:ds.ActivityStart[p+1]])
		}
	}

	ds.OppPeopleStart = make([]int32, len(ds.Opportunities)+1)
	for o, opp := range ds.Opportunities {
		ds.OppPeopleStart[o] = int32(len(ds.OppPeople))
		first := len(ds.OppPeople)
		if opp.Lead != NoID {
			ds.OppPeople = append(ds.OppPeople, opp.Lead)
		}
		if o < len(l.oppLeads) {
		contacts:
			for _, p := range l.oppLeads[o] {
				for _, q := range ds.OppPeople[first:] {
					if q == p {
						continue contacts
					}
				}
				ds.OppPeople = append(ds.OppPeople, p)
			}
		}
	}
	ds.OppPeopleStart[len(ds.Opportunities)] = int32(len(ds.OppPeople))
	l.oppLeads = nil

	keys := make([]string, 0, len(l.dangling))
	for k := range l.dangling {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts := strings.Split(k, "\x00")
		file, column, shown := parts[0], parts[1], parts[2]
		d := l.dangling[k]
		target := map[string]string{"lead_id": "leads.csv", "campaign_id": "campaigns.csv", "asset_id": "assets.csv", "opportunity_id": "opportunities.csv"}[column]
		if k, ok := map[string]kind{"lead_id": kindLeads, "campaign_id": kindCampaigns, "asset_id": kindAssets, "opportunity_id": kindOpportunities}[column]; ok && len(l.read[k]) > 0 {
			target = strings.Join(l.read[k], " or ")
		}
		what := "kept"
		if column == "opportunity_id" {
			what = "ignored"
		}
		rows := fmt.Sprintf("%d rows name", d[0])
		if d[0] == 1 {
			rows = "1 row names"
		}
		ds.Notes = append(ds.Notes, fmt.Sprintf("%s: %s %s %s that is not in %s (first at line %d); %s %s.", file, rows, article(shown), shown, target, d[1], map[bool]string{true: "it is", false: "they are"}[d[0] == 1], what))
	}
	for k, n := range l.counts {
		k.Count = n
		ds.ProblemCounts = append(ds.ProblemCounts, k)
	}
	sort.Slice(ds.ProblemCounts, func(i, j int) bool {
		a, b := ds.ProblemCounts[i], ds.ProblemCounts[j]
		if a.File != b.File {
			return l.fileOrder(a.File) < l.fileOrder(b.File)
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Skipped && !b.Skipped
	})
	sort.SliceStable(ds.Problems, func(i, j int) bool {
		a, b := ds.Problems[i], ds.Problems[j]
		if a.File != b.File {
			return l.fileOrder(a.File) < l.fileOrder(b.File)
		}
		return a.Line < b.Line
	})
}

// article is the indefinite article before word: "an" before a vowel
// ("an OpportunityId", "an asset_id"), else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// fileOrder is the position of file f among the files read.
func (l *load) fileOrder(f string) int {
	for i, in := range l.ds.Inputs {
		if in.File == f {
			return i
		}
	}
	return len(l.ds.Inputs)
}

// CampaignRanks returns, for each campaign ID, its position in campaign_id order.
func CampaignRanks(ds *Dataset) []int32 {
	order := make([]int32, ds.CampaignIDs.Len())
	for i := range order {
		order[i] = int32(i)
	}
	names := ds.CampaignIDs.Names
	sort.Slice(order, func(i, j int) bool { return names[order[i]] < names[order[j]] })
	rank := make([]int32, len(order))
	for r, c := range order {
		rank[c] = int32(r)
	}
	return rank
}
