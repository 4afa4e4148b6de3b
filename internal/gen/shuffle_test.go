package gen

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestShuffleRows: the header stays first, every row is kept whole (a
// quoted newline included), and the order changes, the same for a seed.
func TestShuffleRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,note\n")
	var want []string
	for i := range 50 {
		row := appendID(nil, "L", i, 3)
		if i == 7 {
			row = append(row, ",\"two\nlines\"\n"...)
		} else {
			row = append(row, ",x\n"...)
		}
		want = append(want, string(row))
		b.Write(row)
	}
	dir := t.TempDir()
	read := func(seed uint64) []string {
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := shuffleRows(path, seed); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		s := string(data)
		if !strings.HasPrefix(s, "id,note\n") {
			t.Fatalf("header moved: %q", s[:20])
		}
		var rows []string
		for _, r := range strings.SplitAfter(strings.Replace(s[len("id,note\n"):], "\"two\nlines\"", "\"two\x00lines\"", 1), "\n") {
			if r != "" {
				rows = append(rows, strings.Replace(r, "\x00", "\n", 1))
			}
		}
		return rows
	}
	got := read(1)
	if slices.Equal(got, want) {
		t.Error("rows not shuffled")
	}
	if !slices.Equal(read(1), got) {
		t.Error("the same seed gave another order")
	}
	slices.Sort(got)
	sorted := slices.Clone(want)
	slices.Sort(sorted)
	if !slices.Equal(got, sorted) {
		t.Errorf("rows changed:\n%q\nwant\n%q", got, sorted)
	}
}
