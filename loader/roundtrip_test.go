package loader_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/campaignretro/retro/analysis"
	"github.com/campaignretro/retro/loader"
)

// world is a small canonical dataset built in the test, in the form both
// writers below can express: at most one touch per lead and campaign,
// closing dates without a time, origins that a lead source gives.
type world struct {
	campaigns []wCampaign
	leads     []wLead
	touches   []wTouch
	acts      []wAct
	opps      []wOpp
	contacts  [][2]string // opportunity, lead
	// stages writes mql_at and sql_at into the canonical leads.csv.
	stages bool
}

type wCampaign struct {
	id, name, channel, start, end string
	cost                          float64
}
type wLead struct {
	id, created, source, origin, owner, region string
	mql, sql                                   string
}
type wTouch struct{ lead, campaign, at string }
type wAct struct{ lead, at string }
type wOpp struct {
	id, created, closed, status, lead, owner string
	amount                                   float64
}

// sources pairs each origin with a lead source the default map gives it.
var sources = []struct{ source, origin string }{{"Web", "marketing"}, {"Cold Call", "sales"}, {"Partner Referral", "partner"}, {"Word of mouth", "other"}}

func newWorld(seed uint64) *world {
	r := rand.New(rand.NewPCG(seed, 7))
	base := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	at := func(days int) time.Time {
		return base.Add(time.Duration(r.IntN(days*86400)) * time.Second)
	}
	iso := func(t time.Time) string { return t.Format("2006-01-02T15:04:05Z") }
	w := &world{}
	channels := []string{"email", "webinar", "event", "paid_search"}
	for i := 0; i < 8; i++ {
		c := wCampaign{id: fmt.Sprintf("701C%03d", i), name: fmt.Sprintf("Campaign %d", i), channel: channels[i%4], cost: float64(r.IntN(500000)) / 100}
		if i%3 != 0 {
			s := base.AddDate(0, 0, r.IntN(150))
			c.start, c.end = s.Format("2006-01-02"), s.AddDate(0, 0, 10+r.IntN(60)).Format("2006-01-02")
		}
		w.campaigns = append(w.campaigns, c)
	}
	for i := 0; i < 300; i++ {
		s := sources[r.IntN(len(sources))]
		l := wLead{id: fmt.Sprintf("00QL%04d", i), created: iso(at(180)), source: s.source, origin: s.origin,
			owner: fmt.Sprintf("005U%d", r.IntN(4)), region: []string{"US", "DE", "FR", ""}[r.IntN(4)]}
		if r.IntN(10) == 0 {
			l.source, l.origin = "", ""
		}
		w.leads = append(w.leads, l)
		for _, c := range r.Perm(len(w.campaigns))[:r.IntN(4)] {
			w.touches = append(w.touches, wTouch{l.id, w.campaigns[c].id, iso(at(180))})
		}
		for k := r.IntN(3); k > 0; k-- {
			w.acts = append(w.acts, wAct{l.id, iso(at(180))})
		}
	}
	// MQL and SQL dates come from a stream of their own, so that the rest
	// of the world is the same whether or not a test writes them.
	rs := rand.New(rand.NewPCG(seed, 8))
	for i := range w.leads {
		l := &w.leads[i]
		created, _ := time.Parse(time.RFC3339, l.created)
		if rs.IntN(2) == 0 {
			mql := created.Add(time.Duration(rs.IntN(20*86400)) * time.Second)
			l.mql = iso(mql)
			if rs.IntN(2) == 0 {
				l.sql = iso(mql.Add(time.Duration(rs.IntN(20*86400)) * time.Second))
			}
		}
	}
	for i := 0; i < 60; i++ {
		created := at(150)
		o := wOpp{id: fmt.Sprintf("006O%03d", i), created: iso(created), owner: fmt.Sprintf("005U%d", r.IntN(4)), amount: float64(r.IntN(10000000)) / 100}
		switch r.IntN(3) {
		case 0:
			o.status = "open"
		case 1:
			o.status = "won"
		default:
			o.status = "lost"
		}
		if o.status != "open" {
			o.closed = created.AddDate(0, 0, r.IntN(40)).Format("2006-01-02")
		}
		if r.IntN(5) != 0 {
			o.lead = w.leads[r.IntN(len(w.leads))].id
		}
		w.opps = append(w.opps, o)
		for k := r.IntN(3); k > 0; k-- {
			w.contacts = append(w.contacts, [2]string{o.id, w.leads[r.IntN(len(w.leads))].id})
		}
	}
	return w
}

