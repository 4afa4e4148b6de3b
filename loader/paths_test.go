package loader

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestPathFile reads a path file with every kind of row: spaces around
// ">" or none, upper-case steps, a comma delimiter, and bad rows.
func TestPathFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"paths.csv": "Path,Total_Conversions,total_conversion_value,total_null\n" +
			"Email > Webinar,2,300.5,4\n" + // line 2
			"webinar>EMAIL>  email ,1,10,0\n" + // 3: spaces optional, lower-cased
			"paid_search,0,0,7\n" + // 4: null journeys only
			",1,5,0\n" + // 5: no path: skipped
			"email > > webinar,1,5,0\n" + // 6: empty step: skipped
			"email,1.5,5,0\n" + // 7: not a count: skipped
			"email,-1,5,0\n" + // 8: negative: skipped
			"email,0,5,0\n" + // 9: value with no conversion: skipped
			"email,1,abc,x\n" + // 10: both optional values blanked, row kept
			"email,1,-5,0\n", // 11: negative value: skipped
		"leads.csv": "lead_id,created_at\nL1,2026-01-01\n", // not read beside a path file
	})
	ds, err := Load(dir, lenient())
	if err != nil {
		t.Fatal(err)
	}
	pf := ds.Paths
	if pf == nil || pf.File != "paths.csv" || !pf.HasValue || !pf.HasNull {
		t.Fatalf("path file %+v", pf)
	}
	if ds.Files.Leads || len(ds.Leads) != 0 {
		t.Errorf("leads.csv was read beside a path file")
	}
	if want := []string{"email", "webinar", "paid_search"}; !slices.Equal(pf.Channels.Names, want) {
		t.Errorf("channels %v, want %v", pf.Channels.Names, want)
	}
	want := []PathRow{
		{Steps: []ID{0, 1}, Conversions: 2, Value: 300.5, Null: 4},
		{Steps: []ID{1, 0, 0}, Conversions: 1, Value: 10},
		{Steps: []ID{2}, Null: 7},
		{Steps: []ID{0}, Conversions: 1},
	}
	if len(pf.Rows) != len(want) {
		t.Fatalf("rows %+v, want %+v", pf.Rows, want)
	}
	for i, r := range pf.Rows {
		w := want[i]
		if !slices.Equal(r.Steps, w.Steps) || r.Conversions != w.Conversions || r.Value != w.Value || r.Null != w.Null {
			t.Errorf("row %d: %+v, want %+v", i, r, w)
		}
	}
	var got []string
	for _, p := range ds.Problems {
		got = append(got, p.String())
	}
	wantProblems := []string{
		"paths.csv:5: path: missing required value",
		"paths.csv:6: path: \"email > > webinar\" has an empty step",
		"paths.csv:7: total_conversions: \"1.5\" is not a count",
		"paths.csv:8: total_conversions: \"-1\" is not a count",
		"paths.csv:9: total_conversion_value: 5 with no conversion",
		"paths.csv:10: total_conversion_value: \"abc\" is not a number; the value is ignored",
		"paths.csv:10: total_null: \"x\" is not a count",
		"paths.csv:11: total_conversion_value: \"-5\" is negative",
	}
	if len(got) != len(wantProblems) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i, w := range wantProblems {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d = %q, want %q...", i, got[i], w)
		}
	}
	if in := ds.Inputs[0]; in.File != "paths.csv" || in.Rows != 10 || in.Skipped != 6 || in.Blanked != 2 {
		t.Errorf("input %+v, want 10 rows, 6 skipped, 2 blanked", in)
	}
}

// TestPathFileSemicolonNoValue reads a ;-delimited file without the
// optional columns.
func TestPathFileSemicolonNoValue(t *testing.T) {
	ds, err := Load(writeFiles(t, map[string]string{"Data.csv": "path;total_conversions\na > b;3\nb;1\n"}), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if pf := ds.Paths; pf == nil || pf.HasValue || pf.HasNull || len(pf.Rows) != 2 || pf.Rows[0].Conversions != 3 {
		t.Fatalf("path file %+v", pf)
	}
}

// TestPathFileTooManyBadRows: the --max-bad-rows limit applies.
func TestPathFileTooManyBadRows(t *testing.T) {
	_, err := Load(writeFiles(t, map[string]string{"p.csv": "path,total_conversions\na,x\nb,1\n"}), DefaultOptions())
	var tm *TooManyBadRowsError
	if !errors.As(err, &tm) || tm.File != "p.csv" {
		t.Fatalf("err = %v", err)
	}
}

// TestWideJourneys reads a file of one journey per row, a step per column,
// whose rows all end with a conversion marker, as a path file: the marker
// left out, identical journeys one row; the error for such a file (as
// mapping --print words it without a marker) names the command that turns
// it into a path file.
func TestWideJourneys(t *testing.T) {
	ds, err := Load(writeFiles(t, map[string]string{
		"journeys.csv": "S.01,S.02,S.03,S.04,Output\r\n3,1,9,,\r\n2,9,,,\r\n4,4,1,9,\r\n3, 1 ,9,,\r\n",
	}), DefaultOptions())
	if err != nil || ds.Paths == nil {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, r := range ds.Paths.Rows {
		var steps []string
		for _, c := range r.Steps {
			steps = append(steps, ds.Paths.Channels.Names[c])
		}
		got = append(got, fmt.Sprintf("%s x%d", strings.Join(steps, ">"), r.Conversions))
	}
	if want := []string{"3>1 x2", "2 x1", "4>4>1 x1"}; !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if len(ds.Notes) != 1 || !strings.Contains(ds.Notes[0], `step "9", which ends every row, is taken as the conversion marker`) {
		t.Errorf("notes %q", ds.Notes)
	}
	if len(ds.Inputs) != 1 || ds.Inputs[0].Rows != 4 {
		t.Errorf("inputs %+v", ds.Inputs)
	}
	we := &WideJourneyError{File: "journeys.csv", Columns: []string{"S.01", "S.02", "S.03", "S.04"}, Rows: 3, Marker: "9"}
	msg := we.Error()
	for _, want := range []string{"one journey per row", "S.01 … S.04", `ends with step "9"`, "path,total_conversions", `$i!="9"`, "i<=4"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	// Rows that end differently: no marker.
	_, err = Load(writeFiles(t, map[string]string{"j.csv": "step1,step2,step3\na,b,\nb,c,d\n"}), DefaultOptions())
	if !errors.As(err, &we) || we.Marker != "" || strings.Contains(err.Error(), "marker") {
		t.Errorf("err = %v", err)
	}
	// Two numbered columns are not enough.
	_, err = Load(writeFiles(t, map[string]string{"j.csv": "step1,step2\na,b\n"}), DefaultOptions())
	if errors.As(err, &we) {
		t.Errorf("two columns taken for journeys: %v", err)
	}
}

// TestPrintMappingPaths: retro mapping --print says what a path file and a
// one-step-per-column file are, as retro does.
func TestPrintMappingPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"Data.csv":     "path;total_conversions\na > b;1\n",
		"journeys.csv": "S1,S2,S3\na,b,x\nb,x,\n",
	})
	var b strings.Builder
	if err := PrintMapping(&b, dir, DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Data.csv: an aggregated path file", "# journeys.csv: journeys, one per row", `conversion marker "x": read as they are`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("mapping lacks %q:\n%s", want, b.String())
		}
	}
}
