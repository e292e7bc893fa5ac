package coach_test

import (
	"fmt"

	"github.com/spotter-coach/spotter/coach"
)

func ExampleCoach_Handle() {
	c, _ := coach.New(coach.Config{})
	plan, _, err := c.Handle("drop 80kg bench", coach.KG)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(plan.Text())
	// Output:
	// Drop set: bench press (barbell, kg)
	// 1. Top set: 80 kg × 8-12 · a side: (inside first) 15 + 2.5 + 1.25 + 5 + 5 + 1.25
	// 2. Drop 1: 67.5 kg × ~8 · take off 5 + 1.25 a side
	// 3. Drop 2: 57.5 kg × ~8 · take off 5 a side
	// 4. Drop 3: 50 kg × ~8 · take off 2.5 + 1.25 a side
	// Each set to failure, then about 15 % off and straight on: no rest between drops.
	// • Drop sets suit machines and isolation work best; on a heavy barbell lift have a spotter and the small plates ready.
	// • For intermediate to advanced lifters after size, not strength: use drop sets occasionally, at the end of the workout, once or twice per muscle group a week.
}

func ExampleCoach_Handle_error() {
	c, _ := coach.New(coach.Config{})
	_, _, err := c.Handle("rp 100kg sqaut", coach.KG)
	fmt.Println(err)
	// Output:
	// I don't know the exercise "sqaut"; did you mean back squat, front squat or box squat? Try: rp 100kg back squat
}

func ExampleCoach_Parse() {
	c, _ := coach.New(coach.Config{})
	cmd, _ := c.Parse("/backoff@SpotterBot bench 90kg x2", coach.LB)
	fmt.Println(cmd.Technique, cmd.Exercise.Name, cmd.Load, cmd.Unit, cmd.Reps)
	// Output: back-off bench press 90 kg 2
}

func ExampleFormula_OneRM() {
	fmt.Printf("%.1f %.1f\n", coach.Epley.OneRM(90, 2), coach.Brzycki.OneRM(90, 2))
	// Output: 96.0 92.6
}

func ExampleRPEPercent() {
	// The RPE chart: a triple at RPE 10 is about 92 % of 1RM; at RPE 8 it
	// is a 5-rep max, about 86 %.
	fmt.Printf("%.3f %.3f\n", coach.RPEPercent(3, 10), coach.RPEPercent(3, 8))
	// Output: 0.922 0.863
}
