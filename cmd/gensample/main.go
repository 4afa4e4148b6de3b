// Command gensample writes the sample CRM and marketing exports that
// Campaign Retro reads: the seven canonical CSV files of shared/SPEC.md.
//
//	gensample                      # 20,000 leads into sample-data/
//	gensample -leads 1000000 -out bench-data
//	gensample -leads 100000 -campaigns 5000 -shuffle -out bench-data/many
//	gensample -leads 100000 -scatter 125 -out bench-data/scattered
//
// The same flags always give byte-identical files.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/campaignretro/retro/internal/gen"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gensample:", err)
		if err == errUsage {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage error")

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gensample", flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := gen.Default()
	leads := fs.Int("leads", def.Leads, "number of leads")
	seed := fs.Uint64("seed", def.Seed, "random seed")
	out := fs.String("out", "sample-data", "output folder")
	clean := fs.Bool("clean", false, "write no rows that break the data contract")
	touches := fs.Float64("touches", 0, "mean touches per lead (default: 3.5 at the default size, else 10)")
	campaigns := fs.Int("campaigns", 0, "number of campaigns, at least 40 (default: 40, growing to 500 at 1,000,000 leads)")
	shuffle := fs.Bool("shuffle", false, "write leads, touches and activities in random row order, not grouped by person")
	scatter := fs.Int("scatter", 0, "split every campaign into `K` campaigns and give each touch one of them at random:\nthousands of campaigns with no time order between them (the Markov solve's worst case)")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 0 || *leads < 1 || *scatter < 0 {
		fs.Usage()
		return errUsage
	}
	cfg := def
	if *leads != def.Leads {
		cfg = gen.Scale(*leads)
	}
	cfg.Seed = *seed
	cfg.Dirty = !*clean
	if *touches > 0 {
		cfg.TouchesPerLead = *touches
	}
	if *campaigns > 0 {
		cfg.Campaigns = *campaigns
	}
	cfg.Shuffle = *shuffle
	start := time.Now()
	s, err := gen.Write(cfg, *out)
	if err != nil {
		return err
	}
	if *scatter > 1 {
		if err := scatterCampaigns(*out, *scatter, *seed); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "gensample: wrote %s to %s in %.1fs\n", s, *out, time.Since(start).Seconds())
	return nil
}
