package coach

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LogDay is the day a log line names, as the lifter wrote it: nothing or
// "today" (the zero LogDay), "yesterday" or "3 days ago" (Back), a
// weekday ("monday", "mon", "last fri"), or a date ("2026-11-28",
// "28/11", "28.11.", "nov 28", "28 nov", with or without a year). It is
// read without a clock; At turns it into a time in the lifter's zone.
type LogDay struct {
	// Back is how many days before today: 1 for yesterday.
	Back int
	// Weekday, when WeekdaySet, is the most recent such day before today:
	// "monday" said on a Monday is a week ago, since today needs no name.
	Weekday    time.Weekday
	WeekdaySet bool
	// Month and Day, when Month is set, are a date; Year 0 is the most
	// recent such date that is not after today ("28 nov" in March is last
	// November).
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether the day is today.
func (d LogDay) IsZero() bool { return d == LogDay{} }

// maxDaysBack is how far back "N days ago" reaches: ten years.
const maxDaysBack = 3660

// firstLogYear is the earliest year a log line may name.
const firstLogYear = 1970

// At is the time to stamp a set logged on day d, when the lifter writes
// at now in zone loc: now itself for today, else noon of that day in loc,
// so that the set lands on that day whichever zone reads it and a day's
// sets keep their order. A day after today is refused: training is
// logged once done.
func (d LogDay) At(now time.Time, loc *time.Location) (time.Time, error) {
	if d.IsZero() {
		return now, nil
	}
	local := now.In(loc)
	y, m, dd := local.Date()
	today := time.Date(y, m, dd, 12, 0, 0, 0, loc)
	var day time.Time
	switch {
	case d.Month != 0 && d.Year != 0:
		day = time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, loc)
		if day.Day() != d.Day {
			return time.Time{}, userErr("log bench 100x5 yesterday", "There is no %d %s in %d.", d.Day, d.Month.String()[:3], d.Year)
		}
		if day.After(today) {
			return time.Time{}, userErr("log bench 100x5 yesterday", "%s is still to come: log a set once it is done.", day.Format("2 Jan 2006"))
		}
	case d.Month != 0:
		// The most recent such date: this year's, else last year's (29
		// Feb: the last leap year's).
		for year := y; year >= y-8 && day.IsZero(); year-- {
			if c := time.Date(year, d.Month, d.Day, 12, 0, 0, 0, loc); c.Day() == d.Day && !c.After(today) {
				day = c
			}
		}
		if day.IsZero() {
			return time.Time{}, userErr("log bench 100x5 yesterday", "There is no %d %s.", d.Day, d.Month.String()[:3])
		}
	case d.WeekdaySet:
		back := (int(local.Weekday()) - int(d.Weekday) + 7) % 7
		if back == 0 {
			back = 7
		}
		day = today.AddDate(0, 0, -back)
	default:
		day = today.AddDate(0, 0, -d.Back)
	}
	if y2, m2, d2 := day.Date(); y2 == y && m2 == m && d2 == dd {
		return now, nil
	}
	return day, nil
}

// Text is the day for a reply: "" for today, else "Fri 27 Nov", with the
// year when it is not the year of now.
func (d LogDay) Text(at, now time.Time, loc *time.Location) string {
	if d.IsZero() {
		return ""
	}
	a, n := at.In(loc), now.In(loc)
	if a.Year() != n.Year() {
		return a.Format("Mon 2 Jan 2006")
	}
	return a.Format("Mon 2 Jan")
}

// weekdays are the words of each weekday.
var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
	"sunday": time.Sunday, "sun": time.Sunday,
}

// months are the words of each month.
var months = map[string]time.Month{
	"jan": time.January, "january": time.January,
	"feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March,
	"apr": time.April, "april": time.April,
	"may": time.May,
	"jun": time.June, "june": time.June,
	"jul": time.July, "july": time.July,
	"aug": time.August, "august": time.August,
	"sep": time.September, "sept": time.September, "september": time.September,
	"oct": time.October, "october": time.October,
	"nov": time.November, "november": time.November,
	"dec": time.December, "december": time.December,
}

// lexDay reads a day at toks[i:]: it returns the day and how many tokens
// it took, 0 when toks[i] starts no day. unit is the lifter's unit, which
// says how to read a date such as 5/6 whose two numbers could each be the
// month: day first in kg, month first in lb (as written where pounds are).
func lexDay(toks []string, i int, unit Unit) (LogDay, int, error) {
	if i >= len(toks) {
		return LogDay{}, 0, nil
	}
	w := toks[i]
	next := func(k int) string {
		if i+k < len(toks) {
			return toks[i+k]
		}
		return ""
	}
	switch w {
	case "today":
		return LogDay{}, 1, nil
	case "yesterday", "yday", "yest":
		return LogDay{Back: 1}, 1, nil
	case "on", "last":
		// "on monday", "last fri", "on 28 nov": the word belongs to the day.
		if d, n, err := lexDay(toks, i+1, unit); n > 0 || err != nil {
			return d, n + 1, err
		}
		return LogDay{}, 0, nil
	}
	if wd, ok := weekdays[w]; ok {
		return LogDay{Weekday: wd, WeekdaySet: true}, 1, nil
	}
	if m, ok := months[w]; ok { // "nov 28", "nov 28th", "nov 28 2025"
		d, ok := dayOfMonth(next(1))
		if !ok {
			return LogDay{}, 0, nil
		}
		day := LogDay{Month: m, Day: d}
		if y, ok := yearWord(next(2)); ok {
			day.Year = y
			return day, 3, checkDate(day)
		}
		return day, 2, checkDate(day)
	}
	if d, ok := dayOfMonth(w); ok { // "28 nov", "28th november 2025"
		// In "5 nov 28" the date is nov 28, and 5 a number of the sets.
		if _, dayAfter := dayOfMonth(next(2)); dayAfter {
			return LogDay{}, 0, nil
		}
		if m, ok := months[next(1)]; ok {
			day := LogDay{Month: m, Day: d}
			if y, ok := yearWord(next(2)); ok {
				day.Year = y
				return day, 3, checkDate(day)
			}
			return day, 2, checkDate(day)
		}
	}
	if n, err := strconv.Atoi(w); err == nil && n >= 0 { // "3 days ago", "2 weeks ago"
		per := 0
		switch next(1) {
		case "day", "days":
			per = 1
		case "week", "weeks":
			per = 7
		}
		if per > 0 && next(2) == "ago" {
			if n*per > maxDaysBack {
				return LogDay{}, 0, userErr("log bench 100x5 3 days ago", "That is more than ten years ago.")
			}
			return LogDay{Back: n * per}, 3, nil
		}
	}
	if day, ok, err := numericDate(w, unit); ok || err != nil {
		return day, 1, err
	}
	return LogDay{}, 0, nil
}

