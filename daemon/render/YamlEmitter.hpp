#pragma once
// The part of go-yaml v2's emitter (emitterc.go, a port of libyaml) that kubectl's `-o yaml`
// exercises: block mappings and sequences, empty flow collections, and the plain, single-quoted,
// double-quoted and literal scalar styles with its 80-column folding. Its column and indentation
// bookkeeping is kept exactly, because that is what decides where lines fold and how they indent.

#include <string>
#include <string_view>
#include <vector>

namespace dsroll::render::yaml {

enum class ScalarStyle { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral };

/** What the emitter's scalar analysis found (yaml_emitter_analyze_scalar). */
struct ScalarAnalysis {
  bool multiline = false;
  bool flowPlainAllowed = false;
  bool blockPlainAllowed = false;
  bool singleQuotedAllowed = false;
  bool blockAllowed = false;
};

/** Analyses a valid UTF-8 scalar value. */
ScalarAnalysis analyzeScalar(std::string_view value);

/**
 * Emitter state plus the node-level operations, called in document order by a tree walker.
 * All text must be valid UTF-8.
 */
class Emitter {
 public:
  /** Sets the context of the node about to be emitted (yaml_emitter_emit_node). */
  void beginNode(bool root, bool sequence, bool mapping, bool simpleKey);

  /** Emits a scalar; the requested style may be downgraded as go-yaml does. */
  void scalar(std::string_view value, ScalarStyle requested);

  /** Emits an empty collection in flow style: "[]" or "{}". */
  void emptyFlowCollection(char open, char close);

  void blockSequenceStart();
  /** Starts one item: "- " at the sequence's indentation. */
  void blockSequenceItem();
  void blockSequenceEnd();

  void blockMappingStart();
  /** Starts one key; returns whether it is written as a simple key ("key: ") rather than "? key".
   */
  bool blockMappingKey(std::string_view key);
  /** Writes the ':' between a key and its value. */
  void blockMappingValue(bool simpleKey);
  void blockMappingEnd();

  /** Ends the document (an implicit document end: a final line break). */
  void documentEnd();

  /** The text emitted so far. */
  const std::string& output() const { return out_; }

 private:
  void put(char c);
  void putBreak();
  void write(std::string_view value, std::size_t& i);
  void writeBreak(std::string_view value, std::size_t& i);
  void writeIndent();
  void writeIndicator(std::string_view indicator,
                      bool needWhitespace,
                      bool isWhitespace,
                      bool isIndention);
  void increaseIndent(bool flow, bool indentless);
  void popIndent();

  void writePlain(std::string_view value, bool allowBreaks);
  void writeSingleQuoted(std::string_view value, bool allowBreaks);
  void writeDoubleQuoted(std::string_view value, bool allowBreaks);
  void writeEscape(std::string_view value, std::size_t& i);
  void writeLiteral(std::string_view value);
  void writeBlockScalarHints(std::string_view value);

  static constexpr int kBestIndent = 2;
  static constexpr int kBestWidth = 80;

  std::string out_;
  int column_ = 0;
  bool whitespace_ = true;
  bool indention_ = true;
  int indent_ = -1;
  std::vector<int> indents_;
  int flowLevel_ = 0;
  bool rootContext_ = false;
  bool sequenceContext_ = false;
  bool mappingContext_ = false;
  bool simpleKeyContext_ = false;
};

}  // namespace dsroll::render::yaml
