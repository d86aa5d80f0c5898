#include "daemon/render/YamlResolve.hpp"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace dsroll::render::yaml {

namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// The plain scalars go-yaml v2 reads as bool, null or a float special. ("<<", the merge key, is
// in its table too but starts with a character it never looks up.)
constexpr std::array<std::string_view, 39> kSpecialWords = {
    "y",    "Y",    "yes",  "Yes",   "YES",   "true",  "True",  "TRUE",  "on",    "On",
    "ON",   "n",    "N",    "no",    "No",    "NO",    "false", "False", "FALSE", "off",
    "Off",  "OFF",  "",     "~",     "null",  "Null",  "NULL",  ".nan",  ".NaN",  ".NAN",
    ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};

// strconv.ParseUint(s, 0, 64) without underscores (the caller removed them).
bool parseGoUint(std::string_view s, std::uint64_t& out) {
  if (s.empty()) return false;
  unsigned base = 10;
  if (s[0] == '0') {
    if (s.size() >= 3 && lower(s[1]) == 'b') {
      base = 2;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'o') {
      base = 8;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && lower(s[1]) == 'x') {
      base = 16;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  std::uint64_t value = 0;
  for (const char c : s) {
    unsigned digit = 0;
    if (isDigit(c)) {
      digit = static_cast<unsigned>(c - '0');
    } else if (lower(c) >= 'a' && lower(c) <= 'z') {
      digit = static_cast<unsigned>(lower(c) - 'a' + 10);
    } else {
      return false;
    }
    if (digit >= base) return false;
    if (value > (UINT64_MAX - digit) / base) return false;
    value = value * base + digit;
  }
  out = value;
  return true;
}

// strconv.ParseInt(s, 0, 64): an optional sign, then ParseUint, within int64.
bool parsesAsGoInt(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::uint64_t value = 0;
  if (!parseGoUint(s, value)) return false;
  const std::uint64_t limit = std::uint64_t{1} << 63;
  return negative ? value <= limit : value < limit;
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool matchesYamlFloat(std::string_view s) {
  std::size_t i = 0;
  auto digitsFrom = [&s, &i]() {
    const std::size_t start = i;
    while (i < s.size() && isDigit(s[i]))
      ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digitsFrom() == 0) return false;
  } else {
    if (digitsFrom() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digitsFrom();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (digitsFrom() == 0) return false;
  }
  return i == s.size();
}

// strconv.ParseFloat succeeds for a decimal literal: only overflow fails.
bool decimalFits(const std::string& s) {
  errno = 0;
  const double v = std::strtod(s.c_str(), nullptr);
  return !std::isinf(v);
}

// Go's strconv.ParseFloat for a string starting with '.': digits with '_' only between digits
// (underscoreOK), an optional exponent, no overflow.
bool parsesAsDotFloat(std::string_view s) {
  std::string plain;
  char saw = '^';  // '0' after a digit, '_' after an underscore, '!' after anything else
  for (const char c : s) {
    if (isDigit(c)) {
      saw = '0';
    } else if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    } else {
      if (saw == '_') return false;
      saw = '!';
    }
    plain += c;
  }
  if (saw == '_') return false;
  if (plain.size() < 2 || plain[0] != '.' || !isDigit(plain[1])) return false;
  return matchesYamlFloat(plain) && decimalFits(plain);
}

// time.Parse's getnum: one or two digits (exactly two when fixed).
bool getNum(std::string_view& s, bool fixed, int& out) {
  if (s.empty() || !isDigit(s[0])) return false;
  if (s.size() < 2 || !isDigit(s[1])) {
    if (fixed) return false;
    out = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  out = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

bool isLeap(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int daysIn(int month, int year) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && isLeap(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

// The shared "2006-1-2" prefix of every accepted layout.
bool parseDate(std::string_view& s, int& year, int& month, int& day) {
  if (s.size() < 4) return false;
  year = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!isDigit(s[i])) return false;
    year = year * 10 + (s[i] - '0');
  }
  s.remove_prefix(4);
  if (s.empty() || s[0] != '-') return false;
  s.remove_prefix(1);
  if (!getNum(s, false, month) || month < 1 || month > 12) return false;
  if (s.empty() || s[0] != '-') return false;
  s.remove_prefix(1);
  return getNum(s, false, day);
}

// "15:4:5" and an optional fraction (".5" or ",5", any number of digits).
bool parseClock(std::string_view& s) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!getNum(s, false, hour) || hour >= 24) return false;
  if (s.empty() || s[0] != ':') return false;
  s.remove_prefix(1);
  if (!getNum(s, false, minute) || minute >= 60) return false;
  if (s.empty() || s[0] != ':') return false;
  s.remove_prefix(1);
  if (!getNum(s, false, second) || second >= 60) return false;
  if (s.size() >= 2 && (s[0] == '.' || s[0] == ',') && isDigit(s[1])) {
    std::size_t n = 1;
    while (n < s.size() && isDigit(s[n]))
      ++n;
    s.remove_prefix(n);
  }
  return true;
}

// "Z07:00": 'Z' or a sign, two-digit hours (<= 24), ':', two-digit minutes (<= 60).
bool parseZone(std::string_view& s) {
  if (!s.empty() && s[0] == 'Z') {
    s.remove_prefix(1);
    return true;
  }
  if (s.size() < 6 || s[3] != ':' || (s[0] != '+' && s[0] != '-')) return false;
  std::string_view hh = s.substr(1, 2);
  std::string_view mm = s.substr(4, 2);
  int h = 0;
  int m = 0;
  if (!getNum(hh, true, h) || !getNum(mm, true, m) || h > 24 || m > 60) return false;
  s.remove_prefix(6);
  return true;
}

bool matchesLayout(std::string_view s, int layout) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (!parseDate(s, year, month, day)) return false;
  if (layout == 3) {  // "2006-1-2"
    // done below
  } else if (layout == 2) {  // "2006-1-2 15:4:5.999999999": a space matches a run of spaces
    if (!s.empty() && s[0] != ' ') return false;
    while (!s.empty() && s[0] == ' ')
      s.remove_prefix(1);
    if (!parseClock(s)) return false;
  } else {  // "2006-1-2T15:4:5.999999999Z07:00", with 't' for layout 1
    if (s.empty() || s[0] != (layout == 0 ? 'T' : 't')) return false;
    s.remove_prefix(1);
    if (!parseClock(s) || !parseZone(s)) return false;
  }
  return s.empty() && day >= 1 && day <= daysIn(month, year);
}

}  // namespace

