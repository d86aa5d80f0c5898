#include "daemon/render/UnifiedDiff.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/render/DiffAnalysis.hpp"

namespace dsroll::render {

namespace {

using Lin = std::ptrdiff_t;

constexpr std::string_view kHeaderColor = "\x1b[1m";
constexpr std::string_view kHunkColor = "\x1b[36m";
constexpr std::string_view kDeleteColor = "\x1b[31m";
constexpr std::string_view kAddColor = "\x1b[32m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kNoNewline = "\n\\ No newline at end of file\n";

// A file as GNU diff holds it: the text with a newline appended when the last line lacks one.
struct File {
  std::string text;
  bool missingNewline = false;
  std::vector<std::size_t> lineStarts;  // every line, plus the end of the text
  std::size_t prefixEnd = 0;            // bytes of identical prefix left out of the comparison
  std::size_t suffixBegin = 0;          // start of the identical suffix left out
  Lin prefixLines = 0;
  Lin bufferedLines = 0;  // lines compared
  Lin validLines = 0;     // lines compared plus the suffix lines usable as context

  explicit File(const std::string& content) : text(content) {
    if (!text.empty() && text.back() != '\n') {
      text += '\n';
      missingNewline = true;
    }
    for (std::size_t p = 0; p < text.size(); p = text.find('\n', p) + 1)
      lineStarts.push_back(p);
    lineStarts.push_back(text.size());
  }

  Lin lines() const { return static_cast<Lin>(lineStarts.size()) - 1; }
  // Line i (0-based, whole file) without its newline, and whether it had one.
  std::string_view line(Lin i) const {
    const auto k = static_cast<std::size_t>(i);
    return std::string_view(text).substr(lineStarts[k], lineStarts[k + 1] - lineStarts[k] - 1);
  }
  bool complete(Lin i) const { return !(missingNewline && i == lines() - 1); }
};

// io.c's find_identical_ends: the byte-identical prefix and suffix, each shortened by
// `horizon` lines, stay out of the comparison.
void findIdenticalEnds(File& f0, File& f1, Lin horizon) {
  const std::string& t0 = f0.text;
  const std::string& t1 = f1.text;
  const std::size_t n0 = t0.size();
  const std::size_t n1 = t1.size();
  std::size_t p0 = 0;
  while (p0 < n0 && p0 < n1 && t0[p0] == t1[p0])
    ++p0;
  // A missing newline is not part of the prefix.
  const bool past0 = n0 - (f0.missingNewline ? 1 : 0) < p0;
  const bool past1 = n1 - (f1.missingNewline ? 1 : 0) < p0;
  if (past0 != past1) --p0;
  for (Lin i = horizon; p0 != 0;) {
    if (t0[p0 - 1] == '\n') {
      if (i == 0) break;
      --i;
    }
    --p0;
  }
  f0.prefixEnd = f1.prefixEnd = p0;

  std::size_t s0 = n0;
  std::size_t s1 = n1;
  if (f0.missingNewline == f1.missingNewline) {
    std::size_t beg0 = p0 + (n0 < n1 ? 0 : n0 - n1);
    while (s0 != beg0) {
      --s0;
      --s1;
      if (t0[s0] != t1[s1]) {
        ++s0;
        ++s1;
        beg0 = s0;
        break;
      }
    }
    // Finish a partial line, then keep `horizon` lines of the suffix in the comparison.
    const bool atLineStart = (s0 == 0 || t0[s0 - 1] == '\n') && (s1 == 0 || t1[s1 - 1] == '\n');
    Lin i = horizon + (atLineStart ? 0 : 1);
    while (i-- != 0 && s0 != n0) {
      while (t0[s0++] != '\n') {
      }
    }
    s1 += s0 - beg0;
  }
  f0.suffixBegin = s0;
  f1.suffixBegin = s1;
}

// The compared lines of both files as equivalence classes (equal text and completeness).
std::pair<std::vector<Lin>, std::vector<Lin>> classify(File& f0, File& f1, Lin context) {
  std::map<std::pair<std::string_view, bool>, Lin> classes;
  std::vector<Lin> equivs[2];
  File* files[2] = {&f0, &f1};
  for (int f = 0; f < 2; ++f) {
    File& file = *files[f];
    file.prefixLines = static_cast<Lin>(
        std::count(file.text.begin(), file.text.begin() + static_cast<long>(file.prefixEnd), '\n'));
    Lin i = file.prefixLines;
    for (; i < file.lines() && file.lineStarts[static_cast<std::size_t>(i)] < file.suffixBegin;
         ++i) {
      const auto key = std::make_pair(file.line(i), file.complete(i));
      const auto [it, inserted] = classes.emplace(key, static_cast<Lin>(classes.size()) + 1);
      equivs[f].push_back(it->second);
    }
    file.bufferedLines = i - file.prefixLines;
    file.validLines = std::min(file.lines(), i + context) - file.prefixLines;
  }
  return {std::move(equivs[0]), std::move(equivs[1])};
}

class HunkPrinter {
 public:
  HunkPrinter(const File& f0, const File& f1, Lin context, bool color)
      : files_{&f0, &f1}, context_(context), color_(color) {}

