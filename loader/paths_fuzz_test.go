package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzPathFile reads any text as a path file: the load either fails with a
// message or gives rows whose steps are non-empty, lower-cased channels and
// whose counts and values are 0 or more, every other row counted as bad.
func FuzzPathFile(f *testing.F) {
	for _, s := range []string{
		"path;total_conversions;total_conversion_value;total_null\na > b;1;2.5;3\n",
		"path,total_conversions\nA>B>a,2\n,1\na > > b,1\n",
		"Path,Total_Conversions,total_null\nx,1.5,2\ny,-1,x\n\"q > \"\"r\"\"\",1,0\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "p.csv"), body, 0o644); err != nil {
			t.Fatal(err)
		}
		opts := DefaultOptions()
		opts.MaxBadFraction = 1
		ds, err := Load(dir, opts)
		if err != nil {
			var tm *TooManyBadRowsError
			if errors.As(err, &tm) || err.Error() == "" {
				t.Fatalf("error %v", err)
			}
			return
		}
		if ds.Paths == nil {
			return // not a path file
		}
		for _, r := range ds.Paths.Rows {
			if len(r.Steps) == 0 || r.Conversions < 0 || r.Null < 0 || !(r.Value >= 0) || (r.Value > 0 && r.Conversions == 0) {
				t.Fatalf("row %+v", r)
			}
			for _, c := range r.Steps {
				name := ds.Paths.Channels.Names[c]
				if name == "" || name != strings.ToLower(strings.TrimSpace(name)) || strings.Contains(name, ">") {
					t.Fatalf("channel %q", name)
				}
			}
		}
		if in := ds.Inputs[0]; in.Rows != len(ds.Paths.Rows)+in.Skipped {
			t.Fatalf("input %+v, %d rows kept", in, len(ds.Paths.Rows))
		}
	})
}
