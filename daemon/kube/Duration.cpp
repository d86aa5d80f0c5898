#include "daemon/kube/Duration.hpp"

#include <cstdint>
#include <string_view>

#include "daemon/kube/KubeConfig.hpp"

namespace dsroll::kube {

namespace {

constexpr std::uint64_t kMaxNanos = std::uint64_t{1} << 63;  // Go's limit for |Duration|

constexpr std::string_view kInvalidTimeout =
    "Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by "
    "a corresponding time unit (e.g. 1s | 2m | 3h)";

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

std::uint64_t unitNanos(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") return 1'000;
  if (unit == "ms") return 1'000'000;
  if (unit == "s") return 1'000'000'000;
  if (unit == "m") return 60'000'000'000;
  if (unit == "h") return 3'600'000'000'000;
  return 0;
}

// Go's time.ParseDuration for non-negative values; nanoseconds or nullopt.
std::optional<std::uint64_t> parseGoDuration(std::string_view s) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  }
  if (s == "0") {
    return 0;
  }
  if (s.empty()) {
    return std::nullopt;
  }
  std::uint64_t total = 0;
  while (!s.empty()) {
    if (s.front() != '.' && !isDigit(s.front())) {
      return std::nullopt;
    }
    std::uint64_t whole = 0;
    std::size_t i = 0;
    for (; i < s.size() && isDigit(s[i]); ++i) {
      if (whole > (kMaxNanos - 1) / 10) {
        return std::nullopt;
      }
      whole = whole * 10 + static_cast<std::uint64_t>(s[i] - '0');
      if (whole > kMaxNanos) {
        return std::nullopt;
      }
    }
    const bool hasWhole = i > 0;
    s.remove_prefix(i);
    std::uint64_t fraction = 0;
    double scale = 1;
    bool hasFraction = false;
    if (!s.empty() && s.front() == '.') {
      s.remove_prefix(1);
      bool saturated = false;
      for (i = 0; i < s.size() && isDigit(s[i]); ++i) {
        if (saturated || fraction > (kMaxNanos - 1) / 10) {
          saturated = true;  // further digits cannot change the result
          continue;
        }
        fraction = fraction * 10 + static_cast<std::uint64_t>(s[i] - '0');
        scale *= 10;
      }
      hasFraction = i > 0;
      s.remove_prefix(i);
    }
    if (!hasWhole && !hasFraction) {
      return std::nullopt;
    }
    for (i = 0; i < s.size() && s[i] != '.' && !isDigit(s[i]); ++i) {
    }
    const std::uint64_t unit = unitNanos(s.substr(0, i));
    if (unit == 0) {
      return std::nullopt;  // missing or unknown unit
    }
    s.remove_prefix(i);
    if (whole > kMaxNanos / unit) {
      return std::nullopt;
    }
    std::uint64_t value = whole * unit;
    if (fraction > 0) {
      value += static_cast<std::uint64_t>(static_cast<double>(fraction) *
                                          (static_cast<double>(unit) / scale));
      if (value > kMaxNanos) {
        return std::nullopt;
      }
    }
    total += value;
    if (total > kMaxNanos - 1) {
      return std::nullopt;
    }
  }
  return total;
}

// kubectl's clientcmd.ParseTimeout: a bare non-negative integer counts seconds.
std::optional<std::uint64_t> parseBareSeconds(std::string_view s) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > 18) {
    return std::nullopt;
  }
  std::uint64_t seconds = 0;
  for (char c : s) {
    if (!isDigit(c)) {
      return std::nullopt;
    }
    seconds = seconds * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (seconds > (kMaxNanos - 1) / 1'000'000'000) {
    return std::nullopt;
  }
  return seconds * 1'000'000'000;
}

void appendFraction(std::string& out, std::int64_t value, int digits) {
  // value is the remainder below one unit, expressed in 10^-digits units.
  std::string fraction;
  for (int i = 0; i < digits; ++i) {
    fraction.insert(fraction.begin(), static_cast<char>('0' + value % 10));
    value /= 10;
  }
  while (!fraction.empty() && fraction.back() == '0') {
    fraction.pop_back();
  }
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
}

}  // namespace

tl::expected<std::chrono::milliseconds, ConfigError> parseDuration(const std::string& text) {
  auto nanos = parseBareSeconds(text);
  if (!nanos) {
    nanos = parseGoDuration(text);
  }
  if (!nanos) {
    return tl::make_unexpected(
        ConfigError{std::string(kInvalidTimeout), "error: " + std::string(kInvalidTimeout)});
  }
  // Round up so that a tiny non-zero timeout does not turn into "no timeout".
  const std::uint64_t millis = (*nanos + 999'999) / 1'000'000;
  return std::chrono::milliseconds(static_cast<std::int64_t>(millis));
}

std::string formatDuration(std::chrono::milliseconds duration) {
  std::int64_t ms = duration.count();
  if (ms == 0) {
    return "0s";
  }
  std::string out;
  if (ms < 0) {
    out += '-';
    ms = -ms;
  }
  if (ms < 1000) {
    return out + std::to_string(ms) + "ms";
  }
  const std::int64_t hours = ms / 3'600'000;
  const std::int64_t minutes = ms / 60'000 % 60;
  const std::int64_t seconds = ms / 1000 % 60;
  if (hours > 0) {
    out += std::to_string(hours) + "h";
  }
  if (hours > 0 || minutes > 0) {
    out += std::to_string(minutes) + "m";
  }
  out += std::to_string(seconds);
  appendFraction(out, ms % 1000, 3);
  out += 's';
  return out;
}

}  // namespace dsroll::kube
