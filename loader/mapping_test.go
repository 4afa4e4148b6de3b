package loader

import (
	"path/filepath"
	"testing"
)

// TestMapping: a mapping names a custom MQL column of a Salesforce Lead
// export, maps a lead source to an origin, fixes a canonical file's channel
// and reads a custom date format.
func TestMapping(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"Lead.csv": "Id,Company,IsConverted,LeadSource,CreatedDate,MQL_Date__c\n" +
			"00Q1,Acme,false,Online Form,2026-07-01T09:00:00.000+0000,2026-07-02\n" +
			"00Q2,Acme,false,Word of mouth,2026-07-01T09:00:00.000+0000,03.07.2026 10:30\n",
		"campaigns.csv": "campaign_id,name\nC1,Launch\n",
		"mapping.yaml": "files:\n" +
			"  lead.csv:\n" +
			"    columns: {mql_at: MQL_Date__c}\n" +
			"    values:\n      origin: {word of mouth: partner}\n" +
			"    date_formats: {mql_at: \"02.01.2006 15:04\"}\n" +
			"  campaigns.*:\n    fixed: {channel: email}\n",
	})
	m, err := ReadMapping(filepath.Join(dir, "mapping.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.Mapping = m
	ds, err := Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) > 0 {
		t.Fatalf("problems: %v", ds.Problems)
	}
	// 2026-07-02 is day 20636 since 1970-01-01; 03.07.2026 10:30 is 20637 days + 10.5 h.
	const day = 86400 * 1e6
	if ds.Leads[0].MQLAt != 20636*day || ds.Leads[1].MQLAt != 20637*day+10*3600e6+30*60e6 {
		t.Errorf("mql_at = %d, %d", ds.Leads[0].MQLAt, ds.Leads[1].MQLAt)
	}
	if ds.Leads[0].Origin != OriginMarketing || ds.Leads[1].Origin != OriginPartner {
		t.Errorf("origins = %v, %v", ds.Leads[0].Origin, ds.Leads[1].Origin)
	}
	if !ds.HasColumn["leads.csv.mql_at"] {
		t.Error("HasColumn lacks leads.csv.mql_at")
	}
	if ds.Campaigns[0].Channel != "email" {
		t.Errorf("channel = %q", ds.Campaigns[0].Channel)
	}
	if _, err := ReadMapping(writeFiles(t, map[string]string{"m.yaml": "files:\n  a.csv:\n    colums: {}\n"}) + "/m.yaml"); err == nil {
		t.Error("a misspelt key was accepted")
	}
}
