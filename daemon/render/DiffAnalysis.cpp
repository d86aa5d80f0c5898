#include "daemon/render/DiffAnalysis.hpp"

#include "daemon/render/DiffDiscard.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace dsroll::render::diff {

namespace {

using Lin = std::ptrdiff_t;

constexpr Lin kSnakeLimit = 20;  // diffseq.h: snakes longer than this are "big"
constexpr Lin kLinMax = std::numeric_limits<Lin>::max();

struct FileData {
  std::vector<Lin> equivs;         // class of each line
  std::vector<char> changedStore;  // one flag per line plus a zero sentinel at each end
  std::vector<Lin> undiscarded;    // classes of the lines the main algorithm sees
  std::vector<Lin> realindexes;    // their line numbers
  char& changed(Lin i) { return changedStore[static_cast<std::size_t>(i + 1)]; }
  Lin lines() const { return static_cast<Lin>(equivs.size()); }
};

struct Partition {
  Lin xmid = 0;
  Lin ymid = 0;
  bool loMinimal = false;
  bool hiMinimal = false;
};

class Analysis {
 public:
  Analysis(const std::vector<Lin>& equivs0, const std::vector<Lin>& equivs1) {
    files_[0].equivs = equivs0;
    files_[1].equivs = equivs1;
    for (FileData& f : files_)
      f.changedStore.assign(f.equivs.size() + 2, 0);
  }

  std::vector<Change> run() {
    discardConfusingLines();
    const Lin n0 = static_cast<Lin>(files_[0].undiscarded.size());
    const Lin n1 = static_cast<Lin>(files_[1].undiscarded.size());
    Lin diags = n0 + n1 + 3;
    diagOffset_ = n1 + 1;
    fd_.assign(static_cast<std::size_t>(diags), 0);
    bd_.assign(static_cast<std::size_t>(diags), 0);
    // TOO_EXPENSIVE: about the square root of the input size, at least 4096.
    Lin tooExpensive = 1;
    for (; diags != 0; diags >>= 2)
      tooExpensive <<= 1;
    tooExpensive_ = std::max<Lin>(4096, tooExpensive);
    compareseq(0, n0, 0, n1, false);
    shiftBoundaries();
    return buildScript();
  }

 private:
  Lin& fd(Lin d) { return fd_[static_cast<std::size_t>(d + diagOffset_)]; }
  Lin& bd(Lin d) { return bd_[static_cast<std::size_t>(d + diagOffset_)]; }
  Lin xv(Lin i) const { return files_[0].undiscarded[static_cast<std::size_t>(i)]; }
  Lin yv(Lin i) const { return files_[1].undiscarded[static_cast<std::size_t>(i)]; }

  void discardConfusingLines();
  void diag(Lin xoff, Lin xlim, Lin yoff, Lin ylim, bool findMinimal, Partition& part);
  void compareseq(Lin xoff, Lin xlim, Lin yoff, Lin ylim, bool findMinimal);
  void shiftBoundaries();
  std::vector<Change> buildScript();

