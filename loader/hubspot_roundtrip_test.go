package loader_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/campaignretro/retro/loader"
)

// primaryFirst makes the first contact of an opportunity without a
// primary person its primary person, as a HubSpot deal's first associated
// contact is: a HubSpot export cannot say "contacts, but no primary".
func (w *world) primaryFirst() {
	for i := range w.opps {
		o := &w.opps[i]
		if o.lead != "" {
			continue
		}
		for j, c := range w.contacts {
			if c[0] == o.id {
				o.lead = c[1]
				w.contacts = append(w.contacts[:j:j], w.contacts[j+1:]...)
				break
			}
		}
	}
}

// hubSource writes a lead's origin as a HubSpot Original Source and its
// drill-down. HubSpot has no partner source: the test's mapping says that
// this portal's referrals are partners.
func hubSource(l wLead, i int) (source, detail string) {
	switch l.origin {
	case "marketing":
		return []string{"Organic Search", "Paid Search", "Email Marketing", "Direct Traffic"}[i%4], ""
	case "sales":
		return "Offline Sources", "CRM_UI"
	case "partner":
		return "Referrals", ""
	case "other":
		return "Offline Sources", "IMPORT"
	}
	return "", ""
}

// hubMapping is the mapping the HubSpot round trip needs: only for the
// partner origin, which HubSpot's Original Source cannot say.
const hubMapping = "files:\n  contacts.*:\n    values:\n      origin: {Referrals: partner}\n"

// hubTime writes an ISO instant as a HubSpot export does, in the portal's
// time zone without an offset: 2026-07-01 09:30:05.
func hubTime(iso string) string {
	if iso == "" {
		return ""
	}
	t, _ := time.Parse(time.RFC3339, iso)
	return t.Format("2006-01-02 15:04:05")
}

// writeHubSpot writes w's leads, opportunities and opportunity contacts as
// a HubSpot contacts export (comma-delimited, with a BOM, CRLF; or an XLSX
// workbook whose dates are spreadsheet dates) and a deals export
// (semicolon-delimited), the contacts of each deal in its Associated
// Contact IDs, the primary person first.
func (w *world) writeHubSpot(t *testing.T, dir string, xlsx bool) {
	contacts := [][]string{{"Record ID", "First Name", "Last Name", "Email", "Contact owner", "Create Date", "Lifecycle Stage",
		"Became a Marketing Qualified Lead Date", "Became a Sales Qualified Lead Date", "Original Source", "Original Source Drill-Down 1", "Country/Region"}}
	for i, l := range w.leads {
		stage := "Lead"
		switch {
		case l.sql != "":
			stage = "Sales Qualified Lead"
		case l.mql != "":
			stage = "Marketing Qualified Lead"
		}
		source, detail := hubSource(l, i)
		contacts = append(contacts, []string{l.id, "Jo", "Doe", "jo" + l.id + "@example.com", l.owner, hubTime(l.created), stage,
			hubTime(l.mql), hubTime(l.sql), source, detail, l.region})
	}
	deals := [][]string{{"Record ID", "Deal Name", "Deal Stage", "Pipeline", "Amount", "Close Date", "Create Date", "Deal owner", "Is Closed Won", "Associated Contact IDs"}}
	for _, o := range w.opps {
		var ids []string
		if o.lead != "" {
			ids = append(ids, o.lead)
		}
		for _, c := range w.contacts {
			if c[0] == o.id && !contains(ids, c[1]) {
				ids = append(ids, c[1])
			}
		}
		stage, won, closed := "Appointment Scheduled", "false", "2026-12-31 00:00" // an open deal's expected close: not used
		switch o.status {
		case "won":
			stage, won, closed = "Closed Won", "true", o.closed+" 00:00"
		case "lost":
			stage, closed = "Closed Lost", o.closed+" 00:00"
		}
		deals = append(deals, []string{o.id, "Deal " + o.id, stage, "Sales Pipeline", money(o.amount), closed, hubTime(o.created), o.owner, won, strings.Join(ids, ";")})
	}
	if xlsx {
		writeDatedXLSX(t, filepath.Join(dir, "contacts.xlsx"), contacts, 5, 7, 8)
	} else {
		write(t, filepath.Join(dir, "contacts.csv"), "\ufeff"+csvLines(contacts, ","))
	}
	write(t, filepath.Join(dir, "deals.csv"), csvLines(deals, ";"))
}

