package loader

import "testing"

// TestInputRowsCountLeftOut: a file's Input.Rows is every data row of the
// file (SPEC 11: rows counted in inputs include bad ones), also the rows an
// adapter leaves out as no record of its kind: a campaign member that has
// not responded, a task not completed, a contact that is a converted lead.
func TestInputRowsCountLeftOut(t *testing.T) {
	opts := DefaultOptions()
	opts.MaxBadRows = 5
	ds, err := Load("testdata/salesforce", opts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"Campaign.csv":       2,
		"Lead.csv":           4,
		"Contact.csv":        2, // 1 a converted lead, left out
		"CampaignMember.csv": 4, // 1 not responded, 1 bad
		"Task.csv":           3, // 1 not completed
		"Opportunity.csv":    3, // 1 bad
	}
	got := map[string]int{}
	for _, in := range ds.Inputs {
		got[in.File] = in.Rows
	}
	for f, n := range want {
		if got[f] != n {
			t.Errorf("%s: rows = %d, want %d (inputs %+v)", f, got[f], n, ds.Inputs)
		}
	}
}
