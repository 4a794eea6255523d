package sqlite

import (
	"testing"

	"github.com/enduse/enduse/storetest"
)

func TestWatch(t *testing.T) {
	storetest.RunWatch(t, func(t *testing.T) storetest.WatchBackend { return openTemp(t) })
}