func csvLines(rows [][]string, sep string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(v, sep+"\"\n") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			b.WriteString(v)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func money(f float64) string { return fmt.Sprintf("%.2f", f) }

// writeCanonical writes w as the canonical files.
func (w *world) writeCanonical(t *testing.T, dir string) {
	files := map[string][][]string{
		"campaigns.csv":            {{"campaign_id", "name", "channel", "start_date", "end_date", "cost"}},
		"leads.csv":                {{"lead_id", "created_at", "origin", "source", "owner", "region"}},
		"touches.csv":              {{"lead_id", "campaign_id", "touched_at"}},
		"activities.csv":           {{"lead_id", "occurred_at"}},
		"opportunities.csv":        {{"opportunity_id", "created_at", "amount", "status", "closed_at", "lead_id", "owner"}},
		"opportunity_contacts.csv": {{"opportunity_id", "lead_id"}},
	}
	add := func(f string, r ...string) { files[f] = append(files[f], r) }
	for _, c := range w.campaigns {
		add("campaigns.csv", c.id, c.name, c.channel, c.start, c.end, money(c.cost))
	}
	if w.stages {
		files["leads.csv"][0] = append(files["leads.csv"][0], "mql_at", "sql_at")
	}
	for _, l := range w.leads {
		if w.stages {
			add("leads.csv", l.id, l.created, l.origin, l.source, l.owner, l.region, l.mql, l.sql)
		} else {
			add("leads.csv", l.id, l.created, l.origin, l.source, l.owner, l.region)
		}
	}
	for _, x := range w.touches {
		add("touches.csv", x.lead, x.campaign, x.at)
	}
	for _, a := range w.acts {
		add("activities.csv", a.lead, a.at)
	}
	for _, o := range w.opps {
		add("opportunities.csv", o.id, o.created, money(o.amount), o.status, o.closed, o.lead, o.owner)
	}
	for _, c := range w.contacts {
		add("opportunity_contacts.csv", c[0], c[1])
	}
	for name, rows := range files {
		write(t, filepath.Join(dir, name), csvLines(rows, ","))
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sfTime writes an ISO instant as Data Loader does: 2026-07-01T09:30:00.000+0000.
func sfTime(iso string) string { return strings.TrimSuffix(iso, "Z") + ".000+0000" }

// usTime writes an ISO instant as a report export does: 7/1/2026 9:30 AM
// (minutes only: the seconds are dropped, so it is used where the
// canonical value has none).
func usDate(day string) string {
	t, _ := time.Parse("2006-01-02", day)
	return t.Format("1/2/2006")
}

// writeSalesforce writes w as Salesforce exports. Every person on an
// opportunity is a converted lead whose contact (C + lead id) stands on the
// opportunity and its contact roles; half of their campaign members name
// the contact, so the merge of a lead and its contact is exercised.
// Campaign.csv is semicolon-delimited, amounts carry "$" and thousands
// separators, CloseDate is a US date.
func (w *world) writeSalesforce(t *testing.T, dir string) {
	onDeal := map[string]bool{}
	for _, o := range w.opps {
		if o.lead != "" {
			onDeal[o.lead] = true
		}
	}
	for _, c := range w.contacts {
		onDeal[c[1]] = true
	}
	contactOf := func(lead string) string {
		if onDeal[lead] {
			return "003" + lead
		}
		return lead
	}
	lead := [][]string{{"Id", "IsDeleted", "LastName", "Company", "LeadSource", "Status", "Country", "OwnerId", "IsConverted", "ConvertedContactId", "ConvertedOpportunityId", "CreatedDate"}}
	contact := [][]string{{"Id", "AccountId", "LastName", "LeadSource", "OwnerId", "CreatedDate"}}
	for _, l := range w.leads {
		conv, cid := "false", ""
		if onDeal[l.id] {
			conv, cid = "true", contactOf(l.id)
			contact = append(contact, []string{cid, "001A", "Doe", l.source, l.owner, sfTime(l.created)})
		}
		lead = append(lead, []string{l.id, "false", "Doe", "Acme, Inc.", l.source, "Open", l.region, l.owner, conv, cid, "", sfTime(l.created)})
	}
	campaign := [][]string{{"Id", "Name", "Type", "Status", "StartDate", "EndDate", "BudgetedCost", "ActualCost"}}
	for _, c := range w.campaigns {
		campaign = append(campaign, []string{c.id, c.name, strings.ToUpper(c.channel[:1]) + c.channel[1:], "Completed", c.start, c.end, "", "$" + commas(c.cost)})
	}
	member := [][]string{{"Id", "CampaignId", "LeadId", "ContactId", "Status", "HasResponded", "CreatedDate", "FirstRespondedDate"}}
	for i, x := range w.touches {
		leadID, contactID := x.lead, ""
		if onDeal[x.lead] && i%2 == 0 {
			leadID, contactID = "", contactOf(x.lead)
		}
		member = append(member, []string{fmt.Sprintf("00v%d", i), x.campaign, leadID, contactID, "Responded", "true", sfTime(x.at), x.at[:10]})
	}
	// Members who did not respond are not touches.
	member = append(member, []string{"00vX", w.campaigns[0].id, w.leads[0].id, "", "Sent", "false", sfTime(w.leads[0].created), ""})
	task := [][]string{{"Id", "WhoId", "Subject", "Status", "IsClosed", "ActivityDate", "CreatedDate", "CompletedDateTime", "OwnerId"}}
	for i, a := range w.acts {
		task = append(task, []string{fmt.Sprintf("00T%d", i), contactOf(a.lead), "Call", "Completed", "1", a.at[:10], sfTime(a.at), sfTime(a.at), "005U0"})
	}
	task = append(task, []string{"00TX", w.leads[1].id, "Call", "Not Started", "0", "", sfTime(w.leads[1].created), "", "005U0"})
	opp := [][]string{{"Id", "AccountId", "Name", "StageName", "Amount", "CloseDate", "IsClosed", "IsWon", "LeadSource", "OwnerId", "ContactId", "CreatedDate"}}
	for _, o := range w.opps {
		stage, closed, won, close := "Prospecting", "false", "false", ""
		switch o.status {
		case "won":
			stage, closed, won = "Closed Won", "true", "true"
		case "lost":
			stage, closed, won = "Closed Lost", "true", "false"
		}
		if o.closed != "" {
			close = usDate(o.closed)
		} else {
			close = "12/31/2026" // an open deal's expected close: not used
		}
		c := ""
		if o.lead != "" {
			c = contactOf(o.lead)
		}
		opp = append(opp, []string{o.id, "001A", "Deal " + o.id, stage, "$" + commas(o.amount), close, closed, won, "", o.owner, c, sfTime(o.created)})
	}
	ocr := [][]string{{"Id", "OpportunityId", "ContactId", "Role", "IsPrimary"}}
	for i, c := range w.contacts {
		ocr = append(ocr, []string{fmt.Sprintf("00K%d", i), c[0], contactOf(c[1]), "Decision Maker", "false"})
	}
	write(t, filepath.Join(dir, "Lead.csv"), "\ufeff"+csvLines(lead, ","))
	write(t, filepath.Join(dir, "Contact.csv"), csvLines(contact, ","))
	write(t, filepath.Join(dir, "Campaign.csv"), csvLines(campaign, ";"))
	write(t, filepath.Join(dir, "CampaignMember.csv"), csvLines(member, ","))
	write(t, filepath.Join(dir, "Task.csv"), csvLines(task, ","))
	write(t, filepath.Join(dir, "Opportunity.csv"), csvLines(opp, ","))
	write(t, filepath.Join(dir, "OpportunityContactRole.csv"), csvLines(ocr, "\t"))
}

// commas writes 1234567.5 as 1,234,567.50.
func commas(f float64) string {
	s := money(f)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String() + "." + frac
}

func analyze(t *testing.T, dir string, period string) *analysis.Report {
	t.Helper()
	return analyzeWith(t, dir, period, loader.DefaultOptions())
}

func analyzeWith(t *testing.T, dir string, period string, lo loader.Options) *analysis.Report {
	t.Helper()
	ds, err := loader.Load(dir, lo)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ds.Problems {
		t.Errorf("%s: %s", dir, p)
	}
	opts := analysis.DefaultOptions()
	p, err := analysis.ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	opts.Period = &p
	r, err := analysis.Analyze(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func jsonOf(t *testing.T, v any) string {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSalesforceRoundTrip: the same world written as canonical files and as
// Salesforce exports gives the same totals, campaign rows and attribution.
// Sections that need mql_at/sql_at are equal too: neither form has them.
func TestSalesforceRoundTrip(t *testing.T) {
	w := newWorld(1)
	canon, sf := t.TempDir(), t.TempDir()
	w.writeCanonical(t, canon)
	w.writeSalesforce(t, sf)
	for _, period := range []string{"2026-Q2", "2026-Q3"} {
		a, b := analyze(t, canon, period), analyze(t, sf, period)
		if jsonOf(t, a.Totals.Won) == "0" || len(a.Campaigns) == 0 {
			t.Fatalf("%s: the world is too empty to compare: %+v", period, a.Totals)
		}
		for _, sec := range []struct {
			name string
			a, b any
		}{
			{"totals", a.Totals, b.Totals},
			{"campaigns", a.Campaigns, b.Campaigns},
			{"attribution", a.Attribution, b.Attribution},
		} {
			if ja, jb := jsonOf(t, sec.a), jsonOf(t, sec.b); ja != jb {
				t.Errorf("%s %s differ:\ncanonical:  %s\nsalesforce: %s", period, sec.name, ja, jb)
			}
		}
	}
	ds, err := loader.Load(sf, loader.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Campaign.csv: Salesforce Campaign (semicolon-delimited, UTF-8)",
		"Lead.csv: Salesforce Lead (comma-delimited, UTF-8 with BOM)",
		"Contact.csv: Salesforce Contact (comma-delimited, UTF-8)",
		"CampaignMember.csv: Salesforce CampaignMember (comma-delimited, UTF-8)",
		"Task.csv: Salesforce Task (comma-delimited, UTF-8)",
		"Opportunity.csv: Salesforce Opportunity (comma-delimited, UTF-8)",
		"OpportunityContactRole.csv: Salesforce OpportunityContactRole (tab-delimited, UTF-8)",
	}
	if got := strings.Join(ds.Detected, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("detected:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	notes := strings.Join(ds.Notes, "\n")
	for _, n := range []string{"contacts are converted leads", "Salesforce: 1 campaign member has not responded and is not a touch (--all-members counts it).", "Salesforce: 1 task is not completed and is not a follow-up.", "CloseDate is a date without a time"} {
		if !strings.Contains(notes, n) {
			t.Errorf("notes lack %q:\n%s", n, notes)
		}
	}
}
