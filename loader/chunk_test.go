package loader

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/campaignretro/retro/internal/gen"
)

// TestSplitterBoundaries: the record ends the splitter finds in a whole
// file, by hand.
func TestSplitterBoundaries(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []int // ends of the records, just past their '\n'
	}{
		{"plain", "a,b\nc,d\n", []int{4, 8}},
		{"no final newline", "a,b\nc,d", []int{4}},
		{"quoted newline", "\"a\nb\",c\nd,e\n", []int{8, 12}},
		{"doubled quotes", "\"a\"\"\n\"\"b\",c\nd\n", []int{12, 14}},
		{"escaped quote then newline", "\"x\"\"\"\ny\n", []int{6, 8}},
		{"CRLF", "a,b\r\n\"c\r\nd\",e\r\nf\r\n", []int{5, 15, 18}},
		{"quote closing at CRLF", "\"a\"\r\nb\n", []int{5, 7}},
		{"quote mid-field is text", "a\"b\nc\n", []int{4, 6}},
		{"lazy quote inside quotes", "\"a\"b\nc\",d\ne\n", []int{10, 12}},
		{"quote after delimiter opens", "a,\"b\nc\"\nd\n", []int{8, 10}},
		{"quote then CR alone is text", "\"a\"\rb\nc\"\nd\n", []int{9, 11}},
		{"empty lines", "\n\na\n\n", []int{1, 2, 4, 5}},
		{"unterminated quote", "a\n\"b\nc\nd\n", []int{2}},
		{"delimiter closes", "\"a\",\"b\n\"\nc\n", []int{9, 11}},
	}
	for _, tc := range cases {
		s := splitter{comma: ','}
		var got []int
		buf := []byte(tc.in)
		// Feed the bytes one at a time, as the smallest chunks do.
		base := 0
		for n := 1; n <= len(buf); n++ {
			cut := s.scan(buf[base:n], n == len(buf))
			if cut > 0 {
				base += cut
				got = append(got, base)
				s.pos -= cut
			}
		}
		// The last boundary found at the end of the file is where the
		// file ends, a record end only with a final newline.
		if want := tc.want; !reflect.DeepEqual(got, want) {
			if !(len(got) == len(want)+1 && got[len(got)-1] == len(buf) && reflect.DeepEqual(got[:len(want)], want)) {
				t.Errorf("%s: record ends %v, want %v", tc.name, got, want)
			}
		}
	}
}

// csvRecord is a record as encoding/csv reads it, with its line.
type csvRecord struct {
	rec  []string
	line int
	err  string
}

// wholeRecords reads data through one encoding/csv reader, as csvTable
// does.
func wholeRecords(t *testing.T, data []byte, comma byte, first int) []csvRecord {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = rune(comma)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var out []csvRecord
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				t.Fatal(err)
			}
			out = append(out, csvRecord{line: first - 1 + pe.StartLine, err: pe.Err.Error()})
			continue
		}
		line, _ := cr.FieldPos(0)
		out = append(out, csvRecord{rec: rec, line: first - 1 + line})
	}
}

