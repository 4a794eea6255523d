package sqlite

import (
	"database/sql/driver"
	"fmt"

	"modernc.org/sqlite"

	"github.com/enduse/enduse/storeutil"
)

// The driver's SQL functions are registered for the whole process, once,
// before any connection opens (the driver offers no registration per
// connection); the function itself is pure.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("enduse_contains", 2, containsFunc)
}

// containsFunc is enduse_contains(text, term): 1 when text holds term,
// already folded, whatever the case of text (storeutil.Contains), as text
// search reads the candidates its pairs index leaves. NULL holds nothing.
func containsFunc(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	text, ok := textArg(args[0])
	if !ok {
		return int64(0), nil
	}
	term, ok := textArg(args[1])
	if !ok {
		return nil, fmt.Errorf("enduse_contains: term is %T, want text", args[1])
	}
	if storeutil.Contains(text, term) {
		return int64(1), nil
	}
	return int64(0), nil
}

// textArg is a text argument as a string; NULL and other types are not.
func textArg(v driver.Value) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}
