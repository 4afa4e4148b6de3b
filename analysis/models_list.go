package analysis

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Model is the name of an attribution model of SPEC sections 6 and 14, as
// written in --model, report.json and the report.
type Model string

// The attribution models.
const (
	ModelFirstTouch    Model = "first_touch"
	ModelLastTouch     Model = "last_touch"
	ModelLinear        Model = "linear"
	ModelPositionBased Model = "position_based"
	ModelJShaped       Model = "j_shaped"
	ModelInverseJ      Model = "inverse_j"
	ModelWShaped       Model = "w_shaped"
	ModelFullPath      Model = "full_path"
	ModelCustom        Model = "custom"
	ModelTimeDecay     Model = "time_decay"
	ModelMarkov        Model = "markov"
)

// Models lists the attribution models in the order the report shows them;
// custom joins them after full_path when Options.Weights is set (see
// AttributionModels).
var Models = []Model{ModelFirstTouch, ModelLastTouch, ModelLinear, ModelPositionBased, ModelJShaped, ModelInverseJ, ModelWShaped, ModelFullPath, ModelTimeDecay, ModelMarkov}

// AttributionModels lists the models of a run in the order the report
// shows them: Models, with custom after full_path when weights are given.
func AttributionModels(w *Weights) []Model {
	if w == nil {
		return Models
	}
	i := slices.Index(Models, ModelFullPath) + 1
	return slices.Concat(Models[:i], []Model{ModelCustom}, Models[i:])
}

// AttributionModels lists the report's attribution models in order.
func (r *Report) AttributionModels() []Model { return AttributionModels(r.Settings.Weights) }

// ParseModel returns the model named s among the models of a run with
// weights w (custom needs them), or an error naming the models.
func ParseModel(s string, w *Weights) (Model, error) {
	models := AttributionModels(w)
	if i := slices.Index(models, Model(s)); i >= 0 {
		return models[i], nil
	}
	if Model(s) == ModelCustom {
		return "", errors.New(`model "custom" needs --weights FILE (the shares of first, mql, created, closed and rest)`)
	}
	names := make([]string, len(models))
	for i, m := range models {
		names[i] = string(m)
	}
	return "", fmt.Errorf("model %q: use one of %s", s, strings.Join(names, ", "))
}
