#include "plugin/cli/CommandTable.hpp"

namespace dsroll::plugin::cli {

void CommandTable::add(const CLI::App* app, CommandDoc doc, ActionBuilder build) {
  entries_[app] = Entry{std::move(doc), std::move(build)};
}

void CommandTable::addGroup(const CLI::App* app, CommandDoc doc) {
  entries_[app] = Entry{std::move(doc), {}};
}

void CommandTable::deprecate(const CLI::Option* option, std::string message) {
  deprecated_[option] = std::move(message);
}

void CommandTable::setValueCompletion(const CLI::Option* option, ValueCompletion completion) {
  completions_[option] = std::move(completion);
}

const ValueCompletion* CommandTable::valueCompletion(const CLI::Option* option) const {
  auto it = completions_.find(option);
  return it == completions_.end() ? nullptr : &it->second;
}

const CommandDoc* CommandTable::doc(const CLI::App* app) const {
  auto it = entries_.find(app);
  return it == entries_.end() ? nullptr : &it->second.doc;
}

const ActionBuilder* CommandTable::builder(const CLI::App* app) const {
  auto it = entries_.find(app);
  return it == entries_.end() || !it->second.build ? nullptr : &it->second.build;
}

std::optional<std::string> CommandTable::deprecation(const CLI::Option* option) const {
  auto it = deprecated_.find(option);
  if (it == deprecated_.end()) {
    return std::nullopt;
  }
  return it->second;
}

}  // namespace dsroll::plugin::cli
