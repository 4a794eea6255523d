package kb

import "testing"

// TestCoverage resolves the brands issue 16 added, by a Chinese or
// English name and by a model number, to their company and country.
func TestCoverage(t *testing.T) {
	k := loadBuiltin(t)
	names := []struct{ name, brand, country string }{
		{"佳明", "Garmin", "US"}, {"法如", "FARO", "US"}, {"天宝", "Trimble", "US"}, {"FEI", "FEI", "US"},
		{"飞纳电镜", "Phenom", "NL"}, {"德尔格", "Dräger", "DE"}, {"Draeger", "Dräger", "DE"}, {"福禄克", "Fluke", "US"},
		{"是德科技", "Keysight", "US"}, {"泰克", "Tektronix", "US"}, {"ZEBRA", "Zebra", "US"}, {"骁龙", "Qualcomm", "US"},
		{"德州仪器", "Texas Instruments", "US"}, {"迈克菲", "McAfee", "US"}, {"Tableau写保护", "Tableau", "US"},
		{"Sirchie", "Sirchie", "US"}, {"Regula", "Regula", "LV"}, {"神基", "Getac", "TW"}, {"欧特克", "Autodesk", "US"},
		{"AutoCAD", "Autodesk", "US"}, {"罗技", "Logitech", "CH"}, {"Teledyne DALSA", "Teledyne", "US"},
		{"Celebrite", "Cellebrite", "IL"}, {"Cellbrite", "Cellebrite", "IL"}, {"Nuance EX", "PerkinElmer", "US"},
	}
	for _, tt := range names {
		r := k.Resolve(tt.name, "")
		if r.Brand != tt.brand || r.Country != tt.country {
			t.Errorf("Resolve(%q) = %q %q, want %q %q", tt.name, r.Brand, r.Country, tt.brand, tt.country)
		}
	}
	models := []struct{ model, brand, line string }{
		{"GPSMAP 66s", "Garmin", "Garmin handheld GPS"}, {"Focus S 350", "FARO", "FARO Focus"},
		{"Phenom XL", "Phenom", "Phenom desktop SEM"}, {"Alcotest 6820", "Dräger", "Dräger Alcotest"},
		{"Fluke Ti401", "Fluke", "Fluke thermal imagers"}, {"MDO3104", "Tektronix", "Tektronix oscilloscopes"},
		{"DSOX3034T", "Keysight", "Keysight instruments"}, {"ZT410", "Zebra", "Zebra printers"},
		{"TMS320F28335", "Texas Instruments", "TI processors"}, {"Tableau TX1", "Tableau", "Tableau forensic bridges"},
		{"Regula 4308", "Regula", "Regula document examination"}, {"Getac B360", "Getac", "Getac rugged computers"},
	}
	for _, tt := range models {
		r, ok := k.ResolveModel(tt.model)
		if !ok || r.Brand != tt.brand || r.ProductLine != tt.line {
			t.Errorf("ResolveModel(%q) = %v %q %q, want %q %q", tt.model, ok, r.Brand, r.ProductLine, tt.brand, tt.line)
		}
	}
	// Fluke, part of Fortive from 2016, and FEI, Thermo Fisher's from 2016.
	if ok, path, _ := k.USLinkAsOf("fei", "2020-01-01"); !ok || len(path) != 1 {
		t.Errorf("FEI 2020 = %v %q, want US-linked itself", ok, path)
	}
	if ok, path, _ := k.USLinkAsOf("phenom-world", "2020-01-01"); !ok || len(path) != 2 {
		t.Errorf("Phenom-World 2020 = %v %q, want US-linked through Thermo Fisher", ok, path)
	}
	if ok, _, _ := k.USLinkAsOf("phenom-world", "2015-01-01"); ok {
		t.Error("Phenom-World 2015 is US-linked, want not (acquired 2018)")
	}
}
