#include "plugin/cli/CommonArgs.hpp"

#include <cstdio>
#include <ctime>

#include "plugin/cli/Flags.hpp"
#include "plugin/cli/GlobalFlags.hpp"

namespace dsroll::plugin::cli {

tl::expected<DryRun, CliError> parseDryRun(const std::string& raw) {
  if (auto boolean = parseGoBool(raw)) {
    const std::string replacement = *boolean ? "client" : "none";
    return DryRun{replacement, "--dry-run=" + raw +
                                   " is deprecated (boolean value) and can be replaced with "
                                   "--dry-run=" +
                                   replacement + "."};
  }
  if (raw == kDryRunBare) {
    return DryRun{"client", "--dry-run is deprecated and can be replaced with --dry-run=client."};
  }
  if (raw == "none" || raw == "client" || raw == "server") {
    return DryRun{raw, std::nullopt};
  }
  return tl::unexpected(plainError("Invalid dry-run value (" + raw +
                                   "). Must be \"none\", \"server\", or \"client\"."));
}

tl::expected<void, CliError> checkOutput(const std::optional<std::string>& output,
                                         std::initializer_list<std::string_view> allowed) {
  if (!output) {
    return {};
  }
  std::string list;
  for (std::string_view format : allowed) {
    if (format == *output) {
      return {};
    }
    list += (list.empty() ? "" : ",") + std::string(format);
  }
  return tl::unexpected(plainError("unable to match a printer suitable for the output format \"" +
                                   *output + "\", allowed formats are: " + list));
}

std::string recordedCommandLine(const BuildContext& context) {
  // As a plugin, kubectl runs us for "kubectl dsroll"; that is the basename kubectl would see.
  std::string out = "kubectl dsroll";
  for (const std::string& word : context.nonFlagWords) {
    out += " " + word;
  }
  for (const auto& [name, value] : context.flagsForRecord) {
    out += " --" + name + "=" + (isClassifiedFlag(name) ? "CLASSIFIED" : value);
  }
  return out;
}

std::string klogWarningLine(const std::string& message,
                            std::chrono::system_clock::time_point now,
                            long pid) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm local{};
  localtime_r(&seconds, &local);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  char header[64];
  std::snprintf(header, sizeof header, "W%02d%02d %02d:%02d:%02d.%06lld %7ld helpers.go:714] ",
                local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec,
                static_cast<long long>(micros), pid);
  return header + message + "\n";
}

}  // namespace dsroll::plugin::cli
