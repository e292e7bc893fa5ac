package bench

import (
	"math"
	"strings"
	"testing"
)

func TestCheckRefusesMissingOrInsaneFigures(t *testing.T) {
	good := Result{ParsePlanNs: 300, ParsePlanColdNs: 3000, HubMsgsPerS: 900, LogSetsPerS: 2000, BboltBatchPerS: 1500, LogRatio: 1.3,
		Timers: 10000, LatenessP50Ms: 1, LatenessP99Ms: 5, PingLatenessUnderLoadP99Ms: 400, BytesPerTimer: 300, BaselineP50Ms: 0.5, BaselineP99Ms: 1,
		BaselineBytesPerTimer: 180, LatenessRatio: 5, MemRatio: 1.6, ReloadMs: 30, HistorySets: 50000, HistoryP99Ms: 3,
		GroupBurst: GroupBurst{Lifters: 50, Messages: 1, Mentioned: 50},
		UnderLoad:  UnderLoad{Pings: 1000, HistoryDays: 300, Charts: 5, ImportRows: 20000, Imports: 4}}
	if err := Check(good); err != nil {
		t.Fatalf("a sane result was refused: %v", err)
	}
	bad := good
	bad.ReloadMs = 0
	if err := Check(bad); err == nil || !strings.Contains(err.Error(), "reload_ms") {
		t.Errorf("a missing figure passed: %v", err)
	}
	bad = good
	bad.GroupBurst.Violations = 1
	if err := Check(bad); err == nil {
		t.Error("a pace violation passed")
	}
	bad = good
	bad.GroupBurst.Mentioned = 49
	if err := Check(bad); err == nil {
		t.Error("a lost ping passed")
	}
}

// The figure under load has no time threshold: any finite lateness
// passes, and only a missing one, or one measured without the load, fails.
func TestCheckUnderLoadWantsAFiniteFigureAndTheLoad(t *testing.T) {
	good := Result{ParsePlanNs: 300, ParsePlanColdNs: 3000, HubMsgsPerS: 900, LogSetsPerS: 2000, BboltBatchPerS: 1500, LogRatio: 1.3,
		Timers: 10000, LatenessP50Ms: 1, LatenessP99Ms: 5, PingLatenessUnderLoadP99Ms: 0.3, BytesPerTimer: 300, BaselineP50Ms: 0.5, BaselineP99Ms: 1,
		BaselineBytesPerTimer: 180, LatenessRatio: 5, MemRatio: 1.6, ReloadMs: 30, HistorySets: 50000, HistoryP99Ms: 3,
		GroupBurst: GroupBurst{Lifters: 50, Messages: 1, Mentioned: 50},
		UnderLoad:  UnderLoad{Pings: 1000, HistoryDays: 300, Charts: 5, ImportRows: 20000, Imports: 4}}
	for _, ms := range []float64{0.3, 5000, 1e9} {
		r := good
		r.PingLatenessUnderLoadP99Ms = ms
		if err := Check(r); err != nil {
			t.Errorf("lateness under load %v ms was refused: %v", ms, err)
		}
	}
	for name, change := range map[string]func(*Result){
		"missing":    func(r *Result) { r.PingLatenessUnderLoadP99Ms = 0 },
		"infinite":   func(r *Result) { r.PingLatenessUnderLoadP99Ms = math.Inf(1) },
		"NaN":        func(r *Result) { r.PingLatenessUnderLoadP99Ms = math.NaN() },
		"no charts":  func(r *Result) { r.UnderLoad.Charts = 0 },
		"no imports": func(r *Result) { r.UnderLoad.Imports = 0 },
		"no pings":   func(r *Result) { r.UnderLoad.Pings = 0 },
	} {
		r := good
		change(&r)
		if err := Check(r); err == nil {
			t.Errorf("%s: passed", name)
		}
	}
}
