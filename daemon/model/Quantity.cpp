#include "daemon/model/Quantity.hpp"

#include <cmath>
#include <cctype>
#include <cstdlib>

namespace dsroll::model {

namespace {

struct Suffix {
  const char* text;
  long double factor;
};

constexpr Suffix kSuffixes[] = {
    {"Ki", 1024.0L}, {"Mi", 1048576.0L}, {"Gi", 1073741824.0L}, {"Ti", 1099511627776.0L},
    {"Pi", 1125899906842624.0L}, {"Ei", 1152921504606846976.0L},
    {"n", 1e-9L}, {"u", 1e-6L}, {"m", 1e-3L}, {"k", 1e3L}, {"M", 1e6L}, {"G", 1e9L},
    {"T", 1e12L}, {"P", 1e15L}, {"E", 1e18L},
};

}  // namespace

std::optional<std::int64_t> parseQuantityMilli(const std::string& text) {
  if (text.empty()) {
    return std::nullopt;
  }
  std::size_t numberEnd = 0;
  while (numberEnd < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[numberEnd])) != 0 || text[numberEnd] == '.' ||
          text[numberEnd] == '+' || text[numberEnd] == '-')) {
    ++numberEnd;
  }
  const std::string number = text.substr(0, numberEnd);
  std::string suffix = text.substr(numberEnd);
  long double factor = 1.0L;
  if (!suffix.empty() && (suffix[0] == 'e' || suffix[0] == 'E') && suffix.size() > 1 &&
      std::isdigit(static_cast<unsigned char>(suffix.back())) != 0) {
    factor = std::pow(10.0L, std::strtold(suffix.c_str() + 1, nullptr));
  } else if (!suffix.empty()) {
    bool known = false;
    for (const auto& s : kSuffixes) {
      if (suffix == s.text) {
        factor = s.factor;
        known = true;
        break;
      }
    }
    if (!known) {
      return std::nullopt;
    }
  }
  char* end = nullptr;
  const long double value = std::strtold(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size()) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(std::ceil(value * factor * 1000.0L - 1e-9L));
}

std::string formatCpuMilli(std::int64_t milli) {
  if (milli % 1000 == 0) {
    return std::to_string(milli / 1000);
  }
  return std::to_string(milli) + "m";
}

std::string formatBytes(std::int64_t bytes) {
  static constexpr const char* kUnits[] = {"Ki", "Mi", "Gi", "Ti"};
  if (bytes == 0) {
    return "0";
  }
  std::int64_t value = bytes;
  int unit = -1;
  while (unit < 3 && value % 1024 == 0) {
    value /= 1024;
    ++unit;
  }
  if (unit < 0) {
    return std::to_string(bytes);
  }
  return std::to_string(value) + kUnits[unit];
}

}  // namespace dsroll::model
