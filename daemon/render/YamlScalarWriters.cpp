// The scalar writers of go-yaml v2's emitter. Folding: a plain or quoted scalar that is not a key
// breaks the line at a single space once the column is past 80, continuing at the node's indent.

#include "daemon/render/YamlChars.hpp"
#include "daemon/render/YamlEmitter.hpp"

namespace dsroll::render::yaml {

void Emitter::writePlain(std::string_view value, bool allowBreaks) {
  if (!whitespace_) put(' ');
  bool spaces = false;
  bool breaks = false;
  for (std::size_t i = 0; i < value.size();) {
    if (isSpace(value, i)) {
      if (allowBreaks && !spaces && column_ > kBestWidth && !isSpace(value, i + 1)) {
        writeIndent();
        i += width(at(value, i));
      } else {
        write(value, i);
      }
      spaces = true;
    } else if (isBreak(value, i)) {
      if (!breaks && value[i] == '\n') putBreak();
      writeBreak(value, i);
      indention_ = true;
      breaks = true;
    } else {
      if (breaks) writeIndent();
      write(value, i);
      indention_ = false;
      spaces = false;
      breaks = false;
    }
  }
  whitespace_ = false;
  indention_ = false;
}

void Emitter::writeSingleQuoted(std::string_view value, bool allowBreaks) {
  writeIndicator("'", true, false, false);
  bool spaces = false;
  bool breaks = false;
  for (std::size_t i = 0; i < value.size();) {
    if (isSpace(value, i)) {
      if (allowBreaks && !spaces && column_ > kBestWidth && i > 0 && i < value.size() - 1 &&
          !isSpace(value, i + 1)) {
        writeIndent();
        i += width(at(value, i));
      } else {
        write(value, i);
      }
      spaces = true;
    } else if (isBreak(value, i)) {
      if (!breaks && value[i] == '\n') putBreak();
      writeBreak(value, i);
      indention_ = true;
      breaks = true;
    } else {
      if (breaks) writeIndent();
      if (value[i] == '\'') put('\'');
      write(value, i);
      indention_ = false;
      spaces = false;
      breaks = false;
    }
  }
  writeIndicator("'", false, false, false);
  whitespace_ = false;
  indention_ = false;
}

void Emitter::writeEscape(std::string_view value, std::size_t& i) {
  const unsigned octet = at(value, i);
  std::size_t w = 1;
  char32_t v = octet & 0x7FU;
  if ((octet & 0xE0U) == 0xC0U) {
    w = 2;
    v = octet & 0x1FU;
  } else if ((octet & 0xF0U) == 0xE0U) {
    w = 3;
    v = octet & 0x0FU;
  } else if ((octet & 0xF8U) == 0xF0U) {
    w = 4;
    v = octet & 0x07U;
  }
  for (std::size_t k = 1; k < w; ++k)
    v = (v << 6) + (at(value, i + k) & 0x3FU);
  i += w;

  put('\\');
  switch (v) {
    case 0x00:
      put('0');
      return;
    case 0x07:
      put('a');
      return;
    case 0x08:
      put('b');
      return;
    case 0x09:
      put('t');
      return;
    case 0x0A:
      put('n');
      return;
    case 0x0B:
      put('v');
      return;
    case 0x0C:
      put('f');
      return;
    case 0x0D:
      put('r');
      return;
    case 0x1B:
      put('e');
      return;
    case 0x22:
      put('"');
      return;
    case 0x5C:
      put('\\');
      return;
    case 0x85:
      put('N');
      return;
    case 0xA0:
      put('_');
      return;
    case 0x2028:
      put('L');
      return;
    case 0x2029:
      put('P');
      return;
    default:
      break;
  }
  int digits = 8;
  if (v <= 0xFF) {
    put('x');
    digits = 2;
  } else if (v <= 0xFFFF) {
    put('u');
    digits = 4;
  } else {
    put('U');
  }
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    const auto digit = static_cast<unsigned>((v >> static_cast<unsigned>(shift)) & 0x0FU);
    put(static_cast<char>(digit < 10 ? '0' + digit : 'A' + digit - 10));
  }
}

void Emitter::writeDoubleQuoted(std::string_view value, bool allowBreaks) {
  bool spaces = false;
  writeIndicator("\"", true, false, false);
  const bool bom = startsWithBom(value);
  for (std::size_t i = 0; i < value.size();) {
    if (!isPrintable(value, i) || bom || isBreak(value, i) || value[i] == '"' || value[i] == '\\') {
      writeEscape(value, i);
      spaces = false;
    } else if (isSpace(value, i)) {
      if (allowBreaks && !spaces && column_ > kBestWidth && i > 0 && i < value.size() - 1) {
        writeIndent();
        if (isSpace(value, i + 1)) put('\\');
        i += width(at(value, i));
      } else {
        write(value, i);
      }
      spaces = true;
    } else {
      write(value, i);
      spaces = false;
    }
  }
  writeIndicator("\"", false, false, false);
  whitespace_ = false;
  indention_ = false;
}

void Emitter::writeBlockScalarHints(std::string_view value) {
  if (isSpace(value, 0) || isBreak(value, 0)) {
    const char hint = static_cast<char>('0' + kBestIndent);
    writeIndicator(std::string_view(&hint, 1), false, false, false);
  }
  char chomp = 0;
  if (value.empty()) {
    chomp = '-';
  } else {
    std::size_t i = value.size() - 1;
    while ((at(value, i) & 0xC0U) == 0x80U)
      --i;
    if (!isBreak(value, i)) {
      chomp = '-';
    } else if (i == 0) {
      chomp = '+';
    } else {
      --i;
      while ((at(value, i) & 0xC0U) == 0x80U)
        --i;
      if (isBreak(value, i)) chomp = '+';
    }
  }
  if (chomp != 0) writeIndicator(std::string_view(&chomp, 1), false, false, false);
}

void Emitter::writeLiteral(std::string_view value) {
  writeIndicator("|", true, false, false);
  writeBlockScalarHints(value);
  putBreak();
  indention_ = true;
  whitespace_ = true;
  bool breaks = true;
  for (std::size_t i = 0; i < value.size();) {
    if (isBreak(value, i)) {
      writeBreak(value, i);
      indention_ = true;
      breaks = true;
    } else {
      if (breaks) writeIndent();
      write(value, i);
      indention_ = false;
      breaks = false;
    }
  }
}

}  // namespace dsroll::render::yaml
