package main

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/campaignretro/retro/templates"
)

// TestJSONAsEncodingJSON checks that report.json, written in one pass, holds
// the bytes encoding/json's Encoder writes with SetIndent("", "  ") on every
// corpus of the repository (hostile text, paths, a report missing sections).
func TestJSONAsEncodingJSON(t *testing.T) {
	for _, args := range [][]string{
		{"sample-data"},
		{"--period", "2026-Q3", "--max-bad-rows", "50%", "testdata/small"},
		{"--period", "2026-Q3", "--max-bad-rows", "50%", "--notes", "testdata/hostile/notes.md", "--mapping", "testdata/hostile/mapping.yaml", "testdata/hostile"},
		{"--max-bad-rows", "50%", "testdata/paths"},
		{"--max-bad-rows", "50%", "testdata/opportunities-only"},
	} {
		t.Run(args[len(args)-1], func(t *testing.T) {
			c, err := parseArgs(append([]string{"-q"}, args...), io.Discard, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := c.loadData(io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			r, err := c.analyse(ds, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
			got, err := templates.JSON(r)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				i := 0
				for i < len(got) && i < len(want.Bytes()) && got[i] == want.Bytes()[i] {
					i++
				}
				lo := max(0, i-200)
				t.Errorf("differs from encoding/json at byte %d of %d (want %d):\ngot  %q\nwant %q", i, len(got), want.Len(), got[lo:min(len(got), i+100)], want.Bytes()[lo:min(want.Len(), i+100)])
			}
		})
	}
}
