#include "daemon/render/Quantity.hpp"

#include <array>
#include <charconv>
#include <limits>

namespace dsroll::render {

namespace {

using Format = Quantity::Format;

constexpr int kNano = -9;

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool mul(std::int64_t a, std::int64_t b, std::int64_t& out) {
  return !__builtin_mul_overflow(a, b, &out);
}

struct Suffix {
  int base = 10;
  int exponent = 0;
  Format format = Format::kDecimalSI;
};

// quantitySuffixer.interpret
std::optional<Suffix> interpretSuffix(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, int>, 10> kDecimal = {{{"", 0},
                                                                                 {"n", -9},
                                                                                 {"u", -6},
                                                                                 {"m", -3},
                                                                                 {"k", 3},
                                                                                 {"M", 6},
                                                                                 {"G", 9},
                                                                                 {"T", 12},
                                                                                 {"P", 15},
                                                                                 {"E", 18}}};
  static constexpr std::array<std::pair<std::string_view, int>, 6> kBinary = {
      {{"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}, {"Pi", 50}, {"Ei", 60}}};
  for (const auto& [name, exp] : kDecimal) {
    if (s == name) return Suffix{10, exp, Format::kDecimalSI};
  }
  for (const auto& [name, exp] : kBinary) {
    if (s == name) return Suffix{2, exp, Format::kBinarySI};
  }
  if (s.size() > 1 && (s[0] == 'e' || s[0] == 'E')) {
    std::int64_t exp = 0;
    const char* end = s.data() + s.size();
    const char* begin = s.data() + 1;
    if (*begin == '+') ++begin;  // strconv.ParseInt accepts a leading '+'
    if (auto [p, ec] = std::from_chars(begin, end, exp); ec != std::errc{} || p != end) {
      return std::nullopt;
    }
    if (exp < -1000 || exp > 1000) return std::nullopt;  // far outside int64 anyway
    return Suffix{10, static_cast<int>(exp), Format::kDecimalExponent};
  }
  return std::nullopt;
}

// The split done by parseQuantityString: sign, integer digits (leading zeros dropped), fraction
// digits, suffix.
struct Parts {
  bool positive = true;
  std::string_view num;
  std::string_view denom;
  std::string_view suffix;
};

std::optional<Parts> split(std::string_view s) {
  Parts p;
  std::size_t pos = 0;
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '+')) {
    p.positive = s[pos] == '+';
    ++pos;
  }
  while (pos < s.size() && s[pos] == '0')
    ++pos;
  const std::size_t numStart = pos;
  while (pos < s.size() && isDigit(s[pos]))
    ++pos;
  p.num = s.substr(numStart, pos - numStart);
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t denomStart = pos;
    while (pos < s.size() && isDigit(s[pos]))
      ++pos;
    p.denom = s.substr(denomStart, pos - denomStart);
  }
  const std::size_t suffixStart = pos;
  while (pos < s.size() &&
         std::string_view("eEinumkKMGTP").find(s[pos]) != std::string_view::npos) {
    ++pos;
  }
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '+')) ++pos;
  while (pos < s.size() && isDigit(s[pos]))
    ++pos;
  if (pos != s.size()) return std::nullopt;
  p.suffix = s.substr(suffixStart);
  return p;
}

}  // namespace

std::optional<Quantity> parseQuantity(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text == "0") return Quantity{0, 0, Format::kDecimalSI, "0"};
  const auto parts = split(text);
  if (!parts) return std::nullopt;
  const auto suffix = interpretSuffix(parts->suffix);
  if (!suffix) return std::nullopt;

  const std::string num = parts->num.empty() ? "0" : std::string(parts->num);
  const std::string shifted = num + std::string(parts->denom);
  std::int64_t mantissa = 0;
  for (const char c : shifted) {
    if (!mul(mantissa, 10, mantissa) || __builtin_add_overflow(mantissa, c - '0', &mantissa)) {
      return std::nullopt;
    }
  }
  int scale = -static_cast<int>(parts->denom.size());
  if (suffix->base == 10) {
    scale += suffix->exponent;
  } else if (!mul(mantissa, std::int64_t{1} << suffix->exponent, mantissa)) {
    return std::nullopt;
  }
  if (!parts->positive) mantissa = -mantissa;

  // ParseQuantity's fast path keeps the input text as the string form when it looks canonical.
  std::string cached;
  const auto digits = static_cast<int>(num.size() + parts->denom.size());
  if (suffix->format == Format::kBinarySI) {
    const int precision = 15 - static_cast<int>(num.size()) -
                          static_cast<int>(static_cast<float>(suffix->exponent) * 3 / 10) - 1;
    const std::int64_t value = std::stoll(shifted);
    if (parts->denom.empty() && precision >= 0 && suffix->exponent % 10 == 0 &&
        (value & 0x07) != 0) {
      cached = std::string(text);
    }
  } else if (18 - digits >= 0 && scale >= kNano && scale % 3 == 0 &&
             !(shifted.size() >= 3 && shifted.compare(shifted.size() - 3, 3, "000") == 0) &&
             shifted[0] != '0') {
    cached = std::string(text);
  }

  if (scale < kNano) {
    // Parsing rounds away from zero to nano precision.
    bool exact = true;
    std::int64_t v = mantissa;
    for (int i = scale; i < kNano; ++i) {
      if (v % 10 != 0) exact = false;
      v /= 10;
    }
    if (!exact) v += mantissa < 0 ? -1 : 1;
    mantissa = v;
    scale = kNano;
  }
  Format format = suffix->format;
  // A fractional binary quantity below 1 (only reachable here through rounding) is decimal.
  if (format == Format::kBinarySI && scale < 0 && mantissa != 0) {
    std::int64_t whole = mantissa;
    for (int i = scale; i < 0; ++i)
      whole /= 10;
    if (whole == 0) format = Format::kDecimalSI;
  }
  return Quantity{mantissa, scale, format, cached};
}

