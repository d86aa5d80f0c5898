#include "daemon/model/LabelSelector.hpp"

#include <algorithm>
#include <vector>

#include "daemon/model/Json.hpp"

namespace dsroll::model {

namespace {

struct Requirement {
  std::string key;
  std::string op;  // "=", "in", "notin", "exists", "!"
  std::vector<std::string> values;
};

std::vector<Requirement> requirements(const nlohmann::json& selector) {
  std::vector<Requirement> out;
  if (const auto* labels = at(selector, {"matchLabels"}); labels && labels->is_object()) {
    for (const auto& [k, v] : labels->items()) {
      out.push_back(Requirement{k, "=", {v.is_string() ? v.get<std::string>() : ""}});
    }
  }
  if (const auto* exprs = at(selector, {"matchExpressions"}); exprs && exprs->is_array()) {
    for (const auto& e : *exprs) {
      Requirement r{str(e, {"key"}), "", {}};
      const std::string op = str(e, {"operator"});
      if (op == "In") r.op = "in";
      else if (op == "NotIn") r.op = "notin";
      else if (op == "Exists") r.op = "exists";
      else if (op == "DoesNotExist") r.op = "!";
      else continue;
      if (const auto* values = at(e, {"values"}); values && values->is_array()) {
        for (const auto& v : *values) {
          if (v.is_string()) r.values.push_back(v.get<std::string>());
        }
      }
      std::sort(r.values.begin(), r.values.end());
      out.push_back(std::move(r));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  return out;
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ",";
    out += v;
  }
  return out;
}

}  // namespace

std::string selectorString(const nlohmann::json& labelSelector) {
  std::string out;
  for (const auto& r : requirements(labelSelector)) {
    if (!out.empty()) out += ",";
    if (r.op == "=") out += r.key + "=" + r.values.front();
    else if (r.op == "in") out += r.key + " in (" + join(r.values) + ")";
    else if (r.op == "notin") out += r.key + " notin (" + join(r.values) + ")";
    else if (r.op == "exists") out += r.key;
    else out += "!" + r.key;
  }
  return out;
}

bool selectorMatches(const nlohmann::json& labelSelector,
                     const std::map<std::string, std::string>& labels) {
  for (const auto& r : requirements(labelSelector)) {
    auto it = labels.find(r.key);
    const bool has = it != labels.end();
    const auto contains = [&](const std::string& v) {
      return std::find(r.values.begin(), r.values.end(), v) != r.values.end();
    };
    if (r.op == "=" && (!has || it->second != r.values.front())) return false;
    if (r.op == "in" && (!has || !contains(it->second))) return false;
    if (r.op == "notin" && has && contains(it->second)) return false;
    if (r.op == "exists" && !has) return false;
    if (r.op == "!" && has) return false;
  }
  return true;
}

}  // namespace dsroll::model
