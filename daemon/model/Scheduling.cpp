#include "daemon/model/Scheduling.hpp"

#include <algorithm>
#include <cstdlib>

#include "daemon/model/Json.hpp"

namespace dsroll::model {

namespace {

std::vector<std::string> stringsAt(const nlohmann::json& object, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* values = at(object, {key}); values && values->is_array()) {
    for (const auto& v : *values) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

bool requirementMatches(const nlohmann::json& requirement, bool present, const std::string& value) {
  const std::string op = str(requirement, {"operator"});
  const auto values = stringsAt(requirement, "values");
  const auto contains = std::find(values.begin(), values.end(), value) != values.end();
  if (op == "In") return present && contains;
  if (op == "NotIn") return !present || !contains;
  if (op == "Exists") return present;
  if (op == "DoesNotExist") return !present;
  if (op == "Gt" || op == "Lt") {
    if (!present || values.size() != 1) return false;
    char* end = nullptr;
    const long long have = std::strtoll(value.c_str(), &end, 10);
    if (end == value.c_str() || *end != '\0') return false;
    const long long want = std::strtoll(values[0].c_str(), nullptr, 10);
    return op == "Gt" ? have > want : have < want;
  }
  return false;
}

bool termMatches(const nlohmann::json& term, const NodeFacts& node) {
  const auto* exprs = at(term, {"matchExpressions"});
  const auto* fields = at(term, {"matchFields"});
  const bool hasExprs = exprs && exprs->is_array() && !exprs->empty();
  const bool hasFields = fields && fields->is_array() && !fields->empty();
  if (!hasExprs && !hasFields) {
    return false;  // an empty term matches nothing
  }
  if (hasExprs) {
    for (const auto& r : *exprs) {
      const auto key = str(r, {"key"});
      auto it = node.labels->find(key);
      const bool present = it != node.labels->end();
      if (!requirementMatches(r, present, present ? it->second : "")) return false;
    }
  }
  if (hasFields) {
    for (const auto& r : *fields) {
      const bool isName = str(r, {"key"}) == "metadata.name";
      if (!requirementMatches(r, isName, isName ? node.name : "")) return false;
    }
  }
  return true;
}

}  // namespace

bool tolerates(const nlohmann::json& toleration, const NodeTaint& taint) {
  const auto effect = str(toleration, {"effect"});
  if (!effect.empty() && effect != taint.effect) {
    return false;
  }
  const auto key = str(toleration, {"key"});
  const auto op = str(toleration, {"operator"}, "Equal");
  if (key.empty()) {
    return op == "Exists";  // an empty key with Exists tolerates everything
  }
  if (key != taint.key) {
    return false;
  }
  if (op == "Exists") {
    return true;
  }
  return op == "Equal" && str(toleration, {"value"}) == taint.value;
}

std::vector<nlohmann::json> daemonPodDefaultTolerations(bool hostNetwork) {
  std::vector<nlohmann::json> out = {
      {{"key", "node.kubernetes.io/not-ready"}, {"operator", "Exists"}, {"effect", "NoExecute"}},
      {{"key", "node.kubernetes.io/unreachable"}, {"operator", "Exists"}, {"effect", "NoExecute"}},
      {{"key", "node.kubernetes.io/disk-pressure"}, {"operator", "Exists"}, {"effect", "NoSchedule"}},
      {{"key", "node.kubernetes.io/memory-pressure"}, {"operator", "Exists"}, {"effect", "NoSchedule"}},
      {{"key", "node.kubernetes.io/pid-pressure"}, {"operator", "Exists"}, {"effect", "NoSchedule"}},
      {{"key", "node.kubernetes.io/unschedulable"}, {"operator", "Exists"}, {"effect", "NoSchedule"}},
  };
  if (hostNetwork) {
    out.push_back({{"key", "node.kubernetes.io/network-unavailable"},
                   {"operator", "Exists"},
                   {"effect", "NoSchedule"}});
  }
  return out;
}

Placement placementOn(const nlohmann::json& podSpec, const NodeFacts& node) {
  static const std::map<std::string, std::string> kNoLabels;
  static const std::vector<NodeTaint> kNoTaints;
  NodeFacts facts = node;
  if (facts.labels == nullptr) facts.labels = &kNoLabels;
  if (facts.taints == nullptr) facts.taints = &kNoTaints;

  if (const auto name = str(podSpec, {"nodeName"}); !name.empty() && name != facts.name) {
    return {PlacementVerdict::NodeNameMismatch, "spec.nodeName is " + name};
  }
  if (const auto* selector = at(podSpec, {"nodeSelector"}); selector && selector->is_object()) {
    for (const auto& [k, v] : selector->items()) {
      auto it = facts.labels->find(k);
      if (it == facts.labels->end() || !v.is_string() || it->second != v.get<std::string>()) {
        return {PlacementVerdict::NodeSelector,
                k + "=" + (v.is_string() ? v.get<std::string>() : std::string())};
      }
    }
  }
  if (const auto* terms = at(podSpec, {"affinity", "nodeAffinity",
                                       "requiredDuringSchedulingIgnoredDuringExecution",
                                       "nodeSelectorTerms"});
      terms && terms->is_array()) {
    const bool any = std::any_of(terms->begin(), terms->end(),
                                 [&](const auto& term) { return termMatches(term, facts); });
    if (!any) {
      return {PlacementVerdict::NodeAffinity, "required node affinity"};
    }
  }
  std::vector<nlohmann::json> tolerations =
      daemonPodDefaultTolerations(boolean(podSpec, {"hostNetwork"}));
  if (const auto* own = at(podSpec, {"tolerations"}); own && own->is_array()) {
    tolerations.insert(tolerations.end(), own->begin(), own->end());
  }
  for (const auto& taint : *facts.taints) {
    if (taint.effect != "NoSchedule" && taint.effect != "NoExecute") {
      continue;
    }
    const bool ok = std::any_of(tolerations.begin(), tolerations.end(),
                                [&](const auto& t) { return tolerates(t, taint); });
    if (!ok) {
      std::string text = taint.key;
      if (!taint.value.empty()) text += "=" + taint.value;
      return {PlacementVerdict::Taint, text + ":" + taint.effect};
    }
  }
  return {};
}

}  // namespace dsroll::model
