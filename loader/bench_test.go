package loader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/campaignretro/retro/internal/gen"
)

// benchLeads is the size of the generated data set the loader benchmarks
// read (about 1,000,000 touches); scripts/bench.sh measures whole runs up to
// 1,000,000 leads.
const benchLeads = 100_000

// BenchmarkLoad reads leads.csv plus one other file kind (or all files),
// reporting the throughput of the bytes of the named files.
func BenchmarkLoad(b *testing.B) {
	src, err := gen.Cached(benchLeads)
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name  string
		files []string
	}{
		{"leads", []string{LeadsFile}},
		{"touches", []string{LeadsFile, CampaignsFile, AssetsFile, TouchesFile}},
		{"activities", []string{LeadsFile, ActivitiesFile}},
		{"opportunities", []string{LeadsFile, OpportunitiesFile, ContactsFile}},
		{"all", []string{CampaignsFile, AssetsFile, LeadsFile, TouchesFile, ActivitiesFile, OpportunitiesFile, ContactsFile}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			dir := b.TempDir()
			var size int64
			for _, f := range tc.files {
				if err := os.Symlink(filepath.Join(src, f), filepath.Join(dir, f)); err != nil {
					b.Fatal(err)
				}
				st, err := os.Stat(filepath.Join(src, f))
				if err != nil {
					b.Fatal(err)
				}
				size += st.Size()
			}
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(dir, DefaultOptions()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseTime measures the timestamp fast path.
func BenchmarkParseTime(b *testing.B) {
	for b.Loop() {
		if _, _, err := ParseTime("2026-07-14T09:31:07Z", nil); err != nil {
			b.Fatal(err)
		}
	}
}
