package org

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTmpDump(t *testing.T) {
	in := os.Getenv("DUMP_IN")
	if in == "" {
		t.Skip()
	}
	a, _ := newTestAnalyzer(t)
	f, _ := os.Open(in)
	out, _ := os.Create(os.Getenv("DUMP_OUT"))
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n := strings.Split(sc.Text(), "\t")[0]
		fmt.Fprintf(out, "%s\t%s\n", n, a.English(n))
	}
	out.Close()
}
