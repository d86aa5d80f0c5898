#include "plugin/cli/Flags.hpp"

#include <cctype>
#include <limits>

namespace dsroll::plugin::cli {

namespace {

CLI::Option* describe(CLI::Option* option, std::string_view type, std::string shownDefault) {
  option->type_name(std::string(type));
  option->default_str(std::move(shownDefault));
  return option;
}

// strconv.Quote for the plain strings users type: quotes and backslashes escaped.
std::string goQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

}  // namespace

CLI::Option* addBoolFlag(CLI::App& app, const std::string& names, bool& target, std::string help) {
  auto* option = app.add_flag_function(
      names, [&target](std::int64_t count) { target = count > 0; }, std::move(help));
  return describe(option, flagtype::kBool, target ? "true" : "false");
}

CLI::Option* addOptionalBoolFlag(CLI::App& app,
                                 const std::string& names,
                                 std::optional<bool>& target,
                                 std::string help) {
  auto* option = app.add_flag_function(
      names, [&target](std::int64_t count) { target = count > 0; }, std::move(help));
  return describe(option, flagtype::kBool, "false");
}

CLI::Option* addStringFlag(CLI::App& app,
                           const std::string& names,
                           std::optional<std::string>& target,
                           std::string help,
                           std::string shownDefault) {
  auto* option = app.add_option_function<std::string>(
      names, [&target](const std::string& value) { target = value; }, std::move(help));
  return describe(option, flagtype::kString, std::move(shownDefault));
}

CLI::Option* addStringFlag(CLI::App& app,
                           const std::string& names,
                           std::string& target,
                           std::string help) {
  auto* option = app.add_option_function<std::string>(
      names, [&target](const std::string& value) { target = value; }, std::move(help));
  return describe(option, flagtype::kString, target);
}

CLI::Option* addIntFlag(CLI::App& app,
                        const std::string& names,
                        std::int64_t& target,
                        std::string help) {
  // The scanner has already checked and normalized the value to decimal.
  auto* option = app.add_option_function<std::string>(
      names, [&target](const std::string& value) { target = std::stoll(value); }, std::move(help));
  return describe(option, flagtype::kInt, std::to_string(target));
}

CLI::Option* addOptionalIntFlag(CLI::App& app,
                                const std::string& names,
                                std::optional<std::int64_t>& target,
                                std::string help,
                                std::string shownDefault) {
  auto* option = app.add_option_function<std::string>(
      names, [&target](const std::string& value) { target = std::stoll(value); }, std::move(help));
  return describe(option, flagtype::kInt, std::move(shownDefault));
}

CLI::Option* addDurationFlag(CLI::App& app,
                             const std::string& names,
                             std::optional<std::string>& target,
                             std::string help) {
  auto* option = app.add_option_function<std::string>(
      names, [&target](const std::string& value) { target = value; }, std::move(help));
  return describe(option, flagtype::kDuration, "0s");
}

CLI::Option* addStringArrayFlag(CLI::App& app,
                                const std::string& names,
                                std::vector<std::string>& target,
                                std::string help) {
  auto* option = app.add_option(names, target, std::move(help));
  option->expected(1);
  option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return describe(option, flagtype::kStringArray, "[]");
}

CLI::Option* addStringSliceFlag(CLI::App& app,
                                const std::string& names,
                                std::vector<std::string>& target,
                                std::string help) {
  // The scanner splits the commas, so CLI11 sees one value per occurrence.
  auto* option = app.add_option(names, target, std::move(help));
  option->expected(1);
  option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return describe(option, flagtype::kStringSlice, "[]");
}

CLI::Option* addDryRunFlag(CLI::App& app, std::string& target) {
  auto* option = app.add_flag(
      "--dry-run{" + std::string(kDryRunBare) + "}", target,
      R"(Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.)");
  return describe(option, flagtype::kDryRun, "none");
}

void addPositionals(CLI::App& app, std::vector<std::string>& target) {
  app.add_option("args", target);
}

std::string flagDisplayName(const CLI::Option& option) {
  std::string name;
  if (!option.get_snames().empty()) {
    name = "-" + option.get_snames().front() + ", ";
  }
  if (!option.get_lnames().empty()) {
    name += "--" + option.get_lnames().front();
  } else if (!name.empty()) {
    name.resize(name.size() - 2);
  }
  return name;
}

bool isFlagLike(const CLI::Option& option) {
  return option.get_expected_max() == 0;
}

std::string bareFlagValue(const CLI::Option& option) {
  if (option.get_type_name() == flagtype::kDryRun) {
    return std::string(kDryRunBare);
  }
  return "true";
}

std::optional<bool> parseGoBool(std::string_view text) {
  if (text == "1" || text == "t" || text == "T" || text == "TRUE" || text == "true" ||
      text == "True") {
    return true;
  }
  if (text == "0" || text == "f" || text == "F" || text == "FALSE" || text == "false" ||
      text == "False") {
    return false;
  }
  return std::nullopt;
}

tl::expected<std::int64_t, std::string> parseGoInt(std::string_view text) {
  const std::string syntax = "strconv.ParseInt: parsing " + goQuote(text) + ": invalid syntax";
  const std::string range = "strconv.ParseInt: parsing " + goQuote(text) + ": value out of range";
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() >= 2 && s[0] == '0') {
    const char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
    if (p == 'x' || p == 'o' || p == 'b') {
      base = p == 'x' ? 16 : (p == 'o' ? 8 : 2);
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  if (s.empty() && base != 8) {
    return tl::unexpected(syntax);
  }
  // Accumulate as a negative number so INT64_MIN is representable.
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  std::int64_t value = 0;
  for (char c : s) {
    const int digit = digitValue(c);
    if (digit >= base) {
      return tl::unexpected(syntax);
    }
    if (value < (kMin + digit) / base) {
      return tl::unexpected(range);
    }
    value = value * base - digit;
  }
  if (!negative) {
    if (value == kMin) {
      return tl::unexpected(range);
    }
    value = -value;
  }
  return value;
}

tl::expected<void, std::string> checkGoDuration(std::string_view text) {
  const std::string invalid = "time: invalid duration " + goQuote(text);
  std::string_view s = text;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    s.remove_prefix(1);
  }
  if (s == "0") {
    return {};
  }
  if (s.empty()) {
    return tl::unexpected(invalid);
  }
  auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
  while (!s.empty()) {
    std::size_t i = 0;
    bool digits = false;
    while (i < s.size() && isDigit(s[i])) {
      ++i;
      digits = true;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && isDigit(s[i])) {
        ++i;
        digits = true;
      }
    }
    if (!digits) {
      return tl::unexpected(invalid);
    }
    std::size_t j = i;
    while (j < s.size() && s[j] != '.' && !isDigit(s[j])) {
      ++j;
    }
    const std::string_view unit = s.substr(i, j - i);
    if (unit.empty()) {
      return tl::unexpected("time: missing unit in duration " + goQuote(text));
    }
    if (unit != "ns" && unit != "us" && unit != "\xC2\xB5s" && unit != "\xCE\xBCs" &&
        unit != "ms" && unit != "s" && unit != "m" && unit != "h") {
      return tl::unexpected("time: unknown unit " + goQuote(unit) + " in duration " +
                            goQuote(text));
    }
    s.remove_prefix(j);
  }
  return {};
}

tl::expected<std::string, std::string> normalizeFlagValue(const CLI::Option& option,
                                                          const std::string& value) {
  const std::string type = option.get_type_name();
  auto fail = [&](const std::string& why) {
    return tl::unexpected("invalid argument " + goQuote(value) + " for " +
                          goQuote(flagDisplayName(option)) + " flag: " + why);
  };
  if (type == flagtype::kBool) {
    auto parsed = parseGoBool(value);
    if (!parsed) {
      return fail("strconv.ParseBool: parsing " + goQuote(value) + ": invalid syntax");
    }
    return std::string(*parsed ? "true" : "false");
  }
  if (type == flagtype::kInt) {
    auto parsed = parseGoInt(value);
    if (!parsed) {
      return fail(parsed.error());
    }
    return std::to_string(*parsed);
  }
  if (type == flagtype::kDuration) {
    auto checked = checkGoDuration(value);
    if (!checked) {
      return fail(checked.error());
    }
  }
  return value;
}

}  // namespace dsroll::plugin::cli
