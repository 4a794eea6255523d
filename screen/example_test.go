package screen_test

import (
	"fmt"

	"github.com/enduse/enduse/org"
	"github.com/enduse/enduse/region"
	"github.com/enduse/enduse/screen"
)

func ExampleScreener_Screen() {
	lists, err := screen.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	tab, err := region.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := org.NewAnalyzer(tab)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := screen.NewScreener(lists, a, nil)
	for _, h := range s.Screen("乌鲁木齐市公安局天山区分局", screen.Options{Lists: []string{"BIS Entity List"}, MinScore: 0.85}) {
		fmt.Println(h.Relation, h.Score, h.EntryID, h.Entry)
	}
	// Output:
	// subordinate 0.85 EL2019-17 Urumqi Municipal Public Security Bureau
}
