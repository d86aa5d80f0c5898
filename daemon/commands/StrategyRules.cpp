#include "daemon/commands/StrategyRules.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

#include "daemon/kube/GoText.hpp"
#include "daemon/model/Json.hpp"

namespace dsroll::commands {

namespace {

const std::string kRollingUpdate = "RollingUpdate";
const std::string kOnDelete = "OnDelete";
const std::string kRollingPath = "spec.updateStrategy.rollingUpdate.";

bool allDigits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/** Go's strconv.Atoi: sign and decimal digits; out of range clamps (and Go's caller ignores the
 * error); anything else is 0. */
std::int64_t goAtoi(const std::string& text) {
  std::size_t i = 0;
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    i = 1;
  }
  const std::string digits = text.substr(i);
  if (!allDigits(digits)) return 0;
  std::int64_t value = 0;
  for (char c : digits) {
    const int d = c - '0';
    if (value > (LLONG_MAX - d) / 10) return negative ? LLONG_MIN : LLONG_MAX;
    value = value * 10 + d;
  }
  return negative ? -value : value;
}

/** validation.IsValidPercent: ^[0-9]+%$ */
bool isValidPercent(const std::string& text) {
  return text.size() >= 2 && text.back() == '%' && allDigits(text.substr(0, text.size() - 1));
}

std::optional<std::int64_t> percentValue(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_ref<const std::string&>();
  if (!isValidPercent(text)) return std::nullopt;
  return goAtoi(text.substr(0, text.size() - 1));
}

/** getIntOrPercentValue: the percent, else IntValue() (Atoi of a string, 0 when it fails). */
std::int64_t intOrPercentValue(const nlohmann::json& value) {
  if (auto percent = percentValue(value)) return *percent;
  if (value.is_string()) return goAtoi(value.get<std::string>());
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return 0;
}

/** How field.Error prints a bad value: integers plainly, strings quoted. */
std::string badValue(const nlohmann::json& value) {
  if (value.is_string()) return kube::goQuote(value.get<std::string>());
  if (value.is_null()) return "0";  // a zero IntOrString
  return value.dump();
}

std::string invalid(const std::string& field, const std::string& value, const std::string& detail) {
  return field + ": Invalid value: " + value + ": " + detail;
}

/** encoding/json's text for a value: as nlohmann writes it, with Go's HTML escaping. */
std::string goJson(const nlohmann::json& value) {
  std::string out;
  for (char c : value.dump()) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void validatePositiveIntOrPercent(const nlohmann::json& value,
                                  const std::string& field,
                                  std::vector<std::string>& errors) {
  if (value.is_string()) {
    if (!isValidPercent(value.get<std::string>())) {
      errors.push_back(invalid(field, badValue(value),
                               "a valid percent string must be a numeric string followed by an "
                               "ending '%' (e.g. '1%',  or '93%', regex used for validation is "
                               "'[0-9]+%')"));
    }
  } else if (intOrPercentValue(value) < 0) {
    errors.push_back(invalid(field, badValue(value), "must be greater than or equal to 0"));
  }
}

void validateNotMoreThan100Percent(const nlohmann::json& value,
                                   const std::string& field,
                                   std::vector<std::string>& errors) {
  if (auto percent = percentValue(value); percent && *percent > 100) {
    errors.push_back(invalid(field, badValue(value), "must not be greater than 100%"));
  }
}

void validateRollingUpdate(const UpdateStrategy& s, std::vector<std::string>& errors) {
  const std::string unavailable = kRollingPath + "maxUnavailable";
  const std::string surge = kRollingPath + "maxSurge";
  validatePositiveIntOrPercent(s.maxUnavailable, unavailable, errors);
  validatePositiveIntOrPercent(s.maxSurge, surge, errors);
  validateNotMoreThan100Percent(s.maxUnavailable, unavailable, errors);
  validateNotMoreThan100Percent(s.maxSurge, surge, errors);
  const bool hasUnavailable = intOrPercentValue(s.maxUnavailable) != 0;
  const bool hasSurge = intOrPercentValue(s.maxSurge) != 0;
  if (hasUnavailable && hasSurge) {
    errors.push_back(
        invalid(surge, badValue(s.maxSurge), "may not be set when maxUnavailable is non-zero"));
  } else if (!hasUnavailable && !hasSurge) {
    errors.push_back(unavailable + ": Required value: cannot be 0 when maxSurge is 0");
  }
}

/** The value field.NotSupported prints for the strategy: its internal Go struct as JSON. */
std::string strategyValue(const UpdateStrategy& s) {
  const auto intOrStringJson = [](const nlohmann::json& v) {
    return v.is_null() ? std::string("0") : goJson(v);
  };
  std::string value = "{\"Type\":" + goJson(s.type) + ",\"RollingUpdate\":";
  if (!s.hasRollingUpdate) return value + "null}";
  return value + "{\"MaxUnavailable\":" + intOrStringJson(s.maxUnavailable) +
         ",\"MaxSurge\":" + intOrStringJson(s.maxSurge) + "}}";
}

std::optional<std::string> optionalString(const nlohmann::json& args, const char* key) {
  const auto it = args.find(key);
  if (it == args.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return std::nullopt;
}

}  // namespace

UpdateStrategy strategyOf(const nlohmann::json& daemonSet) {
  UpdateStrategy s;
  s.type = model::str(daemonSet, {"spec", "updateStrategy", "type"});
  if (const auto* ru = model::at(daemonSet, {"spec", "updateStrategy", "rollingUpdate"});
      ru != nullptr && ru->is_object()) {
    s.hasRollingUpdate = true;
    if (auto it = ru->find("maxUnavailable"); it != ru->end()) s.maxUnavailable = *it;
    if (auto it = ru->find("maxSurge"); it != ru->end()) s.maxSurge = *it;
  }
  s.minReadySeconds = model::integer(daemonSet, {"spec", "minReadySeconds"});
  if (const auto* limit = model::at(daemonSet, {"spec", "revisionHistoryLimit"});
      limit != nullptr && limit->is_number_integer()) {
    s.revisionHistoryLimit = limit->get<std::int64_t>();
  }
  return s;
}

tl::expected<StrategyChange, std::string> strategyChangeArg(const nlohmann::json& args) {
  StrategyChange change;
  if (!args.is_object()) return change;
  change.type = optionalString(args, "type");
  change.maxUnavailable = optionalString(args, "maxUnavailable");
  change.maxSurge = optionalString(args, "maxSurge");
  for (auto [key, target] : {std::pair{"minReadySeconds", &change.minReadySeconds},
                             std::pair{"revisionHistoryLimit", &change.revisionHistoryLimit}}) {
    const auto it = args.find(key);
    if (it == args.end() || it->is_null()) continue;
    if (!it->is_number_integer()) {
      return tl::unexpected(std::string("malformed strategy request: ") + key +
                            " is not an integer");
    }
    *target = it->get<std::int64_t>();
  }
  return change;
}

nlohmann::json intOrString(const std::string& text) {
  // intstr.Parse: strconv.Atoi, else the string. Only values that fit an int32 stay numbers.
  const std::string digits =
      !text.empty() && (text[0] == '+' || text[0] == '-') ? text.substr(1) : text;
  if (allDigits(digits) && digits.size() <= 10) {
    const std::int64_t value = goAtoi(text);
    if (value >= INT32_MIN && value <= INT32_MAX) return value;
  }
  return text;
}

tl::expected<UpdateStrategy, std::string> changedStrategy(const UpdateStrategy& current,
                                                          const StrategyChange& change) {
  UpdateStrategy next = current;
  if (change.type) next.type = *change.type;
  if (next.type.empty()) next.type = kRollingUpdate;  // the API server's default
  if (next.type == kOnDelete) {
    if (change.maxUnavailable || change.maxSurge) {
      return tl::unexpected(std::string(
          "--max-unavailable and --max-surge only apply to the RollingUpdate strategy"));
    }
    if (change.type) {
      next.hasRollingUpdate = false;
      next.maxUnavailable = nullptr;
      next.maxSurge = nullptr;
    }
  } else {
    if (next.type == kRollingUpdate || change.maxUnavailable || change.maxSurge) {
      next.hasRollingUpdate = true;
    }
    if (next.type == kRollingUpdate) {
      if (next.maxUnavailable.is_null()) next.maxUnavailable = 1;
      if (next.maxSurge.is_null()) next.maxSurge = 0;
    }
    if (change.maxUnavailable) next.maxUnavailable = intOrString(*change.maxUnavailable);
    if (change.maxSurge) next.maxSurge = intOrString(*change.maxSurge);
  }
  if (change.minReadySeconds) next.minReadySeconds = *change.minReadySeconds;
  if (change.revisionHistoryLimit) next.revisionHistoryLimit = *change.revisionHistoryLimit;
  return next;
}

std::vector<std::string> validateStrategy(const UpdateStrategy& s) {
  std::vector<std::string> errors;
  if (s.minReadySeconds < 0) {
    errors.push_back(invalid("spec.minReadySeconds", std::to_string(s.minReadySeconds),
                             "must be greater than or equal to 0"));
  }
  if (s.type == kRollingUpdate) {
    if (!s.hasRollingUpdate) {
      errors.push_back("spec.updateStrategy.rollingUpdate: Required value");
    } else {
      validateRollingUpdate(s, errors);
    }
  } else if (s.type != kOnDelete) {
    errors.push_back("spec.updateStrategy: Unsupported value: " + strategyValue(s) +
                     ": supported values: \"RollingUpdate\", \"OnDelete\"");
  }
  if (s.revisionHistoryLimit && *s.revisionHistoryLimit < 0) {
    errors.push_back(invalid("spec.revisionHistoryLimit", std::to_string(*s.revisionHistoryLimit),
                             "must be greater than or equal to 0"));
  }
  return errors;
}

std::string invalidDaemonSet(const std::string& name, const std::vector<std::string>& causes) {
  std::string line = "The DaemonSet " + kube::goQuote(name) + " is invalid: ";
  if (causes.size() == 1) return line + causes.front();
  for (const auto& cause : causes)
    line += "\n* " + cause;
  return line;
}

std::int64_t scaledValue(const nlohmann::json& intOrPercent, std::int64_t total) {
  if (intOrPercent.is_number_integer()) return intOrPercent.get<std::int64_t>();
  const auto percent = percentValue(intOrPercent);
  if (!percent) return 0;
  return static_cast<std::int64_t>(
      std::ceil(static_cast<double>(*percent) * static_cast<double>(total) / 100.0));
}

EffectiveStrategy effectiveStrategy(const UpdateStrategy& strategy, std::int64_t desired) {
  EffectiveStrategy e;
  if (strategy.type != kRollingUpdate || !strategy.hasRollingUpdate) return e;
  e.maxUnavailable = scaledValue(strategy.maxUnavailable, desired);
  e.maxSurge = scaledValue(strategy.maxSurge, desired);
  if (desired > 0 && e.maxUnavailable == 0 && e.maxSurge == 0) e.maxUnavailable = 1;
  return e;
}

nlohmann::json strategyPatch(const UpdateStrategy& current, const UpdateStrategy& next) {
  nlohmann::json patch = nlohmann::json::object();
  nlohmann::json updateStrategy = nlohmann::json::object();
  if (next.type != current.type) updateStrategy["type"] = next.type;
  if (!next.hasRollingUpdate && current.hasRollingUpdate) {
    updateStrategy["rollingUpdate"] = nullptr;
  } else if (next.hasRollingUpdate) {
    nlohmann::json rollingUpdate = nlohmann::json::object();
    if (next.maxUnavailable != current.maxUnavailable || !current.hasRollingUpdate) {
      rollingUpdate["maxUnavailable"] = next.maxUnavailable;
    }
    if (next.maxSurge != current.maxSurge || !current.hasRollingUpdate) {
      rollingUpdate["maxSurge"] = next.maxSurge;
    }
    if (!rollingUpdate.empty()) updateStrategy["rollingUpdate"] = rollingUpdate;
  }
  if (!updateStrategy.empty()) patch["spec"]["updateStrategy"] = updateStrategy;
  if (next.minReadySeconds != current.minReadySeconds) {
    patch["spec"]["minReadySeconds"] = next.minReadySeconds;
  }
  if (next.revisionHistoryLimit != current.revisionHistoryLimit) {
    patch["spec"]["revisionHistoryLimit"] =
        next.revisionHistoryLimit ? nlohmann::json(*next.revisionHistoryLimit) : nlohmann::json();
  }
  return patch;
}

}  // namespace dsroll::commands
