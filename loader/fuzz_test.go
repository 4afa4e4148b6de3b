package loader

import (
	"bytes"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"
	"unicode/utf8"
)

// The fuzz targets below run their seeds with every go test; make fuzz
// runs each for a while (go test -run='^$' -fuzz=FuzzLoadCSV ./loader).
// Inputs that once failed are kept under testdata/fuzz as regression seeds.

// seedFiles returns the bytes of the test data files, as fuzz seeds.
func seedFiles(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, pattern := range []string{"testdata/*/*.csv", "../testdata/small/*.csv", "../testdata/hostile/*.csv"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			seeds = append(seeds, b)
		}
	}
	return seeds
}

// goodLeads is a leads file for the folders in which the fuzzed file is
// not the leads file.
const goodLeads = "lead_id,created_at,mql_at\nL1,2026-07-01T09:00:00Z,2026-07-02\nL2,2026-07-03,\n"

// FuzzLoadCSV loads arbitrary bytes as a leads.csv, as a touches.csv beside
// a good leads.csv, and as an export of any shape beside it: the load never
// panics, and what it returns holds together.
func FuzzLoadCSV(f *testing.F) {
	for _, s := range seedFiles(f) {
		f.Add(s)
	}
	f.Add([]byte("lead_id;created_at\r\n\"L\n1\";11/22/2026 3:04 PM\r\n"))
	f.Add([]byte("\xff\xfel\x00e\x00a\x00d\x00_\x00i\x00d\x00"))
	// One folder per case, made once per process; each input rewrites only
	// the fuzzed file (a process runs its inputs one at a time). Buffers
	// are sized to the file (readBlock), so a run loads small inputs fast:
	// keep it above 20,000 inputs a minute (go test -fuzz prints execs/sec).
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range fuzzCases {
			if ds, err := loadInMemory(name, data); err == nil {
				checkDataset(t, ds)
			}
		}
	})
}

// fuzzCases name the fuzzed file in each of FuzzLoadCSV's folders; a good
// leads.csv is beside it where it is not the leads file.
var fuzzCases = [3]string{"leads.csv", "touches.csv", "export.csv"}

// memFiles is a fileSystem of files held in memory.
type memFiles struct{ fstest.MapFS }

func (m memFiles) Open(path string) (file, error) {
	f, err := m.MapFS.Open(path)
	if err != nil {
		return nil, err
	}
	return f.(file), nil
}

func (m memFiles) Stat(path string) (fs.FileInfo, error)      { return fs.Stat(m.MapFS, path) }
func (m memFiles) ReadDir(path string) ([]fs.DirEntry, error) { return fs.ReadDir(m.MapFS, path) }

// loadInMemory loads a folder "data" that holds data as file name (beside a
// good leads.csv), from memory: a fuzz input costs no disk access.
func loadInMemory(name string, data []byte) (*Dataset, error) {
	mem := fstest.MapFS{"data/" + name: {Data: data, Mode: 0o644}}
	if name != "leads.csv" {
		mem["data/leads.csv"] = &fstest.MapFile{Data: []byte(goodLeads), Mode: 0o644}
	}
	saved := files
	files = memFiles{mem}
	defer func() { files = saved }()
	opts := DefaultOptions()
	opts.MaxBadRows = math.MaxInt32
	return Load("data", opts)
}

// BenchmarkFuzzLoadCSV times one FuzzLoadCSV input (three loads from
// memory) over the seeds: some 1 ms, so that a fuzz worker runs well over
// 20,000 inputs a minute (it was some 35 ms of CPU when each input was
// written to disk and every open cleared megabyte buffers).
func BenchmarkFuzzLoadCSV(b *testing.B) {
	seeds := seedFiles(b)
	b.ReportAllocs()
	for n := 0; n < b.N; n++ {
		for _, name := range fuzzCases {
			_, _ = loadInMemory(name, seeds[n%len(seeds)])
		}
	}
}