// writeDatedXLSX writes rows as the first sheet of a workbook; the
// non-empty cells of the date columns are spreadsheet dates shown as
// "yyyy-mm-dd hh:mm:ss".
func writeDatedXLSX(t *testing.T, path string, rows [][]string, dateCols ...int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	layout := "yyyy-mm-dd hh:mm:ss"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &layout})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if r > 0 && slices.Contains(dateCols, c) && v != "" {
				tm, err := time.Parse("2006-01-02 15:04:05", v)
				if err != nil {
					t.Fatal(err)
				}
				// A spreadsheet date counts days from 1899-12-30.
				f.SetCellFloat("Sheet1", cell, float64(tm.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)))/float64(24*time.Hour), -1, 64)
				f.SetCellStyle("Sheet1", cell, cell, style)
				continue
			}
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestHubSpotRoundTrip: the same world written as canonical files and as
// HubSpot exports gives the same report sections. HubSpot contacts and
// deals feed leads, opportunities and their contacts; a second pair of
// folders adds the canonical campaigns, touches and activities to both,
// the way a user adds the files HubSpot cannot give, and has the contacts
// as an XLSX workbook.
func TestHubSpotRoundTrip(t *testing.T) {
	w := newWorld(3)
	w.stages = true
	w.primaryFirst()
	mapping := filepath.Join(t.TempDir(), "mapping.yaml")
	write(t, mapping, hubMapping)
	m, err := loader.ReadMapping(mapping)
	if err != nil {
		t.Fatal(err)
	}
	opts := loader.DefaultOptions()
	opts.Mapping = m

	full, mixed := t.TempDir(), t.TempDir()
	w.writeCanonical(t, full)
	w.writeHubSpot(t, mixed, true)
	for _, f := range []string{"campaigns.csv", "touches.csv", "activities.csv"} {
		b, err := os.ReadFile(filepath.Join(full, f))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(mixed, f), string(b))
	}
	bare, hub := t.TempDir(), t.TempDir()
	w.writeCanonical(t, bare)
	for _, f := range []string{"campaigns.csv", "touches.csv", "activities.csv"} {
		os.Remove(filepath.Join(bare, f))
	}
	w.writeHubSpot(t, hub, false)

	for _, pair := range []struct{ name, canon, hub string }{{"with touches", full, mixed}, {"HubSpot files only", bare, hub}} {
		for _, period := range []string{"2026-Q2", "2026-Q3"} {
			a, b := analyze(t, pair.canon, period), analyzeWith(t, pair.hub, period, opts)
			if *a.Totals.MQLs == 0 || *a.Totals.SQLs == 0 || *a.Totals.Won == 0 {
				t.Fatalf("%s: the world is too empty to compare: %+v", period, a.Totals)
			}
			for _, sec := range []struct {
				name string
				a, b any
			}{
				{"totals", a.Totals, b.Totals},
				{"campaigns", a.Campaigns, b.Campaigns},
				{"attribution", a.Attribution, b.Attribution},
				{"missing sections", a.Missing, b.Missing},
			} {
				if ja, jb := jsonOf(t, sec.a), jsonOf(t, sec.b); ja != jb {
					t.Errorf("%s, %s: %s differ:\ncanonical: %s\nhubspot:   %s", pair.name, period, sec.name, ja, jb)
				}
			}
		}
	}

	// Every person and deal reads the same, origins included.
	a, err := loader.Load(bare, loader.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	opts.Preset = "hubspot"
	b, err := loader.Load(hub, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(b.People.Names), fmt.Sprint(a.People.Names); got != want {
		t.Fatalf("people differ")
	}
	for p := range a.Leads {
		x, y := a.Leads[p], b.Leads[p]
		if x.CreatedAt != y.CreatedAt || x.MQLAt != y.MQLAt || x.SQLAt != y.SQLAt || x.Origin != y.Origin ||
			a.Labels.Names[x.Region] != b.Labels.Names[y.Region] || a.Labels.Names[x.Owner] != b.Labels.Names[y.Owner] {
			t.Errorf("lead %s: canonical %+v, hubspot %+v", a.People.Names[p], x, y)
		}
	}
	if len(a.Opportunities) != len(b.Opportunities) {
		t.Fatalf("%d opportunities, hubspot %d", len(a.Opportunities), len(b.Opportunities))
	}
	for o := range a.Opportunities {
		x, y := a.Opportunities[o], b.Opportunities[o]
		if x.CreatedAt != y.CreatedAt || x.ClosedAt != y.ClosedAt || x.Amount != y.Amount || x.Status != y.Status || x.Lead != y.Lead ||
			fmt.Sprint(a.PeopleOf(o)) != fmt.Sprint(b.PeopleOf(o)) {
			t.Errorf("opportunity %s: canonical %+v %v, hubspot %+v %v", a.OpportunityIDs.Names[o], x, a.PeopleOf(o), y, b.PeopleOf(o))
		}
	}
	want := []string{
		"contacts.csv: HubSpot contacts (comma-delimited, UTF-8 with BOM)",
		"deals.csv: HubSpot deals, and its Associated Contact IDs as opportunity contacts (semicolon-delimited, UTF-8)",
	}
	if got := strings.Join(b.Detected, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("detected:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if len(b.Coverage) == 0 || !strings.HasPrefix(b.Coverage[0], "totals: leads created, MQLs and SQLs from contacts.csv") {
		t.Errorf("coverage = %q", b.Coverage)
	}
}
