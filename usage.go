package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/campaignretro/retro/internal/suggest"
	"github.com/spf13/pflag"
)

// usageError is a mistake in the command line (exit status 2). selfExplained
// errors already say what to do, so main adds no pointer to --help.
type usageError struct {
	error
	selfExplained bool
}

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

func usagef(format string, a ...any) error { return usageError{error: fmt.Errorf(format, a...)} }

// flagError turns a flag parsing error into a usage error; a misspelt flag
// gets the closest flag's name ("did you mean --period?"). --help passes
// through as pflag.ErrHelp.
func flagError(fs *pflag.FlagSet, err error) error {
	if errors.Is(err, pflag.ErrHelp) {
		return err
	}
	var ne *pflag.NotExistError
	if errors.As(err, &ne) {
		typed := ne.GetSpecifiedName()
		if sh := ne.GetSpecifiedShortnames(); sh != "" {
			typed = sh // -perod: a long name typed with one dash
		}
		if name := closestFlag(fs, typed); name != "" {
			return usagef("%v; did you mean --%s?", err, name)
		}
	}
	return usageError{error: err}
}

// closestFlag is the visible flag whose name is the fewest edits away from
// typed, when it is close enough to be a slip (at most a third of the
// name, and at least 1); ties go to the flag defined first.
func closestFlag(fs *pflag.FlagSet, typed string) string {
	typed = strings.ToLower(strings.TrimLeft(typed, "-"))
	best, bestDist := "", 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := suggest.EditDistance(typed, f.Name)
		if strings.HasPrefix(f.Name, typed) && len(typed) >= 3 {
			d = min(d, 1) // an unambiguous start of the name
		}
		if best == "" || d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	if best == "" || bestDist > max(1, len(best)/3) {
		return ""
	}
	return best
}

// defaultDataFolder checks the default DATA_DIR (sample-data, which only
// exists in the repository) when no folder was named: run elsewhere, the
// user is told to pass the export folder.
func defaultDataFolder(dir string, named bool) error {
	if named {
		return nil
	}
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return usageError{fmt.Errorf("no DATA_DIR given, and there is no %s folder here: pass the folder of your exports, e.g. retro exports/2026-q3", dir), true}
	}
	return nil
}