// TestLoadInMemory: a folder read from memory loads as it does from disk.
func TestLoadInMemory(t *testing.T) {
	for _, s := range seedFiles(t) {
		for _, name := range fuzzCases {
			dir := writeFiles(t, map[string]string{name: string(s)})
			if name != "leads.csv" {
				dir = writeFiles(t, map[string]string{name: string(s), "leads.csv": goodLeads})
			}
			opts := DefaultOptions()
			opts.MaxBadRows = math.MaxInt32
			disk, err1 := Load(dir, opts)
			mem, err2 := loadInMemory(name, s)
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("%s: disk %v, memory %v", name, err1, err2)
			}
			if err1 == nil && (len(disk.Problems) != len(mem.Problems) || len(disk.Leads) != len(mem.Leads) || len(disk.Touches) != len(mem.Touches) || disk.Hash != mem.Hash) {
				t.Fatalf("%s: disk and memory loads differ", name)
			}
		}
	}
}

// checkDataset checks what every loaded dataset must satisfy.
func checkDataset(t *testing.T, ds *Dataset) {
	t.Helper()
	for _, in := range ds.Inputs {
		if in.Skipped > in.Rows || in.Skipped < 0 || in.Blanked < 0 {
			t.Fatalf("input %+v", in)
		}
	}
	for _, p := range ds.Problems {
		if p.File == "" || p.Line < 1 || p.Column == "" || p.Problem == "" {
			t.Fatalf("problem %+v", p)
		}
	}
	if len(ds.Leads) != ds.People.Len() {
		t.Fatalf("%d leads, %d people", len(ds.Leads), ds.People.Len())
	}
	for p, l := range ds.Leads {
		// A CRM export without a creation date gives people, none created
		// (SPEC 11); a canonical lead always has one.
		if l.Known && l.CreatedAt == NoTime && !ds.Adapted {
			t.Fatalf("lead %q has no created_at", ds.People.Names[p])
		}
	}
	if ds.TouchStart != nil {
		for p := range ds.Leads {
			ts := ds.PersonTouches(ID(p))
			for i, x := range ts {
				if x.Lead != ID(p) || i > 0 && x.At < ts[i-1].At {
					t.Fatalf("touches of %d out of order: %+v", p, ts)
				}
			}
		}
	}
	if len(ds.OppPeopleStart) != len(ds.Opportunities)+1 {
		t.Fatalf("%d opportunities, %d people starts", len(ds.Opportunities), len(ds.OppPeopleStart))
	}
}

// FuzzParseTime parses arbitrary text as a timestamp, in UTC and in a zone
// with daylight saving time, in both date orders: no panic, and a value
// that parses is a real instant that FormatTime writes in a form that
// reads back; a date alone is the zone's midnight.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"2026-07-01", "2026-07-01T09:30:00Z", "2026-07-01 09:30:00.123456789+02:00", "2026-07-01T09:30+0200",
		"2026-02-29", "2024-02-29T24:00", "11/22/2026 3:04 PM", "22.11.2026 15:04", "31/07/2026", "7/1/26",
		"2026/11/22", "12:00", "0000-01-01", "9999-12-31T23:59:59.999999-23:59", "2026-03-29 02:30",
	} {
		f.Add(s)
	}
	for _, b := range seedFiles(f) {
		for _, line := range strings.Split(string(b), "\n") {
			for _, v := range strings.Split(line, ",") {
				if strings.ContainsAny(v, "0123456789") && len(v) < 40 {
					f.Add(strings.TrimSpace(v))
				}
			}
		}
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, loc := range []*time.Location{time.UTC, berlin} {
			if tm, dateOnly, err := ParseTime(s, loc); err == nil {
				checkTime(t, s, tm, dateOnly, loc)
			}
			for _, order := range []DateOrder{MDY, DMY} {
				tm, dateOnly, err := parseTimeAny(s, loc, order)
				if err != nil {
					_ = dateHint(err, order)
					continue
				}
				checkTime(t, s, tm, dateOnly, loc)
			}
		}
	})
}

// start1900 and end9999 bound the instants ParseTime reads in UTC.
var (
	start1900 = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro()
	end9999   = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro()
)

func checkTime(t *testing.T, s string, tm Time, dateOnly bool, loc *time.Location) {
	t.Helper()
	if tm == NoTime {
		t.Fatalf("%q parsed as NoTime", s)
	}
	// FormatTime writes an instant so that it reads back as the same one,
	// when it is in the years ParseTime accepts in UTC. (An offset or a
	// zone may move 1900-01-01 into 1899, 9999-12-31 into 10000: the report
	// writes instants in its own zone, where they stay in range.)
	if back, _, err := ParseTime(FormatTime(tm, time.UTC), time.UTC); (err != nil || back != tm) && tm >= start1900 && tm < end9999 {
		t.Fatalf("%q in %s is %d, written %s, read back as %d (%v)", s, loc, tm, FormatTime(tm, time.UTC), back, err)
	}
	if dateOnly && loc == time.UTC && Midnight(DayOf(tm, loc), loc) != tm {
		t.Fatalf("%q is a date but %d is not midnight", s, tm)
	}
}