// chunkedRecords reads data in chunks of about size bytes.
// mapped, the chunks are slices of data rather than read.
func chunkedRecords(t *testing.T, data []byte, comma byte, first, size int, mapped bool) ([]csvRecord, int) {
	var out []csvRecord
	chunks := 0
	var whole []byte
	if mapped {
		whole = data
	}
	err := splitChunks(bytes.NewReader(data), whole, 0, int64(len(data)), first, comma, size, nil, func(c chunk) bool {
		chunks++
		c.records(comma, func(rec []string, line int, err error) {
			if err != nil {
				var re *recordError
				if !errors.As(err, &re) || re.Line != line {
					t.Fatalf("error %v at line %d", err, line)
				}
				out = append(out, csvRecord{line: line, err: re.Err.Error()})
				return
			}
			out = append(out, csvRecord{rec: append([]string(nil), rec...), line: line})
		})
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, chunks
}

// TestChunksReadAsWhole: cut into chunks of any size, from one byte (smaller
// than any record) to the whole file, a file gives the records and lines
// one encoding/csv reader gives.
func TestChunksReadAsWhole(t *testing.T) {
	files := []struct {
		name  string
		comma byte
		in    string
	}{
		{"plain", ',', "L1,C1,2026-07-01\nL2,C2,2026-07-02\nL3,,\n"},
		{"no final newline", ',', "L1,C1\nL2,C2"},
		{"CRLF", ',', "L1,C1\r\nL2,C2\r\n\r\nL3,C3\r\n"},
		{"CR at the end", ',', "L1,C1\r\nL2,C2\r"},
		{"bare CR in a field", ',', "L1,C\r1\nL2,C2\n"},
		{"quoted newlines", ',', "\"L\n1\",C1\n\"L2\",\"C\r\n2\"\nL3,\"\"\n"},
		{"doubled quotes", ',', "\"a\"\"b\",\"\"\"\"\n\"\"\"\n\"\"\",x\n"},
		{"lazy quotes", ',', "a\"b,c\n\"d\"e\nf\",g\nh,\"i\"\n"},
		{"unterminated quote", ',', "a,b\n\"c\nd,e\nf\n"},
		{"empty lines", ',', "\n\na,b\n\n\nc,d\n\n"},
		{"semicolons", ';', "a;\"b;c\"\n\"d\n\";e\n"},
		{"tabs", '\t', "a\t\"b\tc\"\n\"d\"\"\"\te\n"},
		{"multibyte", ',', "\"é\"x\",ü\n€,\"a\nß\"\n"},
		{"quote at the end", ',', "a,b\n\""},
		{"quote CR at the end", ',', "\"a\"\r"},
	}
	for _, f := range files {
		data := []byte(f.in)
		want := wholeRecords(t, data, f.comma, 3)
		for size := 1; size <= len(data)+1; size++ {
			for _, mapped := range []bool{false, true} {
				got, _ := chunkedRecords(t, data, f.comma, 3, size, mapped)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s, chunks of %d bytes (mapped %v):\n got %+v\nwant %+v", f.name, size, mapped, got, want)
				}
			}
		}
	}
}

// TestChunkSizes: a file is cut into chunks of about the size asked, at
// record ends.
func TestChunkSizes(t *testing.T) {
	data := []byte(strings.Repeat("L1,C1,2026-07-01\n", 1000)) // 17 bytes a record
	_, chunks := chunkedRecords(t, data, ',', 1, 170, false)
	if chunks != 100 {
		t.Errorf("%d chunks of 170 bytes, want 100", chunks)
	}
	_, chunks = chunkedRecords(t, data, ',', 1, 1<<20, true)
	if chunks != 1 {
		t.Errorf("%d chunks of 1 MiB, want 1", chunks)
	}
}

// withChunks sets chunked reading for the test: every file in chunks of
// size bytes, or (size 0) no file.
func withChunks(t *testing.T, size int) {
	savedMin, savedSize := chunkMin, chunkSize
	t.Cleanup(func() { chunkMin, chunkSize = savedMin, savedSize })
	if size == 0 {
		chunkMin = math.MaxInt64
		return
	}
	chunkMin, chunkSize = 0, size
}

// comparable clears what differs between two loads of the same folder:
// the interners' random hash seeds and tables.
func comparable(ds *Dataset) *Dataset {
	for _, in := range []*Interner{&ds.People, &ds.CampaignIDs, &ds.AssetIDs, &ds.OpportunityIDs, &ds.Labels} {
		*in = Interner{Names: in.Names, aliases: in.aliases}
	}
	return ds
}

// chunkyFolder writes a folder whose large files have every shape the
// splitter must respect: a BOM, CRLF, a quoted header with a newline,
// quoted newlines and delimiters, empty lines, bad and dangling rows,
// ids to mask.
func chunkyFolder(t *testing.T) string {
	return writeFiles(t, map[string]string{
		"campaigns.csv": "campaign_id,name,channel\nC1,One,email\nC2,Two,\"paid, social\"\n",
		"assets.csv":    "asset_id,asset_type\nA1,ebook\n",
		"leads.csv": "\ufefflead_id,\"created\r\n_at\",created_at,region\r\n" +
			"L1,,2026-07-01,\"North\r\nEast\"\r\n" +
			"L2,,2026-07-02,South\r\n" +
			"L1,,2026-07-03,dup\r\n" +
			"\r\n" +
			"L3,,not a date,West\r\n" +
			"\"L\"\"4\",,2026-07-04,\r\n",
		"touches.csv": "lead_id,campaign_id,\"touched_at\",asset_id\n" +
			"L1,C1,2026-07-01T09:00:00Z,A1\n" +
			"\"L2\",\"C2\",2026-07-02,\n" +
			"X9,C1,2026-07-03,A2\n" +
			"\n" +
			"L1,C9,2026-07-04,\n" +
			"\"L1\",\"C\n1\",2026-07-05,\n" +
			"jane@example.com,C1,2026-07-06,\n" +
			"L2,,2026-07-07,\n" +
			"L2,C1,07/08/2026 3:04 PM,\n" +
			"L2,C1,13/13/2026,\n" +
			"L2,C1,31/12/2026,\n" +
			"X9,C9,2026-07-09,A2\n" +
			"L1,C1,2026-07-01T09:00:00Z,A1\n" +
			"\"L\"\"4\",C2,2026-07-10,\n" +
			"a\"b,C1,2026-07-11,\n" +
			"L3,C1,2026-07-12,\n" +
			"Y1,C2,2026-07-13,A1",
		"activities.csv": "lead_id,occurred_at,type\r\n" +
			"L1,2026-07-01,call\r\n" +
			"X9,2026-07-02,\"email\r\nsent\"\r\n" +
			",2026-07-03,call\r\n" +
			"L2,,call\r\n" +
			"Z1,2026-07-04,call\r\n" +
			"L2,2026-07-05T10:00:00+02:00,call\r\n",
	})
}

// TestChunkedLoadIdentical: read in chunks of any size, on all cores, a
// folder loads exactly as read sequentially: the same rows, ids, problems
// (lines and columns), counts, notes and hash.
func TestChunkedLoadIdentical(t *testing.T) {
	shuffled := t.TempDir()
	cfg := gen.Scale(2000)
	cfg.Shuffle = true
	if _, err := gen.Write(cfg, shuffled); err != nil {
		t.Fatal(err)
	}
	// People not in leads.csv among known ones, at every gap from 1 to
	// 40 rows, with ids of one length: a cached id pointing into a
	// buffer used again would match the next one (chunks of 18 bytes are
	// one touch each, and buffers come back after a few chunks).
	var touches, acts strings.Builder
	touches.WriteString("lead_id,campaign_id,touched_at\n")
	acts.WriteString("lead_id,occurred_at\n")
	n := 0
	for round := range 5 {
		for gap := 1; gap <= 40; gap++ {
			for i := range gap {
				id := "L01"
				if i == 0 {
					id = fmt.Sprintf("X%02d", (round*40+gap)%100)
				}
				n++
				fmt.Fprintf(&touches, "%s,C1,2026-07-%02d\n", id, 1+n%28)
				fmt.Fprintf(&acts, "%s,2026-07-%02dT00:00\n", id, 1+n%28)
			}
		}
	}
	sparse := writeFiles(t, map[string]string{
		"leads.csv":      "lead_id,created_at\nL01,2026-07-01\n",
		"touches.csv":    touches.String(),
		"activities.csv": acts.String(),
	})
	folders := []struct {
		dir   string
		sizes []int
	}{
		{chunkyFolder(t), []int{1, 2, 3, 5, 8, 13, 64, 1 << 20}},
		{sparse, []int{18, 24}},
		{"../testdata/small", []int{1, 7, 100, 4096}},
		{"../testdata/hostile", []int{1, 7, 100, 4096}},
		{shuffled, []int{50, 1000, 64 << 10}},
	}
	t.Cleanup(func() { mapFiles = true })
	for _, f := range folders {
		opts := DefaultOptions()
		opts.MaxBadRows = math.MaxInt32
		withChunks(t, 0)
		want, err := Load(f.dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		want = comparable(want)
		if len(want.Touches) == 0 {
			t.Fatalf("%s: no touches", f.dir)
		}
		for _, size := range f.sizes {
			for _, mapped := range []bool{true, false} {
				mapFiles = mapped
				withChunks(t, size)
				got, err := Load(f.dir, opts)
				if err != nil {
					t.Fatalf("%s, chunks of %d: %v", f.dir, size, err)
				}
				if got = comparable(got); !reflect.DeepEqual(got, want) {
					t.Errorf("%s, chunks of %d bytes, mapped %v: the load differs from a sequential one", f.dir, size, mapped)
					if !reflect.DeepEqual(got.Problems, want.Problems) {
						t.Errorf("problems:\n got %+v\nwant %+v", got.Problems, want.Problems)
					}
					if !reflect.DeepEqual(got.Inputs, want.Inputs) {
						t.Errorf("inputs:\n got %+v\nwant %+v", got.Inputs, want.Inputs)
					}
				}
			}
		}
	}
}

// TestChunkedFolderProblems pins what the chunky folder's problems are, so
// that the identity above compares loads that exercise every path.
func TestChunkedFolderProblems(t *testing.T) {
	withChunks(t, 3)
	opts := DefaultOptions()
	opts.MaxBadRows = math.MaxInt32
	ds, err := Load(chunkyFolder(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ds.Problems {
		got = append(got, p.File+":"+strconv.Itoa(p.Line)+": "+p.Column)
	}
	// The header of leads.csv takes two lines, its first lead three;
	// touches.csv has an empty line 5 and a record on lines 7-8.
	want := []string{
		"leads.csv:6: lead_id", "leads.csv:8: created_at",
		"touches.csv:10: campaign_id", "touches.csv:12: touched_at", "touches.csv:13: touched_at",
		"activities.csv:5: lead_id", "activities.csv:6: occurred_at",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
	// 13 good rows, line 15 a repeat of line 2.
	if n := len(ds.Touches); n != 12 {
		t.Errorf("%d touches, want 12", n)
	}
}

// FuzzChunkedLoad loads arbitrary bytes as leads.csv and as touches.csv
// (beside a good leads.csv) from memory, read sequentially and in chunks
// of a size taken from the input: the two loads are identical.
func FuzzChunkedLoad(f *testing.F) {
	for _, s := range seedFiles(f) {
		f.Add(s)
	}
	f.Add([]byte("lead_id,campaign_id,touched_at\r\n\"L\n1\",C1,2026-07-01\r\na\"b,\"C\"\"2\",x\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		size := 1
		if len(data) > 0 {
			size += int(data[len(data)-1]) % 64
		}
		for _, name := range []string{"leads.csv", "touches.csv"} {
			withChunks(t, 0)
			want, err1 := loadInMemory(name, data)
			withChunks(t, size)
			got, err2 := loadInMemory(name, data)
			if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
				t.Fatalf("%s: sequential %v, in chunks of %d %v", name, err1, size, err2)
			}
			if err1 == nil && !reflect.DeepEqual(comparable(got), comparable(want)) {
				t.Fatalf("%s: the load in chunks of %d differs", name, size)
			}
		}
	})
}
