#pragma once
// Column alignment with the exact semantics of Go's text/tabwriter (and the liggitt/tabwriter fork
// kubectl's `get` tables use, which adds RememberWidths). kubectl builds its `rollout history`
// table with minwidth 0, tabwidth 8, padding 2 and its `get` tables with minwidth 6, tabwidth 4,
// padding 3 and RememberWidths, so the same text must be aligned the same way to match it byte
// for byte.

#include <string>
#include <string_view>
#include <vector>

namespace dsroll::render {

/** Formatting flags, bit for bit those of Go's text/tabwriter (plus the liggitt fork's last one).
 */
enum TabWriterFlag : unsigned {
  kFilterHtml = 1U << 0,           ///< HTML tags have width 0, entities width 1
  kStripEscape = 1U << 1,          ///< drop the 0xff escape bytes from the output
  kAlignRight = 1U << 2,           ///< right-align cell contents
  kDiscardEmptyColumns = 1U << 3,  ///< columns of empty, tab-less cells take no room
  kTabIndent = 1U << 4,            ///< indent leading empty cells with tabs
  kDebug = 1U << 5,                ///< print '|' between columns
  kRememberWidths = 1U << 6,       ///< column widths never shrink across flushes
};

/** The parameters of Go's tabwriter.Writer.Init. */
struct TabWriterOptions {
  int minWidth = 0;
  int tabWidth = 8;
  int padding = 2;
  char padChar = ' ';
  unsigned flags = 0;
};

/** kubectl's `rollout history` table and describe output (`tabwriter.Init(out, 0, 8, 2, ' ', 0)`).
 */
inline constexpr TabWriterOptions kHistoryTableOptions{0, 8, 2, ' ', 0};
/** kubectl's `get` tables (cli-runtime printers.GetNewTabWriter). */
inline constexpr TabWriterOptions kGetTableOptions{6, 4, 3, ' ', kRememberWidths};

/**
 * A streaming aligner: cells end with '\t' (or '\v', a soft tab), lines with '\n' or '\f'. As in
 * Go, a line with a single cell, a '\f' or flush() ends the current column block and emits it.
 */
class TabWriter {
 public:
  explicit TabWriter(TabWriterOptions options = {});

  /** Adds text; completed blocks are appended to the output. */
  void write(std::string_view text);
  /** Emits everything buffered, including an unterminated last line, and resets the block. */
  void flush();
  /** Returns the output produced so far and clears it. */
  std::string take();

 private:
  struct Cell {
    std::size_t size = 0;  // bytes in buf_
    int width = 0;         // runes, excluding escaped sections
    bool htab = false;     // terminated by '\t' rather than '\v'
  };

  void reset();
  void addLine();
  void appendText(std::string_view text);
  void updateWidth();
  void startEscape(char ch);
  void endEscape();
  std::size_t terminateCell(bool htab);
  void flushBlock();
  std::size_t format(std::size_t pos, std::size_t line0, std::size_t line1);
  std::size_t writeLines(std::size_t pos, std::size_t line0, std::size_t line1);
  void writePadding(int textWidth, int cellWidth, bool useTabs);

  TabWriterOptions options_;
  std::string out_;
  std::string buf_;
  std::size_t pos_ = 0;
  Cell cell_;
  char endChar_ = 0;
  std::vector<std::vector<Cell>> lines_;
  std::vector<int> widths_;
  std::vector<int> maxWidths_;
};

/** Aligns a complete text in one go: write(text) then flush(). */
std::string tabwrite(std::string_view text, TabWriterOptions options = {});

}  // namespace dsroll::render
