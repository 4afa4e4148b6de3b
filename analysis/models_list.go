package analysis

import (
	"fmt"
	"strings"
)

// Model is the name of an attribution model of SPEC section 6, as written
// in --model, report.json and the report.
type Model string

// The attribution models.
const (
	ModelFirstTouch    Model = "first_touch"
	ModelLastTouch     Model = "last_touch"
	ModelLinear        Model = "linear"
	ModelPositionBased Model = "position_based"
	ModelWShaped       Model = "w_shaped"
	ModelTimeDecay     Model = "time_decay"
	ModelMarkov        Model = "markov"
)

// Models lists the attribution models in the order the report shows them.
var Models = []Model{ModelFirstTouch, ModelLastTouch, ModelLinear, ModelPositionBased, ModelWShaped, ModelTimeDecay, ModelMarkov}

// ParseModel returns the model named s, or an error naming the models.
func ParseModel(s string) (Model, error) {
	for _, m := range Models {
		if string(m) == s {
			return m, nil
		}
	}
	names := make([]string, len(Models))
	for i, m := range Models {
		names[i] = string(m)
	}
	return "", fmt.Errorf("model %q: use one of %s", s, strings.Join(names, ", "))
}
