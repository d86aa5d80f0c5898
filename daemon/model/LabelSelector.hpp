#pragma once
// metav1.LabelSelector: its string form (as kubectl sends it in labelSelector=) and matching.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace dsroll::model {

/**
 * "k=v,k2 in (a,b),!k3" with requirements sorted by key as apimachinery prints them;
 * "" for an empty selector (which matches everything).
 */
std::string selectorString(const nlohmann::json& labelSelector);

bool selectorMatches(const nlohmann::json& labelSelector,
                     const std::map<std::string, std::string>& labels);

}  // namespace dsroll::model
