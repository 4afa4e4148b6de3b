package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// scatterCampaigns rewrites campaigns.csv and touches.csv in dir: every
// campaign becomes k campaigns (id-1..id-k, named "name (k)", cost split
// evenly) and every touch goes to one of its campaign's k at random (seeded).
func scatterCampaigns(dir string, k int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x5ca77e4))
	err := rewrite(filepath.Join(dir, "campaigns.csv"), func(row []string, w *csv.Writer) error {
		cost, err := strconv.ParseFloat(row[5], 64)
		if err != nil {
			cost = 0
		}
		for i := 1; i <= k; i++ {
			out := []string{fmt.Sprintf("%s-%d", row[0], i), fmt.Sprintf("%s (%d)", row[1], i), row[2], row[3], row[4], strconv.FormatFloat(cost/float64(k), 'f', 2, 64)}
			if err := w.Write(out); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return rewrite(filepath.Join(dir, "touches.csv"), func(row []string, w *csv.Writer) error {
		row[1] = fmt.Sprintf("%s-%d", row[1], 1+rng.IntN(k))
		return w.Write(row)
	})
}

// rewrite replaces the CSV file path by its header and what each row
// becomes through f.
func rewrite(path string, f func(row []string, w *csv.Writer) error) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := path + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	bw := bufio.NewWriterSize(out, 1<<20)
	r, w := csv.NewReader(bufio.NewReaderSize(in, 1<<20)), csv.NewWriter(bw)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := w.Write(header); err != nil {
		return err
	}
	for {
		row, err := r.Read()
		if err != nil {
			if err == io.EOF {
				break
			}
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := f(row, w); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
