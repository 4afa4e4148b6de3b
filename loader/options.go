package loader

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseBadRowLimit reads a --max-bad-rows value into opts: a percentage of
// a file's rows ("1%", "0.5%", at most 100%) or a count of rows ("25").
func (opts *Options) ParseBadRowLimit(s string) error {
	bad := fmt.Errorf("%q: use a percentage such as 1%% or a count such as 25", s)
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		f, err := strconv.ParseFloat(pct, 64)
		if err != nil || math.IsNaN(f) || f < 0 || f > 100 {
			return bad
		}
		opts.MaxBadFraction, opts.MaxBadRows = f/100, -1
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return bad
	}
	opts.MaxBadRows = n
	return nil
}

// ParseDateOrder reads a --date-order value: mdy or dmy, in any case.
func ParseDateOrder(s string) (DateOrder, error) {
	for _, o := range []DateOrder{MDY, DMY} {
		if strings.EqualFold(s, o.String()) {
			return o, nil
		}
	}
	return MDY, fmt.Errorf("%q: use mdy or dmy", s)
}

// ParsePreset reads a --preset value: one of Presets, in any case.
func ParsePreset(s string) (string, error) {
	for _, p := range Presets {
		if strings.EqualFold(s, p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%q: use one of %s", s, strings.Join(Presets, ", "))
}
