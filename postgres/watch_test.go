package postgres

import (
	"testing"

	"github.com/enduse/enduse/storetest"
)

func TestWatch(t *testing.T) {
	testDSN(t)
	storetest.RunWatch(t, func(t *testing.T) storetest.WatchBackend { return openFresh(t) })
}