// numericDate reads a date written in numbers: 2026-11-28, 28/11,
// 28/11/2026, 28/11/26, 11/28 (a first number up to 12 and a second over
// it is month first), 28.11. and 28.11.2026 (the final point tells a
// date from a load). ok is false when w is not one.
func numericDate(w string, unit Unit) (LogDay, bool, error) {
	var parts []string
	dayFirst, iso := true, false
	switch {
	case strings.Count(w, "-") == 2 && len(w) >= 8 && isDigit(w[0]):
		p := strings.Split(w, "-")
		if len(p[0]) != 4 {
			return LogDay{}, false, nil
		}
		parts, iso = []string{p[2], p[1], p[0]}, true
	case strings.Count(w, "/") >= 1 && isDigit(w[0]):
		parts = strings.Split(w, "/")
		dayFirst = unit != LB
	case strings.Count(w, ".") >= 2 && isDigit(w[0]) && (strings.HasSuffix(w, ".") || strings.Count(w, ".") == 2):
		parts = strings.Split(strings.TrimSuffix(w, "."), ".")
	default:
		return LogDay{}, false, nil
	}
	if len(parts) < 2 || len(parts) > 3 {
		return LogDay{}, false, nil
	}
	nums := make([]int, len(parts))
	for k, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || p == "" || n < 0 {
			return LogDay{}, false, nil
		}
		nums[k] = n
	}
	a, b := nums[0], nums[1]
	switch {
	case iso:
	case a > 12 && b <= 12:
		dayFirst = true
	case b > 12 && a <= 12:
		dayFirst = false
	}
	day := LogDay{Day: a, Month: time.Month(b)}
	if !dayFirst {
		day = LogDay{Day: b, Month: time.Month(a)}
	}
	if len(nums) == 3 {
		y := nums[2]
		if len(parts[2]) == 2 {
			y += 2000
		}
		day.Year = y
	}
	if day.Month < 1 || day.Month > 12 || day.Day < 1 || day.Day > 31 {
		return LogDay{}, true, userErr("log bench 100x5 yesterday", "%q is not a date I can read: write 2026-11-28, 28/11 or nov 28.", clip(w, 24))
	}
	return day, true, checkDate(day)
}

// checkDate refuses a date whose day or year cannot be: 31 Feb, 29 Feb
// of a year that had none, a year before firstLogYear.
func checkDate(d LogDay) error {
	if d.Year != 0 && (d.Year < firstLogYear || d.Year > 9999) {
		return userErr("log bench 100x5 nov 28", "%d is not a year I can log.", d.Year)
	}
	year := d.Year
	if year == 0 {
		year = 2000 // a leap year: 29 Feb may be the last one
	}
	if d.Day < 1 || time.Date(year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Day() != d.Day {
		if d.Year != 0 {
			return userErr("log bench 100x5 nov 28", "There is no %d %s in %d.", d.Day, d.Month.String()[:3], d.Year)
		}
		return userErr("log bench 100x5 nov 28", "There is no %d %s.", d.Day, d.Month.String()[:3])
	}
	return nil
}

// dayOfMonth reads "28", "28th", "1st", "2nd", "3rd".
func dayOfMonth(w string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		w = strings.TrimSuffix(w, suf)
	}
	if w == "" || len(w) > 2 {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && n >= 1 && n <= 31
}

// yearWord reads a four-digit year (checkDate says which can be logged).
func yearWord(w string) (int, bool) {
	if len(w) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && n >= 1000
}

// String is the day as a log line writes it, for tests and messages.
func (d LogDay) String() string {
	switch {
	case d.Month != 0 && d.Year != 0:
		return fmt.Sprintf("%d-%02d-%02d", d.Year, int(d.Month), d.Day)
	case d.Month != 0:
		return fmt.Sprintf("%d %s", d.Day, strings.ToLower(d.Month.String()[:3]))
	case d.WeekdaySet:
		return strings.ToLower(d.Weekday.String())
	case d.Back == 1:
		return "yesterday"
	case d.Back > 1:
		return fmt.Sprintf("%d days ago", d.Back)
	}
	return "today"
}
