#include "daemon/kube/ConfigErrors.hpp"

#include <algorithm>

namespace dsroll::kube {

namespace {

std::vector<std::string> unique(std::vector<std::string> items) {
  std::vector<std::string> out;
  for (auto& item : items) {
    if (std::find(out.begin(), out.end(), item) == out.end()) {
      out.push_back(std::move(item));
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i > 0 ? separator : "") + items[i];
  }
  return out;
}

// Go's aggregate error text: the error itself when there is one, else "[a, b]".
std::string aggregate(const std::vector<std::string>& items) {
  return items.size() == 1 ? items.front() : "[" + join(items, ", ") + "]";
}

}  // namespace

ConfigError plainConfigError(std::string message) {
  ConfigError error;
  error.display = "error: " + message;
  error.message = std::move(message);
  return error;
}

ConfigError invalidConfiguration(std::vector<std::string> problems, bool contextNotFound) {
  problems = unique(std::move(problems));
  ConfigError error;
  error.message = "invalid configuration: " + aggregate(problems);
  if (problems.size() == 1) {
    error.display = (contextNotFound ? "Error in configuration: " : "error: ") + problems.front();
  } else {
    error.display = "Error in configuration: \n* " + join(problems, "\n* ");
  }
  return error;
}

ConfigError severalConfigErrors(std::vector<std::string> errors) {
  if (errors.size() == 1) {
    return plainConfigError(std::move(errors.front()));
  }
  errors = unique(std::move(errors));
  return ConfigError{aggregate(errors), join(errors, "\n")};
}

}  // namespace dsroll::kube