  FileData files_[2];
  std::vector<Lin> fd_;
  std::vector<Lin> bd_;
  Lin diagOffset_ = 0;
  Lin tooExpensive_ = 4096;
};

void Analysis::discardConfusingLines() {
  const auto discarded = confusingLines(files_[0].equivs, files_[1].equivs);
  for (int f = 0; f < 2; ++f) {
    FileData& file = files_[f];
    for (Lin i = 0; i < file.lines(); ++i) {
      if (discarded[static_cast<std::size_t>(f)][static_cast<std::size_t>(i)] == 0) {
        file.undiscarded.push_back(file.equivs[static_cast<std::size_t>(i)]);
        file.realindexes.push_back(i);
      } else {
        file.changed(i) = 1;
      }
    }
  }
}

// Finds the midpoint of a shortest edit script of [xoff, xlim) and [yoff, ylim) by searching
// forward from the start and backward from the end at once (Myers section 4.2). Gives up on
// optimality past tooExpensive_ steps, as GNU diff does without --minimal.
void Analysis::diag(Lin xoff, Lin xlim, Lin yoff, Lin ylim, bool findMinimal, Partition& part) {
  const Lin dmin = xoff - ylim;
  const Lin dmax = xlim - yoff;
  const Lin fmid = xoff - yoff;
  const Lin bmid = xlim - ylim;
  Lin fmin = fmid;
  Lin fmax = fmid;
  Lin bmin = bmid;
  Lin bmax = bmid;
  const bool odd = ((fmid - bmid) & 1) != 0;
  fd(fmid) = xoff;
  bd(bmid) = xlim;
  for (Lin c = 1;; ++c) {
    if (fmin > dmin) {
      fd(--fmin - 1) = -1;
    } else {
      ++fmin;
    }
    if (fmax < dmax) {
      fd(++fmax + 1) = -1;
    } else {
      --fmax;
    }
    for (Lin d = fmax; d >= fmin; d -= 2) {
      const Lin tlo = fd(d - 1);
      const Lin thi = fd(d + 1);
      const Lin x0 = tlo < thi ? thi : tlo + 1;
      Lin x = x0;
      Lin y = x0 - d;
      while (x < xlim && y < ylim && xv(x) == yv(y)) {
        ++x;
        ++y;
      }
      fd(d) = x;
      if (odd && bmin <= d && d <= bmax && bd(d) <= x) {
        part = {x, y, true, true};
        return;
      }
    }
    if (bmin > dmin) {
      bd(--bmin - 1) = kLinMax;
    } else {
      ++bmin;
    }
    if (bmax < dmax) {
      bd(++bmax + 1) = kLinMax;
    } else {
      --bmax;
    }
    for (Lin d = bmax; d >= bmin; d -= 2) {
      const Lin tlo = bd(d - 1);
      const Lin thi = bd(d + 1);
      const Lin x0 = tlo < thi ? tlo : thi - 1;
      Lin x = x0;
      Lin y = x0 - d;
      while (xoff < x && yoff < y && xv(x - 1) == yv(y - 1)) {
        --x;
        --y;
      }
      bd(d) = x;
      if (!odd && fmin <= d && d <= fmax && x <= fd(d)) {
        part = {x, y, true, true};
        return;
      }
    }
    if (findMinimal || c < tooExpensive_) continue;

    // Too expensive: report the better of the furthest-reaching diagonals found so far.
    Lin fxybest = -1;
    Lin fxbest = 0;
    for (Lin d = fmax; d >= fmin; d -= 2) {
      Lin x = std::min(fd(d), xlim);
      Lin y = x - d;
      if (ylim < y) {
        x = ylim + d;
        y = ylim;
      }
      if (fxybest < x + y) {
        fxybest = x + y;
        fxbest = x;
      }
    }
    Lin bxybest = kLinMax;
    Lin bxbest = 0;
    for (Lin d = bmax; d >= bmin; d -= 2) {
      Lin x = std::max(xoff, bd(d));
      Lin y = x - d;
      if (y < yoff) {
        x = yoff + d;
        y = yoff;
      }
      if (x + y < bxybest) {
        bxybest = x + y;
        bxbest = x;
      }
    }
    if ((xlim + ylim) - bxybest < fxybest - (xoff + yoff)) {
      part = {fxbest, fxybest - fxbest, true, false};
    } else {
      part = {bxbest, bxybest - bxbest, false, true};
    }
    return;
  }
}

void Analysis::compareseq(Lin xoff, Lin xlim, Lin yoff, Lin ylim, bool findMinimal) {
  while (xoff < xlim && yoff < ylim && xv(xoff) == yv(yoff)) {
    ++xoff;
    ++yoff;
  }
  while (xoff < xlim && yoff < ylim && xv(xlim - 1) == yv(ylim - 1)) {
    --xlim;
    --ylim;
  }
  if (xoff == xlim) {
    for (; yoff < ylim; ++yoff) {
      files_[1].changed(files_[1].realindexes[static_cast<std::size_t>(yoff)]) = 1;
    }
  } else if (yoff == ylim) {
    for (; xoff < xlim; ++xoff) {
      files_[0].changed(files_[0].realindexes[static_cast<std::size_t>(xoff)]) = 1;
    }
  } else {
    Partition part;
    diag(xoff, xlim, yoff, ylim, findMinimal, part);
    compareseq(xoff, part.xmid, yoff, part.ymid, part.loMinimal);
    compareseq(part.xmid, xlim, part.ymid, ylim, part.hiMinimal);
  }
}

// Slides each run of changed lines over identical neighbours: back to merge with a preceding
// run, forward as far as possible (or to merge), then back to line up with a run in the other
// file.
void Analysis::shiftBoundaries() {
  for (int f = 0; f < 2; ++f) {
    FileData& file = files_[f];
    FileData& other = files_[1 - f];
    auto changed = [&file](Lin k) -> char& { return file.changed(k); };
    auto otherChanged = [&other](Lin k) -> char& { return other.changed(k); };
    auto equivs = [&file](Lin k) { return file.equivs[static_cast<std::size_t>(k)]; };
    Lin i = 0;
    Lin j = 0;
    const Lin iEnd = file.lines();
    while (true) {
      while (i < iEnd && !changed(i)) {
        while (otherChanged(j++)) {
        }
        ++i;
      }
      if (i == iEnd) break;
      Lin start = i;
      while (changed(++i)) {
      }
      while (otherChanged(j))
        ++j;
      Lin runlength = 0;
      Lin corresponding = 0;
      do {
        runlength = i - start;
        while (start != 0 && equivs(start - 1) == equivs(i - 1)) {
          changed(--start) = 1;
          changed(--i) = 0;
          while (changed(start - 1))
            --start;
          while (otherChanged(--j)) {
          }
        }
        corresponding = otherChanged(j - 1) ? i : iEnd;
        while (i != iEnd && equivs(start) == equivs(i)) {
          changed(start++) = 0;
          changed(i++) = 1;
          while (changed(i))
            ++i;
          while (otherChanged(++j))
            corresponding = i;
        }
      } while (runlength != i - start);
      while (corresponding < i) {
        changed(--start) = 1;
        changed(--i) = 0;
        while (otherChanged(--j)) {
        }
      }
    }
  }
}

std::vector<Change> Analysis::buildScript() {
  std::vector<Change> script;
  Lin i0 = files_[0].lines();
  Lin i1 = files_[1].lines();
  while (i0 >= 0 || i1 >= 0) {
    if (files_[0].changed(i0 - 1) != 0 || files_[1].changed(i1 - 1) != 0) {
      const Lin line0 = i0;
      const Lin line1 = i1;
      while (files_[0].changed(i0 - 1) != 0)
        --i0;
      while (files_[1].changed(i1 - 1) != 0)
        --i1;
      script.push_back({i0, i1, line0 - i0, line1 - i1});
    }
    --i0;
    --i1;
  }
  std::reverse(script.begin(), script.end());
  return script;
}

}  // namespace

std::vector<Change> compareLines(const std::vector<std::ptrdiff_t>& equivs0,
                                 const std::vector<std::ptrdiff_t>& equivs1) {
  return Analysis(equivs0, equivs1).run();
}

}  // namespace dsroll::render::diff
