package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// report runs retro on testdata/small into out with extra args.
func report(t *testing.T, out string, args ...string) error {
	t.Helper()
	return run(append([]string{"-q", "--max-bad-rows", "50%", "--out", out}, append(args, "testdata/small")...), &bytes.Buffer{}, &bytes.Buffer{})
}

// tree lists every file under dir with its contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// siblings lists the entries beside out other than out itself.
func siblings(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(out) {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestOutputFailureKeepsPrevious: a write error half-way through, or a
// failed rename between the two of the swap, leaves the previous report
// whole (every file as it was, none of the new run's) and no temporary
// folder behind.
func TestOutputFailureKeepsPrevious(t *testing.T) {
	boom := errors.New("injected failure")
	cases := map[string]func(){
		"write error on the third file": func() {
			n := 0
			writeFile = func(name string, data []byte, perm os.FileMode) error {
				if n++; n == 3 {
					return boom
				}
				return os.WriteFile(name, data, perm)
			}
		},
		"the exchange fails": func() {
			exchange = func(string, string) error { return boom }
		},
		"second rename fails": func() {
			exchange = func(string, string) error { return errNoExchange }
			n := 0
			rename = func(from, to string) error {
				if n++; n == 2 {
					return boom
				}
				return os.Rename(from, to)
			}
		},
		"first rename fails": func() {
			exchange = func(string, string) error { return errNoExchange }
			rename = func(string, string) error { return boom }
		},
	}
	for name, inject := range cases {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if err := report(t, out, "--period", "2026-Q3"); err != nil {
				t.Fatal(err)
			}
			before := tree(t, out)
			inject()
			defer func() { rename, writeFile, exchange = os.Rename, os.WriteFile, exchangeDirs }()
			if err := report(t, out, "--period", "2026-Q2"); !errors.Is(err, boom) {
				t.Fatalf("want the injected failure, got %v", err)
			}
			if after := tree(t, out); !mapsEqual(before, after) {
				t.Errorf("the previous report changed: %d files before, %d after", len(before), len(after))
			}
			if s := siblings(t, out); len(s) != 0 {
				t.Errorf("left behind: %v", s)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestOutputIsOneSet: after a run, out holds exactly that run's files: a
// table an earlier run wrote and this one does not is gone, and so are the
// formats not asked for.
func TestOutputIsOneSet(t *testing.T) {
	t.Run("exchange", testOutputIsOneSet)
	t.Run("two renames", func(t *testing.T) {
		exchange = func(string, string) error { return errNoExchange }
		defer func() { exchange = exchangeDirs }()
		testOutputIsOneSet(t)
	})
}

func testOutputIsOneSet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if err := report(t, out, "--period", "2026-Q3"); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "tables", "change-from-the-previous-period-1.csv")
	if err := os.WriteFile(stale, []byte("a,b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := report(t, out, "--period", "2026-Q2"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a table of the earlier run is still there")
	}
	second := tree(t, out)
	fresh := filepath.Join(t.TempDir(), "fresh")
	if err := report(t, fresh, "--period", "2026-Q2"); err != nil {
		t.Fatal(err)
	}
	if !mapsEqual(second, tree(t, fresh)) {
		t.Error("a run over an earlier report differs from a run into a new folder")
	}
	if err := report(t, out, "--period", "2026-Q2", "--format", "json"); err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range tree(t, out) {
		names = append(names, name)
	}
	if !slices.Equal(names, []string{"report.json"}) {
		t.Errorf("--format json left %v", names)
	}
}

// TestOutputLeftovers: folders left by a run killed half-way are cleaned up
// by the next run; when it was killed between the two renames (out
// missing), the previous report is put back first.
func TestOutputLeftovers(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := report(t, out, "--period", "2026-Q3"); err != nil {
		t.Fatal(err)
	}
	previous := tree(t, out)
	// Killed between the renames: out moved aside, the new set not yet in.
	if err := os.Rename(out, out+".retro-old-123"); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(out+".retro-tmp-456", "tables"), 0o755)
	os.WriteFile(filepath.Join(out+".retro-tmp-456", "report.html"), []byte("half"), 0o644)
	os.Mkdir(filepath.Join(parent, "out.retro-tmp-other"), 0o755) // not ours: kept
	if err := recoverLeftovers(parent, "out", out); err != nil {
		t.Fatal(err)
	}
	if !mapsEqual(previous, tree(t, out)) {
		t.Error("the previous report was not put back")
	}
	if s := siblings(t, out); !slices.Equal(s, []string{"out.retro-tmp-other"}) {
		t.Errorf("after recovery: %v", s)
	}
	// A full run removes a leftover and writes its own report.
	os.MkdirAll(out+".retro-tmp-789", 0o755)
	if err := report(t, out, "--period", "2026-Q2"); err != nil {
		t.Fatal(err)
	}
	if s := siblings(t, out); !slices.Equal(s, []string{"out.retro-tmp-other"}) {
		t.Errorf("after a run: %v", s)
	}
}

// TestOutputRefusesForeignFiles: an --out folder holding files a run does
// not write is refused, and left as it was.
func TestOutputRefusesForeignFiles(t *testing.T) {
	for name, file := range map[string]string{"top": "notes.txt", "in tables": "tables/budget.xlsx"} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if err := report(t, out, "--period", "2026-Q3"); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(out, file), []byte("mine"), 0o644)
			before := tree(t, out)
			err := report(t, out, "--period", "2026-Q2")
			if err == nil || !strings.Contains(err.Error(), filepath.Base(file)) {
				t.Fatalf("want a refusal naming %s, got %v", file, err)
			}
			if !mapsEqual(before, tree(t, out)) {
				t.Error("the folder changed")
			}
		})
	}
	// A symbolic link to the output folder stays a link to the new report.
	dir := t.TempDir()
	real, link := filepath.Join(dir, "real"), filepath.Join(dir, "link")
	os.Mkdir(real, 0o755)
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	if err := report(t, link, "--period", "2026-Q3", "--format", "json"); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if _, err := os.Stat(filepath.Join(real, "report.json")); err != nil {
		t.Error(err)
	}
}

// TestOutputExchange: where the system swaps two folders in one step, a run
// over an earlier report renames nothing, so no kill can leave out missing.
func TestOutputExchange(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(a, "x"), nil, 0o644)
	if err := exchangeDirs(a, b); errors.Is(err, errNoExchange) {
		t.Skip("no atomic exchange on this system")
	} else if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(b, "x")); err != nil {
		t.Fatalf("the folders were not swapped: %v", err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := report(t, out, "--period", "2026-Q3"); err != nil {
		t.Fatal(err)
	}
	rename = func(string, string) error { return errors.New("rename called") }
	defer func() { rename = os.Rename }()
	if err := report(t, out, "--period", "2026-Q2"); err != nil {
		t.Fatal(err)
	}
	if s := siblings(t, out); len(s) != 0 {
		t.Errorf("left behind: %v", s)
	}
}
