#pragma once
// The line comparison of GNU diff 3.8 (src/analyze.c with gnulib's diffseq.h): lines that cannot
// match are discarded first, the rest go through Myers' O(ND) middle-snake search with GNU's
// tie-breaking and its cost cut-off, and change boundaries are then slid the way GNU does. Same
// algorithm, same choices among equally short edit scripts, so `diff -u` output can be matched
// byte for byte.

#include <cstddef>
#include <vector>

namespace dsroll::render::diff {

/** One change: `deleted` lines at line0 of the first sequence replaced by `inserted` lines at
 * line1 of the second (0-based; a pure insertion has deleted == 0, and vice versa). */
struct Change {
  std::ptrdiff_t line0 = 0;
  std::ptrdiff_t line1 = 0;
  std::ptrdiff_t deleted = 0;
  std::ptrdiff_t inserted = 0;
};

/**
 * Compares two sequences of line equivalence classes (equal lines have equal class numbers,
 * numbered from 1) and returns the edit script in order.
 */
std::vector<Change> compareLines(const std::vector<std::ptrdiff_t>& equivs0,
                                 const std::vector<std::ptrdiff_t>& equivs1);

}  // namespace dsroll::render::diff
