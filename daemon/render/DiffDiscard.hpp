#pragma once
// GNU diff's first pass: lines that cannot be part of a match are set aside before the O(ND)
// search, which both speeds it up and, as a side effect, shapes which edit script it finds.

#include <array>
#include <cstddef>
#include <vector>

namespace dsroll::render::diff {

/**
 * discard_confusing_lines: for each of the two sequences of line classes, 1 for the lines the
 * comparison skips (they are changes) and 0 for the others.
 */
std::array<std::vector<char>, 2> confusingLines(const std::vector<std::ptrdiff_t>& equivs0,
                                                const std::vector<std::ptrdiff_t>& equivs1);

}  // namespace dsroll::render::diff
