#include "daemon/render/GoFormat.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "daemon/render/Utf8.hpp"

namespace dsroll::render::gofmt {

namespace {

constexpr std::string_view kHex = "0123456789abcdef";

// Shortest round-trip decimal digits of |v| and the position of the decimal point, so that
// |v| = 0.<digits> * 10^point (Go's decimalSlice d, dp).
struct Digits {
  std::string digits;
  int point = 0;
};

Digits shortestDigits(double v) {
  Digits d;
  if (v == 0) return d;
  std::array<char, 64> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), std::fabs(v),
                                       std::chars_format::scientific);
  if (ec != std::errc{}) throw std::logic_error("to_chars failed");
  const std::string_view text(buf.data(), static_cast<std::size_t>(end - buf.data()));
  const std::size_t e = text.find('e');
  for (std::size_t i = 0; i < e; ++i) {
    if (text[i] != '.') d.digits += text[i];
  }
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                  exponent);
  d.point = exponent + 1;
  return d;
}

std::string formatE(const Digits& d, bool negative, int precision) {
  std::string out = negative ? "-" : "";
  out += d.digits.empty() ? '0' : d.digits[0];
  if (precision > 0) {
    out += '.';
    for (int i = 1; i <= precision; ++i) {
      const auto idx = static_cast<std::size_t>(i);
      out += idx < d.digits.size() ? d.digits[idx] : '0';
    }
  }
  out += 'e';
  int exp = d.digits.empty() ? 0 : d.point - 1;
  out += exp < 0 ? '-' : '+';
  exp = std::abs(exp);
  if (exp < 10) out += '0';
  out += std::to_string(exp);
  return out;
}

std::string formatF(const Digits& d, bool negative, int precision) {
  std::string out = negative ? "-" : "";
  const int nd = static_cast<int>(d.digits.size());
  if (d.point > 0) {
    const int m = std::min(nd, d.point);
    out.append(d.digits, 0, static_cast<std::size_t>(m));
    out.append(static_cast<std::size_t>(d.point - m), '0');
  } else {
    out += '0';
  }
  if (precision > 0) {
    out += '.';
    for (int i = 1; i <= precision; ++i) {
      const int j = d.point + i - 1;
      out += (j >= 0 && j < nd) ? d.digits[static_cast<std::size_t>(j)] : '0';
    }
  }
  return out;
}

}  // namespace

std::string formatFloat(double v, char fmt) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  const bool negative = std::signbit(v);
  const Digits d = shortestDigits(v);
  const int nd = static_cast<int>(d.digits.size());
  switch (fmt) {
    case 'e':
      return formatE(d, negative, std::max(nd - 1, 0));
    case 'f':
      return formatF(d, negative, std::max(nd - d.point, 0));
    case 'g': {
      // Shortest %g switches to the exponent form below 1e-4 and from 1e6 (eprec 6).
      const int exp = d.point - 1;
      if (exp < -4 || exp >= 6) return formatE(d, negative, nd - 1);
      return formatF(d, negative, std::max(nd - d.point, 0));
    }
    default:
      throw std::invalid_argument("formatFloat: unsupported format");
  }
}

std::string jsonNumber(const nlohmann::json& number) {
  if (number.is_number_integer() && !number.is_number_unsigned()) {
    return std::to_string(number.get<std::int64_t>());
  }
  double value = 0;
  if (number.is_number_unsigned()) {
    const auto u = number.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::to_string(u);
    }
    value = static_cast<double>(u);  // beyond int64 kubectl holds it as a float64
  } else {
    value = number.get<double>();
  }
  const double abs = std::fabs(value);
  if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
    std::string out = formatFloat(value, 'e');
    const std::size_t n = out.size();
    // encoding/json writes e-7, not e-07.
    if (n >= 4 && out[n - 4] == 'e' && out[n - 3] == '-' && out[n - 2] == '0') out.erase(n - 2, 1);
    return out;
  }
  return formatFloat(value, 'f');
}

std::string jsonString(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      switch (b) {
        case '"':
        case '\\':
          out += '\\';
          out += static_cast<char>(b);
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (b < 0x20 || b == '<' || b == '>' || b == '&') {
            out += "\\u00";
            out += kHex[b >> 4];
            out += kHex[b & 0xF];
          } else {
            out += static_cast<char>(b);
          }
      }
      ++i;
      continue;
    }
    const utf8::Rune r = utf8::decode(s, i);
    if (!r.valid) {
      out += "\\ufffd";
    } else if (r.value == 0x2028 || r.value == 0x2029) {
      out += "\\u202";
      out += kHex[r.value & 0xF];
    } else {
      out.append(s, i, r.size);
    }
    i += r.size;
  }
  out += '"';
  return out;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  auto hexByte = [&out](unsigned b) {
    out += "\\x";
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  };
  for (std::size_t i = 0; i < s.size();) {
    const utf8::Rune r = utf8::decode(s, i);
    const auto c = static_cast<unsigned>(r.value);
    if (!r.valid) {
      hexByte(static_cast<unsigned char>(s[i]));
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else if (c < 0x80) {
      switch (c) {
        case '\a':
          out += "\\a";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\v':
          out += "\\v";
          break;
        default:
          hexByte(c);
      }
    } else if (c < 0xA0 || c == 0xAD || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4)
        out += kHex[(c >> shift) & 0xF];
    } else {
      out.append(s, i, r.size);
    }
    i += r.size;
  }
  out += '"';
  return out;
}

std::string toValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const utf8::Rune r = utf8::decode(s, i);
    if (r.valid) {
      out.append(s, i, r.size);
    } else {
      utf8::append(out, utf8::kReplacement);
    }
    i += r.size;
  }
  return out;
}

}  // namespace dsroll::render::gofmt