// FuzzParseAmount parses arbitrary text as an amount, with a decimal point
// and with a decimal comma: no panic, a finite result, and a plain number
// reads as strconv reads it.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{
		"12500", "12500.50", "$1,234.50", "1.234,50 EUR", "(1,234.50)", "CHF 1'234.50", "-$5", "1,23", "1e308", "1e309",
		"NaN", "Inf", "0x1p-2", "€ 1 234,50", "1\u00a0234,50", ".5", "5.", "1,234,567.891", "USD", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, comma := range []bool{false, true} {
			v, err := ParseAmount(s, comma)
			if err != nil {
				_ = amountHint(s, comma)
				continue
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("ParseAmount(%q, %v) = %v", s, comma, v)
			}
			if f, err := strconv.ParseFloat(s, 64); err == nil && !comma && f != v {
				t.Fatalf("ParseAmount(%q) = %v, strconv reads %v", s, v, f)
			}
		}
	})
}

// FuzzDialect checks the pieces of dialect.go on arbitrary bytes: the
// UTF-8 check gives the same answer whatever blocks the bytes come in,
// the delimiter is one of the four, and a file opens as a table whose
// records all read without a panic.
func FuzzDialect(f *testing.F) {
	for _, s := range seedFiles(f) {
		f.Add(s)
	}
	f.Add([]byte("a;b\n\xc3"))
	f.Add([]byte("\xef\xbb\xbfa\tb\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := utf8.Valid(data)
		for _, r := range []func() bool{
			func() bool { v, _ := validUTF8(bytes.NewReader(data)); return v },
			func() bool { v, _ := validUTF8(iotest.OneByteReader(bytes.NewReader(data))); return v },
			func() bool { v, _ := validUTF8(iotest.HalfReader(bytes.NewReader(data))); return v },
		} {
			if got := r(); got != want {
				t.Fatalf("validUTF8 = %v, utf8.Valid = %v", got, want)
			}
		}
		// The repair reader yields valid UTF-8, one U+FFFD per invalid
		// byte, whatever blocks the bytes come in.
		var repaired strings.Builder
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			repaired.WriteRune(r)
			i += size
		}
		for _, r := range []io.Reader{bytes.NewReader(data), iotest.OneByteReader(bytes.NewReader(data))} {
			got, err := io.ReadAll(newRepairReader(r))
			if err != nil || string(got) != repaired.String() {
				t.Fatalf("repairReader(%q) = %q, %v; want %q", data, got, err, repaired.String())
			}
		}
		if !strings.ContainsRune(",;\t|", sniffDelimiter(data)) {
			t.Fatalf("delimiter %q", sniffDelimiter(data))
		}
		r, d, err := openDelimited("f.csv", bytes.NewReader(data), want, readBlock(int64(len(data))))
		if err != nil {
			return
		}
		tab, err := csvTable("f.csv", r, d, readBlock(int64(len(data))))
		if err != nil {
			return
		}
		tab.identity()
		_ = tab.records(func([]string, int) {}, func(int, error) {})
	})
}

// FuzzParseBool and FuzzXLSXCell: the small parsers must not panic.
func FuzzParseBool(f *testing.F) {
	for _, s := range []string{"true", "FALSE", " yes ", "1", "maybe", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := ParseBool(s); !ok && v {
			t.Fatalf("ParseBool(%q) = true, not ok", s)
		}
		_ = splitIDs(s)
		_ = lifecycleStage(s)
	})
}

func FuzzXLSXCell(f *testing.F) {
	f.Add("46204.395833333336", "7/1/26 9:30")
	f.Add("12500", "$12,500.00")
	f.Add("2958465.99999999", "Dec 31, 9999")
	f.Fuzz(func(t *testing.T, stored, shown string) {
		for _, d1904 := range []bool{false, true} {
			if got := xlsxCell(stored, shown, d1904); got != stored {
				if _, _, err := ParseTime(got, time.UTC); err != nil {
					t.Fatalf("xlsxCell(%q, %q) = %q, not a timestamp", stored, shown, got)
				}
			}
		}
	})
}