int quantitySign(const Quantity& q) {
  return q.mantissa > 0 ? 1 : (q.mantissa < 0 ? -1 : 0);
}

namespace {

// a * b with Go's int64 wrap-around (int64MultiplyScale returns the wrapped product).
std::int64_t wrappingMul(std::int64_t a, std::int64_t b) {
  if (a == std::numeric_limits<std::int64_t>::min()) return 0;
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}

// ScaledValue(target): the value in units of 10^target, rounded away from zero. Overflow behaves
// as in apimachinery's positiveScaleInt64: a wrapped product for the common scale steps, 0 else.
std::optional<std::int64_t> scaledValue(const Quantity& q, int target) {
  if (q.scale < target) {
    bool exact = true;
    std::int64_t v = q.mantissa;
    for (int i = q.scale; i < target; ++i) {
      if (v % 10 != 0) exact = false;
      v /= 10;
    }
    if (!exact) v += q.mantissa < 0 ? -1 : 1;
    return v;
  }
  switch (q.scale - target) {
    case 0:
      return q.mantissa;
    case 1:
      return wrappingMul(q.mantissa, 10);
    case 2:
      return wrappingMul(q.mantissa, 100);
    case 3:
      return wrappingMul(q.mantissa, 1000);
    case 6:
      return wrappingMul(q.mantissa, 1'000'000);
    case 9:
      return wrappingMul(q.mantissa, 1'000'000'000);
    default:
      break;
  }
  std::int64_t v = q.mantissa;
  for (int i = target; i < q.scale; ++i) {
    if (!mul(v, 10, v)) return 0;
  }
  return v;
}

// AsCanonicalBytes plus the suffix; nothing where apimachinery would need arbitrary precision.
std::optional<std::string> decimalCanonical(const Quantity& q) {
  std::int64_t m = q.mantissa;
  int exp = q.scale;
  while (m != 0 && m % 10 == 0) {
    m /= 10;
    ++exp;
  }
  // Make the exponent a multiple of 3.
  const int shift = ((exp % 3) + 3) % 3;
  for (int i = 0; i < shift; ++i) {
    if (!mul(m, 10, m)) return std::nullopt;
    --exp;
  }
  std::string out = std::to_string(m);
  if (q.format == Format::kDecimalExponent) {
    if (exp != 0) {
      out += 'e';
      out += std::to_string(exp);
    }
    return out;
  }
  static constexpr std::array<std::pair<int, std::string_view>, 10> kSuffixes = {{{-9, "n"},
                                                                                  {-6, "u"},
                                                                                  {-3, "m"},
                                                                                  {0, ""},
                                                                                  {3, "k"},
                                                                                  {6, "M"},
                                                                                  {9, "G"},
                                                                                  {12, "T"},
                                                                                  {15, "P"},
                                                                                  {18, "E"}}};
  for (const auto& [e, name] : kSuffixes) {
    if (e == exp) out += name;  // other exponents get no suffix, as in apimachinery
  }
  return out;
}

}  // namespace

std::int64_t quantityValue(const Quantity& q) {
  return scaledValue(q, 0).value_or(q.mantissa < 0 ? std::numeric_limits<std::int64_t>::min()
                                                   : std::numeric_limits<std::int64_t>::max());
}

std::int64_t quantityMilliValue(const Quantity& q) {
  return scaledValue(q, -3).value_or(q.mantissa < 0 ? std::numeric_limits<std::int64_t>::min()
                                                    : std::numeric_limits<std::int64_t>::max());
}

std::string canonicalQuantity(std::string_view text) {
  const auto parsed = parseQuantity(text);
  if (!parsed) return std::string(text);
  const Quantity& q = *parsed;
  if (!q.cachedText.empty()) return q.cachedText;
  if (q.mantissa == 0) return "0";
  if (q.format != Format::kBinarySI) return decimalCanonical(q).value_or(std::string(text));
  // Binary quantities print in Ki/Mi/... only when they are whole and at least 1024 in size.
  bool isInteger = true;
  for (std::int64_t v = q.mantissa, i = q.scale; i < 0; ++i, v /= 10) {
    if (v % 10 != 0) isInteger = false;
  }
  const auto whole = scaledValue(q, 0);
  if (!isInteger || (*whole > -1024 && *whole < 1024)) {
    Quantity decimal = q;
    decimal.format = Format::kDecimalSI;
    return decimalCanonical(decimal).value_or(std::string(text));
  }
  std::int64_t v = *whole;
  std::size_t exp = 0;
  while ((v >= 1024 || v <= -1024) && v % 1024 == 0) {
    v /= 1024;
    ++exp;
  }
  static constexpr std::array<std::string_view, 7> kBinary = {"",   "Ki", "Mi", "Gi",
                                                              "Ti", "Pi", "Ei"};
  return std::to_string(v) + std::string(kBinary[exp]);
}

}  // namespace dsroll::render
