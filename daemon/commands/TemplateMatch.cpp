#include "daemon/commands/TemplateMatch.hpp"

namespace dsroll::commands {

namespace {

nlohmann::json canonical(nlohmann::json t) {
  if (!t.is_object()) {
    return t;
  }
  t.erase("$patch");
  if (auto meta = t.find("metadata"); meta != t.end() && meta->is_object()) {
    if (auto ts = meta->find("creationTimestamp"); ts != meta->end() && ts->is_null()) {
      meta->erase(ts);
    }
    if (meta->empty()) {
      t.erase(meta);
    }
  }
  return t;
}

}  // namespace

bool sameTemplate(const nlohmann::json& a, const nlohmann::json& b) {
  return canonical(a) == canonical(b);
}

}  // namespace dsroll::commands
