#pragma once
// kubectl describe's PrefixWriter: each write is prefixed with two spaces per level and has its
// terminal control characters escaped (ESC -> "^[", CR -> "\r"), as printers.WriteEscaped does.
// The describers call it with the same granularity as kubectl's code, because the prefix goes
// only in front of each write, not of each line.

#include <string>
#include <string_view>

namespace dsroll::render {

class PrefixWriter {
 public:
  /** Appends to out. */
  explicit PrefixWriter(std::string& out) : out_(&out) {}

  /** Writes text after 2 * level spaces (describe's LEVEL_0..LEVEL_4). */
  void write(int level, std::string_view text);

  /** Writes text and a newline; a nested writer prefixes it with its own indentation. */
  void writeLine(std::string_view text);

  /** A writer that adds `indent` levels to every write (NewNestedPrefixWriter). */
  PrefixWriter nested(int indent) const;

 private:
  PrefixWriter(std::string& out, int indent) : out_(&out), indent_(indent), nested_(true) {}

  std::string* out_;
  int indent_ = 0;
  bool nested_ = false;
};

/** printers.EscapeTerminal: ESC becomes "^[", CR becomes "\r". */
std::string escapeTerminal(std::string_view text);

}  // namespace dsroll::render
