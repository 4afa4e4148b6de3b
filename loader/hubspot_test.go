package loader

import (
	"strings"
	"testing"
	"time"
)

// TestHubSpotFixture loads testdata/hubspot: a contacts and a deals export
// with HubSpot's own header spellings (written for this project).
func TestHubSpotFixture(t *testing.T) {
	opts := DefaultOptions()
	opts.MaxBadRows = 5
	ds, err := Load("testdata/hubspot", opts)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, p := range ds.Problems {
		problems = append(problems, p.String())
	}
	// Deal 504 has no amount: a bad row, named by the export's column.
	if len(problems) != 1 || !strings.HasPrefix(problems[0], "hubspot-crm-exports-all-deals-2026-10-01.csv:5: Amount: missing required value") {
		t.Errorf("problems: %v", problems)
	}
	if got := strings.Join(ds.People.Names, " "); got != "101 102 103 104" {
		t.Errorf("people = %s", got)
	}
	at := func(s string) Time { tm, _ := time.Parse("2006-01-02 15:04", s); return tm.UnixMicro() }
	ada, ben, cy, di := ds.Leads[0], ds.Leads[1], ds.Leads[2], ds.Leads[3]
	if ada.CreatedAt != at("2026-07-01 09:15") || ada.MQLAt != at("2026-07-02 10:00") || ada.SQLAt != at("2026-07-05 11:30") || ada.Origin != OriginMarketing {
		t.Errorf("contact 101: %+v", ada)
	}
	if ben.Origin != OriginMarketing || ds.Labels.Names[ben.Region] != "Germany" || ds.Labels.Names[ben.Owner] != "Greg Paulson" {
		t.Errorf("contact 102 (PAID_SEARCH): %+v", ben)
	}
	if cy.Origin != OriginOther || cy.MQLAt != NoTime {
		t.Errorf("contact 103 (Offline Sources): %+v", cy)
	}
	if di.MQLAt != at("2026-08-02 09:00") {
		t.Errorf("contact 104's US-style MQL date: %v", di.MQLAt)
	}
	if len(ds.Opportunities) != 3 {
		t.Fatalf("%d deals, want 3", len(ds.Opportunities))
	}
	won, lost, open := ds.Opportunities[0], ds.Opportunities[1], ds.Opportunities[2]
	if won.Status != Won || won.Amount != 12500 || won.ClosedAt != at("2026-08-20 00:00") || lost.Status != Lost || open.Status != Open || open.ClosedAt != NoTime {
		t.Errorf("deal statuses: %+v %+v %+v", won, lost, open)
	}
	// Deal 501 lists contacts 101 and 102: both are its people.
	if got := ds.PeopleOf(0); len(got) != 2 || ds.People.Names[got[0]] != "101" || ds.People.Names[got[1]] != "102" {
		t.Errorf("people of deal 501 = %v", got)
	}
	if len(ds.Coverage) == 0 || len(ds.Detected) != 2 || !strings.Contains(strings.Join(ds.Detected, "\n"), "HubSpot deals") {
		t.Errorf("detected %v, coverage %v", ds.Detected, ds.Coverage)
	}
}
