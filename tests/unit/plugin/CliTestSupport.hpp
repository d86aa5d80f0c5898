#pragma once
// Runs a command line through the plugin's parser and returns what a test compares.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/cli/CommandLine.hpp"

namespace dsroll::plugin::testing {

struct Parsed {
  bool ok = false;
  std::string error;    // stderr text when !ok
  std::string command;  // DaemonCall command, or the action's kind
  nlohmann::json args;  // DaemonCall args
  nlohmann::json kube;  // request.kube as JSON
  std::vector<std::string> warnings;
  std::vector<std::string> klogWarnings;
  cli::Action action;
};

inline Parsed parseLine(const std::vector<std::string>& args, std::string stdinText = "") {
  cli::CommandLine line;
  cli::ParseEnvironment environment;
  environment.readStdin = [stdinText]() -> tl::expected<std::string, std::string> {
    return stdinText;
  };
  auto result = line.parse(args, environment);
  Parsed out;
  if (!result) {
    out.error = result.error();
    return out;
  }
  out.ok = true;
  out.warnings = result->warnings;
  out.action = result->action;
  ipc::Request request;
  request.kube = result->kube;
  out.kube = ipc::toJson(request)["kube"];
  if (const auto* call = std::get_if<cli::DaemonCall>(&result->action)) {
    out.command = call->command;
    out.args = call->args;
    out.klogWarnings = call->klogWarnings;
  } else if (std::holds_alternative<cli::PrintText>(result->action)) {
    out.command = "<print>";
  } else if (std::holds_alternative<cli::ShowLogs>(result->action)) {
    out.command = "<logs>";
  } else if (std::holds_alternative<cli::InstallCompletion>(result->action)) {
    out.command = "<install>";
  } else if (std::holds_alternative<cli::RunCompletion>(result->action)) {
    out.command = "<complete>";
  }
  return out;
}

inline std::string printed(const Parsed& parsed) {
  const auto* text = std::get_if<cli::PrintText>(&parsed.action);
  return text == nullptr ? "" : text->text;
}

}  // namespace dsroll::plugin::testing
