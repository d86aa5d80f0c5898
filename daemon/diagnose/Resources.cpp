#include "daemon/diagnose/Resources.hpp"

#include <algorithm>
#include <cstdio>

#include "daemon/model/Json.hpp"
#include "daemon/model/Quantity.hpp"

namespace dsroll::diagnose {

namespace {

std::int64_t quantityAt(const nlohmann::json& list, const char* resource, bool milli) {
  const auto* value = model::at(list, {resource});
  if (value == nullptr) return 0;
  std::string text = value->is_string() ? value->get<std::string>() : value->dump();
  const auto parsed = model::parseQuantityMilli(text).value_or(0);
  return milli ? parsed : (parsed + 999) / 1000;
}

/** One container's requests; limits stand in for absent requests. */
Requests containerRequests(const nlohmann::json& container) {
  Requests r;
  const auto* requests = model::at(container, {"resources", "requests"});
  const auto* limits = model::at(container, {"resources", "limits"});
  static const nlohmann::json kNone = nlohmann::json::object();
  const auto& req = requests != nullptr ? *requests : kNone;
  const auto& lim = limits != nullptr ? *limits : kNone;
  r.cpuMilli = req.contains("cpu") ? quantityAt(req, "cpu", true) : quantityAt(lim, "cpu", true);
  r.memoryBytes =
      req.contains("memory") ? quantityAt(req, "memory", false) : quantityAt(lim, "memory", false);
  return r;
}

Requests max(const Requests& a, const Requests& b) {
  return Requests{std::max(a.cpuMilli, b.cpuMilli), std::max(a.memoryBytes, b.memoryBytes),
                  std::max(a.pods, b.pods)};
}

}  // namespace

Requests& Requests::operator+=(const Requests& o) {
  cpuMilli += o.cpuMilli;
  memoryBytes += o.memoryBytes;
  pods += o.pods;
  return *this;
}

Requests& Requests::operator-=(const Requests& o) {
  cpuMilli -= o.cpuMilli;
  memoryBytes -= o.memoryBytes;
  pods -= o.pods;
  return *this;
}

Requests operator+(Requests a, const Requests& b) {
  return a += b;
}
Requests operator-(Requests a, const Requests& b) {
  return a -= b;
}

Requests podRequests(const nlohmann::json& podSpec) {
  Requests containers;
  if (const auto* list = model::at(podSpec, {"containers"}); list && list->is_array()) {
    for (const auto& c : *list)
      containers += containerRequests(c);
  }
  // Init containers run one at a time, each next to the sidecars started before it.
  Requests sidecars;
  Requests initPeak;
  if (const auto* list = model::at(podSpec, {"initContainers"}); list && list->is_array()) {
    for (const auto& c : *list) {
      const auto r = containerRequests(c);
      if (model::str(c, {"restartPolicy"}) == "Always") {
        sidecars += r;
        initPeak = max(initPeak, sidecars);
      } else {
        initPeak = max(initPeak, sidecars + r);
      }
    }
  }
  Requests total = max(containers + sidecars, initPeak);
  if (const auto* overhead = model::at(podSpec, {"overhead"}); overhead != nullptr) {
    total.cpuMilli += quantityAt(*overhead, "cpu", true);
    total.memoryBytes += quantityAt(*overhead, "memory", false);
  }
  total.pods = 1;
  return total;
}

Requests shortfall(const Requests& need, const Requests& free) {
  return Requests{std::max<std::int64_t>(0, need.cpuMilli - free.cpuMilli),
                  std::max<std::int64_t>(0, need.memoryBytes - free.memoryBytes),
                  std::max<std::int64_t>(0, need.pods - free.pods)};
}

std::string formatMemory(std::int64_t bytes) {
  constexpr std::int64_t kMi = 1024 * 1024;
  if (bytes % kMi == 0 || bytes < kMi) {
    return bytes < 0 ? "-" + model::formatBytes(-bytes) : model::formatBytes(bytes);
  }
  const bool gi = bytes >= 1024 * kMi;
  const double value = static_cast<double>(bytes) / static_cast<double>(gi ? 1024 * kMi : kMi);
  char text[32];
  std::snprintf(text, sizeof text, "~%.1f%s", value, gi ? "Gi" : "Mi");
  return text;
}

std::string describe(const Requests& r, bool withPods) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (r.cpuMilli != 0) add("cpu " + model::formatCpuMilli(r.cpuMilli));
  if (r.memoryBytes != 0) add("memory " + formatMemory(r.memoryBytes));
  if (withPods && r.pods != 0) add(std::to_string(r.pods) + (r.pods == 1 ? " pod" : " pods"));
  return out.empty() ? "none" : out;
}

nlohmann::json toJson(const Requests& r) {
  return {{"cpu", model::formatCpuMilli(r.cpuMilli)},
          {"memory", model::formatBytes(r.memoryBytes)},
          {"pods", r.pods}};
}

}  // namespace dsroll::diagnose
