#include "daemon/render/TabWriter.hpp"

#include <algorithm>
#include <stdexcept>

#include "daemon/render/Utf8.hpp"

namespace dsroll::render {

namespace {

constexpr char kEscape = '\xff';

}  // namespace

TabWriter::TabWriter(TabWriterOptions options) : options_(options) {
  if (options_.minWidth < 0 || options_.tabWidth < 0 || options_.padding < 0) {
    throw std::invalid_argument("TabWriter: negative minWidth, tabWidth or padding");
  }
  if (options_.padChar == '\t') options_.flags &= ~static_cast<unsigned>(kAlignRight);
  reset();
}

void TabWriter::reset() {
  buf_.clear();
  pos_ = 0;
  cell_ = Cell{};
  endChar_ = 0;
  lines_.clear();
  widths_.clear();
  addLine();
}

void TabWriter::addLine() {
  lines_.emplace_back();
}

void TabWriter::appendText(std::string_view text) {
  buf_.append(text);
  cell_.size += text.size();
}

void TabWriter::updateWidth() {
  cell_.width += static_cast<int>(utf8::runeCount(std::string_view(buf_).substr(pos_)));
  pos_ = buf_.size();
}

void TabWriter::startEscape(char ch) {
  switch (ch) {
    case kEscape:
      endChar_ = kEscape;
      break;
    case '<':
      endChar_ = '>';
      break;
    case '&':
      endChar_ = ';';
      break;
    default:
      break;
  }
}

void TabWriter::endEscape() {
  switch (endChar_) {
    case kEscape:
      updateWidth();
      if ((options_.flags & kStripEscape) == 0) cell_.width -= 2;  // the escape bytes take no room
      break;
    case ';':
      ++cell_.width;  // an entity counts as one character
      break;
    default:  // a tag has no width
      break;
  }
  pos_ = buf_.size();
  endChar_ = 0;
}

std::size_t TabWriter::terminateCell(bool htab) {
  cell_.htab = htab;
  lines_.back().push_back(cell_);
  cell_ = Cell{};
  return lines_.back().size();
}

void TabWriter::write(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (endChar_ == 0) {
      switch (ch) {
        case '\t':
        case '\v':
        case '\n':
        case '\f': {
          appendText(text.substr(n, i - n));
          updateWidth();
          n = i + 1;
          const std::size_t cells = terminateCell(ch == '\t');
          if (ch == '\n' || ch == '\f') {
            addLine();
            // A single-cell line or a form feed ends the column block.
            if (ch == '\f' || cells == 1) {
              flushBlock();
              if (ch == '\f' && (options_.flags & kDebug) != 0) out_ += "---\n";
            }
          }
          break;
        }
        case kEscape:
          appendText(text.substr(n, i - n));
          updateWidth();
          n = i;
          if ((options_.flags & kStripEscape) != 0) ++n;
          startEscape(kEscape);
          break;
        case '<':
        case '&':
          if ((options_.flags & kFilterHtml) != 0) {
            appendText(text.substr(n, i - n));
            updateWidth();
            n = i;
            startEscape(ch);
          }
          break;
        default:
          break;
      }
    } else if (ch == endChar_) {
      std::size_t j = i + 1;
      if (ch == kEscape && (options_.flags & kStripEscape) != 0) j = i;
      appendText(text.substr(n, j - n));
      n = i + 1;
      endEscape();
    }
  }
  appendText(text.substr(n));
}

void TabWriter::flush() {
  flushBlock();
}

void TabWriter::flushBlock() {
  if (cell_.size > 0) {
    if (endChar_ != 0) endEscape();
    terminateCell(false);
  }
  format(0, 0, lines_.size());
  reset();
}

std::string TabWriter::take() {
  std::string result;
  result.swap(out_);
  return result;
}

void TabWriter::writePadding(int textWidth, int cellWidth, bool useTabs) {
  if (options_.padChar == '\t' || useTabs) {
    if (options_.tabWidth == 0) return;  // tabs have no width: no padding possible
    const int tab = options_.tabWidth;
    cellWidth = (cellWidth + tab - 1) / tab * tab;
    const int n = cellWidth - textWidth;
    out_.append(static_cast<std::size_t>((n + tab - 1) / tab), '\t');
    return;
  }
  if (cellWidth > textWidth) {
    out_.append(static_cast<std::size_t>(cellWidth - textWidth), options_.padChar);
  }
}

std::size_t TabWriter::writeLines(std::size_t pos, std::size_t line0, std::size_t line1) {
  for (std::size_t i = line0; i < line1; ++i) {
    const std::vector<Cell>& line = lines_[i];
    bool useTabs = (options_.flags & kTabIndent) != 0;
    for (std::size_t j = 0; j < line.size(); ++j) {
      const Cell& c = line[j];
      if (j > 0 && (options_.flags & kDebug) != 0) out_ += '|';
      const bool hasWidth = j < widths_.size();
      if (c.size == 0) {
        if (hasWidth) writePadding(c.width, widths_[j], useTabs);
        continue;
      }
      useTabs = false;
      if ((options_.flags & kAlignRight) == 0) {
        out_.append(buf_, pos, c.size);
        pos += c.size;
        if (hasWidth) writePadding(c.width, widths_[j], false);
      } else {
        if (hasWidth) writePadding(c.width, widths_[j], false);
        out_.append(buf_, pos, c.size);
        pos += c.size;
      }
    }
    if (i + 1 == lines_.size()) {
      // The last buffered line is not terminated: write its pending cell as is.
      out_.append(buf_, pos, cell_.size);
      pos += cell_.size;
    } else {
      out_ += '\n';
    }
  }
  return pos;
}

std::size_t TabWriter::format(std::size_t pos, std::size_t line0, std::size_t line1) {
  const std::size_t column = widths_.size();
  for (std::size_t current = line0; current < line1; ++current) {
    // The last cell of a line is not part of a column (it is not tab-terminated).
    if (column + 1 >= lines_[current].size()) continue;

    // This line has a cell in this column: it starts a column block.
    pos = writeLines(pos, line0, current);
    line0 = current;

    int width = options_.minWidth;
    bool discardable = true;  // all cells in the block are empty and soft
    for (; current < line1; ++current) {
      const std::vector<Cell>& line = lines_[current];
      if (column + 1 >= line.size()) break;
      const Cell& c = line[column];
      width = std::max(width, c.width + options_.padding);
      if (c.width > 0 || c.htab) discardable = false;
    }
    if (discardable && (options_.flags & kDiscardEmptyColumns) != 0) width = 0;

    if ((options_.flags & kRememberWidths) != 0) {
      if (maxWidths_.size() < widths_.size()) {
        maxWidths_.insert(maxWidths_.end(), widths_.begin() + static_cast<long>(maxWidths_.size()),
                          widths_.end());
      }
      if (maxWidths_.size() == widths_.size()) {
        maxWidths_.push_back(width);
      } else if (maxWidths_[widths_.size()] > width) {
        width = maxWidths_[widths_.size()];
      } else {
        maxWidths_[widths_.size()] = width;
      }
    }

    // Format everything to the right of this column with its width known.
    widths_.push_back(width);
    pos = format(pos, line0, current);
    widths_.pop_back();
    line0 = current;
    // Like Go's loop, the ++current below steps over the line that ended the block; that line has
    // no cell in this column, so it would be skipped anyway.
  }
  return writeLines(pos, line0, line1);
}

std::string tabwrite(std::string_view text, TabWriterOptions options) {
  TabWriter writer(options);
  writer.write(text);
  writer.flush();
  return writer.take();
}

}  // namespace dsroll::render
