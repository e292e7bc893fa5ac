// Package coach is Spotter's coaching domain: units and loads, gym
// equipment and plate math, the exercise catalog, the command parser, one
// planner per technique from the source articles, 1RM and RPE arithmetic,
// and the text rendering of plans.
//
// The package is pure: it does no I/O, reads no clock and imports nothing
// else from this module. Every exported value that is built once (a Catalog,
// a Gym, a Coach) is immutable afterwards and safe for concurrent use.
package coach