bool isTimestamp(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && isDigit(s[i]))
    ++i;
  if (i != 4 || i == s.size() || s[i] != '-') return false;
  for (int layout = 0; layout < 4; ++layout) {
    if (matchesLayout(s, layout)) return true;
  }
  return false;
}

bool isBase60Float(std::string_view s) {
  // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i >= s.size() || !isDigit(s[i])) return false;
  ++i;
  while (i < s.size() && (isDigit(s[i]) || s[i] == '_'))
    ++i;
  std::size_t groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    if (i + 1 < s.size() && s[i] >= '0' && s[i] <= '5' && isDigit(s[i + 1])) {
      i += 2;
    } else if (i < s.size() && isDigit(s[i])) {
      ++i;
    } else {
      return false;
    }
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && (isDigit(s[i]) || s[i] == '_'))
      ++i;
  }
  return i == s.size();
}

bool resolvesToString(std::string_view s) {
  for (const std::string_view word : kSpecialWords) {
    if (s == word) return false;
  }
  const char c = s[0];
  if (c == '.') return !parsesAsDotFloat(s);
  if (!isDigit(c) && c != '+' && c != '-') return true;  // letters, or no hint at all
  if (isTimestamp(s)) return false;
  std::string plain;
  for (const char ch : s) {
    if (ch != '_') plain += ch;
  }
  std::uint64_t unused = 0;
  if (parsesAsGoInt(plain) || parseGoUint(plain, unused)) return false;
  if (matchesYamlFloat(plain) && decimalFits(plain)) return false;
  return true;
}

}  // namespace dsroll::render::yaml
