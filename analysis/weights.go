package analysis

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Weights are the role shares of the custom model (SPEC 14, --weights):
// first, mql, created and closed are the full_path roles, rest goes to the
// touches holding no role. They are non-negative and sum to 1.
type Weights struct {
	First   float64 `json:"first"`
	MQL     float64 `json:"mql"`
	Created float64 `json:"created"`
	Closed  float64 `json:"closed"`
	Rest    float64 `json:"rest"`
}

// weightKeys are the keys of a weights file, in the order of Weights.
var weightKeys = []string{"first", "mql", "created", "closed", "rest"}

// WeightsError is a mistake in a weights file; Key names the key at fault
// ("" when the shares as a whole are wrong).
type WeightsError struct {
	Key, Problem string
}

func (e *WeightsError) Error() string {
	if e.Key == "" {
		return e.Problem
	}
	return e.Key + ": " + e.Problem
}

// ParseWeights reads a weights file: a YAML mapping of some of the keys
// first, mql, created, closed and rest to non-negative numbers summing to 1
// (within 1e-9). A key left out is 0.
func ParseWeights(data []byte) (*Weights, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, &WeightsError{Problem: "not YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &WeightsError{Problem: "expected a mapping of the keys " + strings.Join(weightKeys, ", ") + " to shares"}
	}
	var w Weights
	fields := []*float64{&w.First, &w.MQL, &w.Created, &w.Closed, &w.Rest}
	seen := map[string]bool{}
	m := doc.Content[0].Content
	for i := 0; i+1 < len(m); i += 2 {
		key, val := m[i].Value, m[i+1]
		k := slices.Index(weightKeys, strings.ToLower(strings.TrimSpace(key)))
		if k < 0 {
			return nil, &WeightsError{Key: key, Problem: fmt.Sprintf("line %d: not a role; use %s", m[i].Line, strings.Join(weightKeys, ", "))}
		}
		if seen[weightKeys[k]] {
			return nil, &WeightsError{Key: key, Problem: fmt.Sprintf("line %d: given twice", m[i].Line)}
		}
		seen[weightKeys[k]] = true
		f, err := strconv.ParseFloat(strings.TrimSpace(val.Value), 64)
		if val.Kind != yaml.ScalarNode || err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, &WeightsError{Key: key, Problem: fmt.Sprintf("line %d: %q is not a number", val.Line, val.Value)}
		}
		if f < 0 {
			return nil, &WeightsError{Key: key, Problem: fmt.Sprintf("line %d: %s is negative; shares are 0 or more", val.Line, val.Value)}
		}
		*fields[k] = f
	}
	sum := w.First + w.MQL + w.Created + w.Closed + w.Rest
	if math.Abs(sum-1) > 1e-9 {
		return nil, &WeightsError{Problem: fmt.Sprintf("the shares sum to %s, not 1 (first %s, mql %s, created %s, closed %s, rest %s)",
			g(sum), g(w.First), g(w.MQL), g(w.Created), g(w.Closed), g(w.Rest))}
	}
	return &w, nil
}

func g(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
