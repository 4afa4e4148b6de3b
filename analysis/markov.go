package analysis

import (
	"iter"

	"github.com/campaignretro/retro/loader"
)

// MarkovChain summarises the chain behind the markov model of one target.
type MarkovChain struct {
	// ConvertingPaths and NonConvertingPaths count the paths the transition
	// probabilities come from.
	ConvertingPaths    int `json:"converting_paths"`
	NonConvertingPaths int `json:"non_converting_paths"`
	// Campaigns is the number of campaign states.
	Campaigns int `json:"campaigns"`
	// ConversionProbability is P(conv): the chance of reaching conversion
	// from start.
	ConversionProbability *float64 `json:"conversion_probability"`
}

// markovResult is the markov model of one target: each campaign's removal
// effect and credit, indexed by campaign ID.
type markovResult struct {
	chain   MarkovChain
	removal []float64
	credit  []float64
}

// markovCredit splits value over campaigns by first-order Markov removal
// effects (SPEC section 6). paths yields each path's campaigns in order and
// whether it converted; consecutive repeats are collapsed here. campaigns is
// the number of campaign IDs.
//
// The states are start, the campaigns seen on some path, conversion and
// null. With Q the transition probabilities among campaigns, r those into
// conversion and q those out of start, G = (I - Q)^-1 is the expected number
// of visits, x = G r the chance of converting from each campaign, and
// P(conv) = q·x. Redirecting campaign c to null removes exactly the paths
// through c, which convert with probability h(c) x(c), h(c) = (qG)(c) / G(c,c)
// being the chance of ever reaching c (expected visits from start over
// expected visits from c itself). So
//
//	removal_effect(c) = 1 - P(conv without c)/P(conv) = h(c) x(c) / P(conv),
//
// which is the Sherman-Morrison update of the system with c's row zeroed:
// one inversion of I - Q answers every removal, instead of one solve per
// campaign. I - Q is a non-singular M-matrix (every campaign state reaches an
// absorbing one), so Gauss-Jordan elimination needs no pivoting, adds terms
// of one sign everywhere off the diagonal, and leaves exact zeros where c
// cannot reach conversion (its removal effect is then exactly 0).
func markovCredit(paths iter.Seq2[[]loader.ID, bool], campaigns int, value float64) markovResult {
	res := markovResult{removal: make([]float64, campaigns), credit: make([]float64, campaigns)}

	// First pass: number the campaigns seen, in campaign ID order.
	state := make([]int32, campaigns)
	for path, converted := range collapsed(paths) {
		if converted {
			res.chain.ConvertingPaths++
		} else {
			res.chain.NonConvertingPaths++
		}
		for _, c := range path {
			state[c] = 1
		}
	}
	var ids []loader.ID // state -> campaign ID
	for c := range state {
		if state[c] == 1 {
			state[c] = int32(len(ids))
			ids = append(ids, loader.ID(c))
		} else {
			state[c] = -1
		}
	}
	k := len(ids)
	res.chain.Campaigns = k
	if k == 0 || res.chain.ConvertingPaths == 0 {
		return res
	}

	// Second pass: count transitions. a holds the counts among campaigns
	// (row = from), conv and out the counts into conversion and out of each
	// campaign in all, start those out of start.
	a := make([]float64, k*k)
	conv := make([]float64, k)
	out := make([]float64, k)
	start := make([]float64, k)
	for path, converted := range collapsed(paths) {
		from := state[path[0]]
		start[from]++
		for _, c := range path[1:] {
			to := state[c]
			a[int(from)*k+int(to)]++
			out[from]++
			from = to
		}
		out[from]++
		if converted {
			conv[from]++
		}
	}

	// Probabilities: I - Q in a, r in conv, q in start.
	for i := range k {
		row := a[i*k : (i+1)*k]
		for j := range row {
			row[j] = -row[j] / out[i]
		}
		row[i] = 1
		conv[i] /= out[i]
	}
	paths0 := float64(res.chain.ConvertingPaths + res.chain.NonConvertingPaths)
	for i := range start {
		start[i] /= paths0
	}

	invertMMatrix(a, k)
	// x = G r; g = q G (expected visits from start).
	x := make([]float64, k)
	g := make([]float64, k)
	for i := range k {
		row := a[i*k : (i+1)*k]
		s := 0.0
		for j, v := range row {
			s += v * conv[j]
		}
		x[i] = s
		if q := start[i]; q != 0 {
			for j, v := range row {
				g[j] += q * v
			}
		}
	}
	pConv := 0.0
	for i := range k {
		pConv += start[i] * x[i]
	}
	res.chain.ConversionProbability = &pConv

	sum := 0.0
	for i, c := range ids {
		re := g[i] / a[i*k+i] * x[i] / pConv
		res.removal[c] = re
		sum += re
	}
	for _, c := range ids {
		res.credit[c] = res.removal[c] / sum * value
	}
	return res
}

// collapsed yields paths with consecutive repeats of a campaign collapsed to
// one, skipping empty paths. The slice it yields is reused.
func collapsed(paths iter.Seq2[[]loader.ID, bool]) iter.Seq2[[]loader.ID, bool] {
	return func(yield func([]loader.ID, bool) bool) {
		var buf []loader.ID
		for path, converted := range paths {
			buf = buf[:0]
			for i, c := range path {
				if i == 0 || c != path[i-1] {
					buf = append(buf, c)
				}
			}
			if len(buf) == 0 {
				continue
			}
			if !yield(buf, converted) {
				return
			}
		}
	}
}

// invertMMatrix replaces the k x k row-major matrix a by its inverse, by
// Gauss-Jordan elimination in place without pivoting. a must be a
// non-singular M-matrix (positive diagonal, non-positive elsewhere, inverse
// non-negative), for which this is stable. Rows with a zero multiplier are
// skipped, so sparse chains cost far less than k^3.
func invertMMatrix(a []float64, k int) {
	for p := range k {
		prow := a[p*k : (p+1)*k]
		inv := 1 / prow[p]
		prow[p] = 1
		for j := range prow {
			prow[j] *= inv
		}
		for i := range k {
			if i == p {
				continue
			}
			row := a[i*k : (i+1)*k]
			f := row[p]
			if f == 0 {
				continue
			}
			row[p] = 0
			row = row[:len(prow)]
			for j, v := range prow {
				row[j] -= f * v
			}
		}
	}
}
