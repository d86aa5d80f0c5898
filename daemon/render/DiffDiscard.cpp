// discard_confusing_lines of GNU diff 3.8's analyze.c.

#include "daemon/render/DiffDiscard.hpp"

#include <algorithm>

namespace dsroll::render::diff {

namespace {

using Lin = std::ptrdiff_t;

// Provisional discards stand only inside a run of discards with definite ones at both ends, and
// not as long subruns or near the run's ends.
void cancelProvisionalDiscards(std::vector<char>& discards) {
  const Lin end = static_cast<Lin>(discards.size());
  auto at = [&discards](Lin k) -> char& { return discards[static_cast<std::size_t>(k)]; };
  for (Lin i = 0; i < end; ++i) {
    if (at(i) == 2) {
      at(i) = 0;
      continue;
    }
    if (at(i) == 0) continue;
    Lin j = i;
    Lin provisional = 0;
    for (; j < end; ++j) {
      if (at(j) == 0) break;
      if (at(j) == 2) ++provisional;
    }
    while (j > i && at(j - 1) == 2) {
      at(--j) = 0;
      --provisional;
    }
    const Lin length = j - i;
    if (provisional * 4 > length) {
      while (j > i) {
        if (at(--j) == 2) at(j) = 0;
      }
      continue;
    }
    Lin minimum = 1;
    Lin tem = length >> 2;
    while (0 < (tem >>= 2))
      minimum <<= 1;
    ++minimum;
    Lin consec = 0;
    for (j = 0; j < length; ++j) {
      if (at(i + j) != 2) {
        consec = 0;
      } else if (minimum == ++consec) {
        j -= consec;  // back up to the start of the subrun to cancel all of it
      } else if (minimum < consec) {
        at(i + j) = 0;
      }
    }
    consec = 0;
    for (j = 0; j < length; ++j) {
      if (j >= 8 && at(i + j) == 1) break;
      if (at(i + j) == 2) {
        consec = 0;
        at(i + j) = 0;
      } else if (at(i + j) == 0) {
        consec = 0;
      } else {
        ++consec;
      }
      if (consec == 3) break;
    }
    i += length - 1;
    consec = 0;
    for (j = 0; j < length; ++j) {
      if (j >= 8 && at(i - j) == 1) break;
      if (at(i - j) == 2) {
        consec = 0;
        at(i - j) = 0;
      } else if (at(i - j) == 0) {
        consec = 0;
      } else {
        ++consec;
      }
      if (consec == 3) break;
    }
  }
}

}  // namespace

// A line matching nothing in the other file is discarded (it can only be a change); one matching
// many lines there is provisionally discardable.
std::array<std::vector<char>, 2> confusingLines(const std::vector<std::ptrdiff_t>& equivs0,
                                                const std::vector<std::ptrdiff_t>& equivs1) {
  const std::vector<Lin>* files[2] = {&equivs0, &equivs1};
  Lin equivMax = 1;
  for (const std::vector<Lin>* f : files) {
    for (const Lin e : *f)
      equivMax = std::max(equivMax, e + 1);
  }
  std::vector<Lin> equivCount[2] = {std::vector<Lin>(static_cast<std::size_t>(equivMax), 0),
                                    std::vector<Lin>(static_cast<std::size_t>(equivMax), 0)};
  for (int f = 0; f < 2; ++f) {
    for (const Lin e : *files[f])
      ++equivCount[f][static_cast<std::size_t>(e)];
  }
  // A line matching nothing in the other file is discarded; one matching many lines there is
  // provisionally discardable.
  std::array<std::vector<char>, 2> discarded;
  for (int f = 0; f < 2; ++f) {
    const auto end = static_cast<Lin>(files[f]->size());
    discarded[static_cast<std::size_t>(f)].assign(static_cast<std::size_t>(end), 0);
    Lin many = 5;
    Lin tem = end / 64;
    while ((tem = tem >> 2) > 0)
      many *= 2;  // about the square root of the line count
    for (Lin i = 0; i < end; ++i) {
      const Lin e = (*files[f])[static_cast<std::size_t>(i)];
      if (e == 0) continue;
      const Lin nmatch = equivCount[1 - f][static_cast<std::size_t>(e)];
      if (nmatch == 0) {
        discarded[static_cast<std::size_t>(f)][static_cast<std::size_t>(i)] = 1;
      } else if (nmatch > many) {
        discarded[static_cast<std::size_t>(f)][static_cast<std::size_t>(i)] = 2;
      }
    }
  }
  for (std::vector<char>& d : discarded)
    cancelProvisionalDiscards(d);
  return discarded;
}

}  // namespace dsroll::render::diff
