#include "daemon/render/Age.hpp"

#include <cstdint>

namespace dsroll::render {

namespace {

using std::chrono::nanoseconds;

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;

// Go's int(d.Seconds()): float seconds truncated towards zero.
std::int64_t wholeSeconds(nanoseconds d) {
  return static_cast<std::int64_t>(static_cast<double>(d.count()) / 1e9);
}

std::string num(std::int64_t v) {
  return std::to_string(v);
}

}  // namespace

std::string humanDuration(nanoseconds d) {
  const std::int64_t seconds = wholeSeconds(d);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return num(seconds) + "s";
  const std::int64_t ns = d.count();
  const std::int64_t minutes = ns / kMinute;
  if (minutes < 10) {
    const std::int64_t s = (ns / kSecond) % 60;
    if (s == 0) return num(minutes) + "m";
    return num(minutes) + "m" + num(s) + "s";
  }
  if (minutes < 60 * 3) return num(minutes) + "m";
  const std::int64_t hours = ns / kHour;
  if (hours < 8) {
    const std::int64_t m = (ns / kMinute) % 60;
    if (m == 0) return num(hours) + "h";
    return num(hours) + "h" + num(m) + "m";
  }
  if (hours < 48) return num(hours) + "h";
  if (hours < 24 * 8) {
    const std::int64_t h = hours % 24;
    if (h == 0) return num(hours / 24) + "d";
    return num(hours / 24) + "d" + num(h) + "h";
  }
  if (hours < 24 * 365 * 2) return num(hours / 24) + "d";
  if (hours < 24 * 365 * 8) {
    const std::int64_t dy = (hours / 24) % 365;
    if (dy == 0) return num(hours / 24 / 365) + "y";
    return num(hours / 24 / 365) + "y" + num(dy) + "d";
  }
  return num(hours / 24 / 365) + "y";
}

std::string shortHumanDuration(nanoseconds d) {
  const std::int64_t seconds = wholeSeconds(d);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return num(seconds) + "s";
  const std::int64_t ns = d.count();
  if (ns / kMinute < 60) return num(ns / kMinute) + "m";
  const std::int64_t hours = ns / kHour;
  if (hours < 24) return num(hours) + "h";
  if (hours < 24 * 365) return num(hours / 24) + "d";
  return num(ns / (24 * 365 * kHour)) + "y";
}

namespace {

// Reads exactly `count` digits at text[pos]; advances pos.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parseRfc3339(std::string_view text) {
  std::size_t pos = 0;
  const auto year = digits(text, pos, 4);
  if (!year || !expect(text, pos, '-')) return std::nullopt;
  const auto month = digits(text, pos, 2);
  if (!month || !expect(text, pos, '-')) return std::nullopt;
  const auto day = digits(text, pos, 2);
  if (!day || pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return std::nullopt;
  ++pos;
  const auto hour = digits(text, pos, 2);
  if (!hour || !expect(text, pos, ':')) return std::nullopt;
  const auto minute = digits(text, pos, 2);
  if (!minute || !expect(text, pos, ':')) return std::nullopt;
  const auto second = digits(text, pos, 2);
  if (!second) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 ||
      *second > 59) {
    return std::nullopt;
  }
  std::int64_t nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::int64_t scale = 100'000'000;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      nanos += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  std::int64_t offsetSeconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    const auto oh = digits(text, pos, 2);
    if (!oh || !expect(text, pos, ':')) return std::nullopt;
    const auto om = digits(text, pos, 2);
    if (!om) return std::nullopt;
    offsetSeconds = sign * (*oh * 3600 + *om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const std::int64_t days =
      daysFromCivil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  const std::int64_t secs = days * 86400 + *hour * 3600 + *minute * 60 + *second - offsetSeconds;
  const auto since = std::chrono::seconds(secs) + std::chrono::nanoseconds(nanos);
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(since));
}

std::string ageSince(std::string_view timestamp, std::chrono::system_clock::time_point now) {
  const auto t = parseRfc3339(timestamp);
  if (!t) return "<unknown>";
  return humanDuration(std::chrono::duration_cast<nanoseconds>(now - *t));
}

}  // namespace dsroll::render
