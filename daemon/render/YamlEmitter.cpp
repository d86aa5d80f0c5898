#include "daemon/render/YamlEmitter.hpp"

#include "daemon/render/YamlChars.hpp"

namespace dsroll::render::yaml {

ScalarAnalysis analyzeScalar(std::string_view value) {
  ScalarAnalysis a;
  if (value.empty()) {
    a.blockPlainAllowed = true;
    a.singleQuotedAllowed = true;
    return a;
  }
  bool blockIndicators = false;
  bool flowIndicators = false;
  bool lineBreaks = false;
  bool specialCharacters = false;
  bool leadingSpace = false;
  bool leadingBreak = false;
  bool trailingSpace = false;
  bool trailingBreak = false;
  bool breakSpace = false;
  bool spaceBreak = false;
  bool previousSpace = false;
  bool previousBreak = false;

  if (value.size() >= 3 && (value.substr(0, 3) == "---" || value.substr(0, 3) == "...")) {
    blockIndicators = true;
    flowIndicators = true;
  }
  bool precededByWhitespace = true;
  for (std::size_t i = 0, w = 0; i < value.size(); i += w) {
    w = width(at(value, i));
    const bool followedByWhitespace = i + w >= value.size() || isBlank(value, i + w);
    const char c = value[i];
    if (i == 0) {
      switch (c) {
        case '#':
        case ',':
        case '[':
        case ']':
        case '{':
        case '}':
        case '&':
        case '*':
        case '!':
        case '|':
        case '>':
        case '\'':
        case '"':
        case '%':
        case '@':
        case '`':
          flowIndicators = true;
          blockIndicators = true;
          break;
        case '?':
        case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '-':
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
        default:
          break;
      }
    } else {
      switch (c) {
        case ',':
        case '?':
        case '[':
        case ']':
        case '{':
        case '}':
          flowIndicators = true;
          break;
        case ':':
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case '#':
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
        default:
          break;
      }
    }
    if (!isPrintable(value, i)) specialCharacters = true;
    if (isSpace(value, i)) {
      if (i == 0) leadingSpace = true;
      if (i + w == value.size()) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(value, i)) {
      lineBreaks = true;
      if (i == 0) leadingBreak = true;
      if (i + w == value.size()) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrBreakOrEnd(value, i);
  }

  a.multiline = lineBreaks;
  a.flowPlainAllowed = true;
  a.blockPlainAllowed = true;
  a.singleQuotedAllowed = true;
  a.blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

void Emitter::put(char c) {
  out_ += c;
  ++column_;
}

void Emitter::putBreak() {
  out_ += '\n';
  column_ = 0;
}

void Emitter::write(std::string_view value, std::size_t& i) {
  const std::size_t w = width(at(value, i));
  out_.append(value.substr(i, w));
  ++column_;
  i += w;
}

void Emitter::writeBreak(std::string_view value, std::size_t& i) {
  if (value[i] == '\n') {
    putBreak();
    ++i;
  } else {
    write(value, i);
    column_ = 0;
  }
}

void Emitter::writeIndent() {
  const int indent = indent_ < 0 ? 0 : indent_;
  if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) putBreak();
  while (column_ < indent)
    put(' ');
  whitespace_ = true;
  indention_ = true;
}

void Emitter::writeIndicator(std::string_view indicator,
                             bool needWhitespace,
                             bool isWhitespace,
                             bool isIndention) {
  if (needWhitespace && !whitespace_) put(' ');
  for (std::size_t i = 0; i < indicator.size();)
    write(indicator, i);
  whitespace_ = isWhitespace;
  indention_ = indention_ && isIndention;
}

void Emitter::increaseIndent(bool flow, bool indentless) {
  indents_.push_back(indent_);
  if (indent_ < 0) {
    indent_ = flow ? kBestIndent : 0;
  } else if (!indentless) {
    indent_ += kBestIndent;
  }
}

void Emitter::popIndent() {
  indent_ = indents_.back();
  indents_.pop_back();
}

void Emitter::beginNode(bool root, bool sequence, bool mapping, bool simpleKey) {
  rootContext_ = root;
  sequenceContext_ = sequence;
  mappingContext_ = mapping;
  simpleKeyContext_ = simpleKey;
}

void Emitter::scalar(std::string_view value, ScalarStyle requested) {
  // yaml_emitter_select_scalar_style
  const ScalarAnalysis a = analyzeScalar(value);
  ScalarStyle style = requested;
  if (simpleKeyContext_ && a.multiline) style = ScalarStyle::kDoubleQuoted;
  if (style == ScalarStyle::kPlain) {
    if ((flowLevel_ > 0 && !a.flowPlainAllowed) || (flowLevel_ == 0 && !a.blockPlainAllowed)) {
      style = ScalarStyle::kSingleQuoted;
    }
    if (value.empty() && (flowLevel_ > 0 || simpleKeyContext_)) style = ScalarStyle::kSingleQuoted;
  }
  if (style == ScalarStyle::kSingleQuoted && !a.singleQuotedAllowed) {
    style = ScalarStyle::kDoubleQuoted;
  }
  if (style == ScalarStyle::kLiteral && (!a.blockAllowed || flowLevel_ > 0 || simpleKeyContext_)) {
    style = ScalarStyle::kDoubleQuoted;
  }

  increaseIndent(true, false);
  const bool allowBreaks = !simpleKeyContext_;
  switch (style) {
    case ScalarStyle::kPlain:
      writePlain(value, allowBreaks);
      break;
    case ScalarStyle::kSingleQuoted:
      writeSingleQuoted(value, allowBreaks);
      break;
    case ScalarStyle::kDoubleQuoted:
      writeDoubleQuoted(value, allowBreaks);
      break;
    case ScalarStyle::kLiteral:
      writeLiteral(value);
      break;
  }
  popIndent();
}

void Emitter::emptyFlowCollection(char open, char close) {
  writeIndicator(std::string_view(&open, 1), true, true, false);
  increaseIndent(true, false);
  popIndent();
  writeIndicator(std::string_view(&close, 1), false, false, false);
}

void Emitter::blockSequenceStart() {
  increaseIndent(false, mappingContext_ && !indention_);
}

void Emitter::blockSequenceItem() {
  writeIndent();
  writeIndicator("-", true, false, true);
}

void Emitter::blockSequenceEnd() {
  popIndent();
}

void Emitter::blockMappingStart() {
  increaseIndent(false, false);
}

bool Emitter::blockMappingKey(std::string_view key) {
  writeIndent();
  // yaml_emitter_check_simple_key: a one-line scalar of at most 128 bytes.
  const bool simple = !analyzeScalar(key).multiline && key.size() <= 128;
  if (!simple) writeIndicator("?", true, false, true);
  return simple;
}

void Emitter::blockMappingValue(bool simpleKey) {
  if (simpleKey) {
    writeIndicator(":", false, false, false);
  } else {
    writeIndent();
    writeIndicator(":", true, false, true);
  }
}

void Emitter::blockMappingEnd() {
  popIndent();
}

void Emitter::documentEnd() {
  writeIndent();
}

}  // namespace dsroll::render::yaml
