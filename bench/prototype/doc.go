// Package prototype holds HAND-EDITED COPIES of generated code, labelled as
// such, to measure fixes proposed in ANALYSIS.md before the generators
// change. Nothing here is generated or used outside the benchmarks
// (prototype_test.go in bench/).
package prototype
