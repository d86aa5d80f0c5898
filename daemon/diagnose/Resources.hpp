#pragma once
// Resource arithmetic the way the scheduler's NodeResourcesFit does it: a pod's effective
// requests (containers, init containers, restartable sidecars, overhead), a node's allocatable
// minus what its pods already request, and what is short.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace dsroll::diagnose {

struct Requests {
  std::int64_t cpuMilli = 0;
  std::int64_t memoryBytes = 0;
  std::int64_t pods = 0;

  Requests& operator+=(const Requests& o);
  Requests& operator-=(const Requests& o);
  bool any() const { return cpuMilli > 0 || memoryBytes > 0 || pods > 0; }
};

Requests operator+(Requests a, const Requests& b);
Requests operator-(Requests a, const Requests& b);

/**
 * What a pod with this spec asks the scheduler for (pods = 1): per resource the larger of
 * the containers' sum (plus restartable init containers) and each init container (plus the
 * restartable ones before it), plus spec.overhead. A container without requests uses its limits,
 * as the API server defaults them on a pod.
 */
Requests podRequests(const nlohmann::json& podSpec);

/** Per resource: how much more `need` asks for than `free` has (0 where it fits). */
Requests shortfall(const Requests& need, const Requests& free);

/** "cpu 100m, memory 2Gi, 1 pod", leaving out zero amounts unless all are zero ("none"). */
std::string describe(const Requests& r, bool withPods = true);

/** {"cpu": "100m", "memory": "2Gi", "pods": 1} */
nlohmann::json toJson(const Requests& r);

/** Memory as kubectl writes quantities ("512Mi", "1536Mi"); "~1.2Gi" when not a whole Mi. */
std::string formatMemory(std::int64_t bytes);

}  // namespace dsroll::diagnose
