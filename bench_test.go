package main

import (
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/bot"
)

func TestCheckBenchRefusesMissingOrInsaneFigures(t *testing.T) {
	good := bot.BenchResult{ParsePlanNs: 300, ParsePlanColdNs: 3000, HubMsgsPerS: 900, LogSetsPerS: 2000, BboltBatchPerS: 1500, LogRatio: 1.3,
		Timers: 10000, LatenessP50Ms: 1, LatenessP99Ms: 5, BytesPerTimer: 300, BaselineP50Ms: 0.5, BaselineP99Ms: 1,
		BaselineBytesPerTimer: 180, LatenessRatio: 5, MemRatio: 1.6, ReloadMs: 30, HistorySets: 50000, HistoryP99Ms: 3,
		GroupBurst: bot.GroupBurst{Lifters: 50, Messages: 1, Mentioned: 50}}
	if err := checkBench(good); err != nil {
		t.Fatalf("a sane result was refused: %v", err)
	}
	bad := good
	bad.ReloadMs = 0
	if err := checkBench(bad); err == nil || !strings.Contains(err.Error(), "reload_ms") {
		t.Errorf("a missing figure passed: %v", err)
	}
	bad = good
	bad.GroupBurst.Violations = 1
	if err := checkBench(bad); err == nil {
		t.Error("a pace violation passed")
	}
	bad = good
	bad.GroupBurst.Mentioned = 49
	if err := checkBench(bad); err == nil {
		t.Error("a lost ping passed")
	}
}