  void header(std::string_view mark, const std::string& label) {
    colored(kHeaderColor, std::string(mark) + " " + label);
    out_ += '\n';
  }

  // pr_unidiff_hunk for the changes [begin, end).
  void hunk(std::vector<diff::Change>::const_iterator begin,
            std::vector<diff::Change>::const_iterator end) {
    const diff::Change& last = *(end - 1);
    Lin first0 = begin->line0;
    Lin first1 = begin->line1;
    Lin last0 = last.line0 + last.deleted - 1;
    Lin last1 = last.line1 + last.inserted - 1;
    const Lin lowest = -files_[0]->prefixLines;
    first0 = std::max(first0 - context_, lowest);
    first1 = std::max(first1 - context_, lowest);
    last0 = last0 < files_[0]->validLines - context_ ? last0 + context_ : files_[0]->validLines - 1;
    last1 = last1 < files_[1]->validLines - context_ ? last1 + context_ : files_[1]->validLines - 1;
    colored(kHunkColor, "@@ -" + range(*files_[0], first0, last0) + " +" +
                            range(*files_[1], first1, last1) + " @@");
    out_ += '\n';
    Lin i = first0;
    Lin j = first1;
    auto next = begin;
    while (i <= last0 || j <= last1) {
      if (next == end || i < next->line0) {
        const Lin real = i++ + files_[0]->prefixLines;
        out_ += ' ';
        out_ += files_[0]->line(real);
        out_ += files_[0]->complete(real) ? std::string_view("\n") : kNoNewline;
        ++j;
        continue;
      }
      for (Lin k = 0; k < next->deleted; ++k)
        changed(*files_[0], i++, '-', kDeleteColor);
      for (Lin k = 0; k < next->inserted; ++k)
        changed(*files_[1], j++, '+', kAddColor);
      ++next;
    }
  }

  std::string take() { return std::move(out_); }

 private:
  void colored(std::string_view color, const std::string& text) {
    if (color_) out_ += color;
    out_ += text;
    if (color_) out_ += kReset;
  }

  // A deleted or inserted line; the colour ends before the line's newline.
  void changed(const File& file, Lin index, char mark, std::string_view color) {
    const Lin real = index + file.prefixLines;
    std::string text(1, mark);
    text += file.line(real);
    colored(color, text);
    out_ += file.complete(real) ? std::string_view("\n") : kNoNewline;
  }

  // print_unidiff_number_range
  static std::string range(const File& file, Lin a, Lin b) {
    const Lin transA = a + file.prefixLines + 1;
    const Lin transB = b + file.prefixLines + 1;
    if (transB <= transA) {
      return transB < transA ? std::to_string(transB) + ",0" : std::to_string(transB);
    }
    return std::to_string(transA) + "," + std::to_string(transB - transA + 1);
  }

  const File* files_[2];
  Lin context_;
  bool color_;
  std::string out_;
};

}  // namespace

std::string unifiedDiff(const std::string& a,
                        const std::string& b,
                        const std::string& labelA,
                        const std::string& labelB,
                        int context,
                        bool color) {
  if (a == b) return "";
  const Lin ctx = std::max(context, 0);
  File f0(a);
  File f1(b);
  findIdenticalEnds(f0, f1, ctx);
  const auto [equivs0, equivs1] = classify(f0, f1, ctx);
  const std::vector<diff::Change> script = diff::compareLines(equivs0, equivs1);

  HunkPrinter printer(f0, f1, ctx, color);
  printer.header("---", labelA);
  printer.header("+++", labelB);
  // find_hunk: changes closer than 2 * context + 1 unchanged lines share a hunk.
  for (auto begin = script.begin(); begin != script.end();) {
    auto end = begin + 1;
    while (end != script.end() &&
           end->line0 - ((end - 1)->line0 + (end - 1)->deleted) < 2 * ctx + 1) {
      ++end;
    }
    printer.hunk(begin, end);
    begin = end;
  }
  return printer.take();
}

}  // namespace dsroll::render
