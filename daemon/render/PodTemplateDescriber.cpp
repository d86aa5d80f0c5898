#include "daemon/render/PodTemplateDescriber.hpp"

#include <algorithm>

#include "daemon/render/DescribeParts.hpp"

namespace dsroll::render {

namespace {

using namespace describe;

void describeTopologySpreadConstraints(PrefixWriter& w,
                                       const Json& constraints,
                                       const std::string& space) {
  if (constraints.empty()) return;
  // sort.Slice by topologyKey (insertion sort, so stable, for up to 12 constraints).
  std::vector<const Json*> sorted;
  for (const Json& c : constraints)
    sorted.push_back(&c);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Json* a, const Json* b) {
    return str(*a, "topologyKey") < str(*b, "topologyKey");
  });
  w.write(kLevel0, space + "Topology Spread Constraints:\t");
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Json& c = *sorted[i];
    if (i != 0) {
      w.write(kLevel0, space);
      w.write(kLevel0, "\t");
    }
    w.write(kLevel0, str(c, "topologyKey") + ":");
    w.write(kLevel0, str(c, "whenUnsatisfiable"));
    w.write(kLevel0, " when max skew " + std::to_string(integer(c, "maxSkew")) + " is exceeded");
    if (const Json* selector = member(c, "labelSelector")) {
      w.write(kLevel0, " for selector " + formatLabelSelector(selector));
    }
    w.write(kLevel0, "\n");
  }
}

}  // namespace

std::string describePodTemplate(const nlohmann::json& podTemplateSpec) {
  std::string out;
  PrefixWriter w(out);
  w.write(kLevel0, "Pod Template:\n");
  if (podTemplateSpec.is_null()) {
    w.write(kLevel1, "<unset>");
    return out;
  }
  const Json empty = Json::object();
  const Json* metadata = member(podTemplateSpec, "metadata");
  const Json* specPtr = member(podTemplateSpec, "spec");
  const Json& meta = metadata != nullptr ? *metadata : empty;
  const Json& spec = specPtr != nullptr ? *specPtr : empty;
  const std::string space = "  ";

  printLabelsMultiline(w, "  Labels", member(meta, "labels"));
  if (!sortedKeys(member(meta, "annotations")).empty()) {
    printAnnotationsMultiline(w, "  Annotations", member(meta, "annotations"));
  }
  const std::string serviceAccount = str(spec, "serviceAccountName");
  if (!serviceAccount.empty()) w.write(kLevel1, "Service Account:\t" + serviceAccount + "\n");
  if (!array(spec, "initContainers").empty()) {
    describeContainers(w, "Init Containers", array(spec, "initContainers"), space);
  }
  describeContainers(w, "Containers", array(spec, "containers"), space);
  describeVolumes(w, array(spec, "volumes"), space);
  describeTopologySpreadConstraints(w, array(spec, "topologySpreadConstraints"), space);
  const std::string priorityClass = str(spec, "priorityClassName");
  if (!priorityClass.empty()) w.write(kLevel1, "Priority Class Name:\t" + priorityClass + "\n");
  printLabelsMultiline(w, "  Node-Selectors", member(spec, "nodeSelector"));
  printTolerationsMultiline(w, "  Tolerations", array(spec, "tolerations"));
  if (const Json* group = member(spec, "schedulingGroup")) {
    w.write(kLevel0, space + "SchedulingGroup:\n");
    w.write(kLevel1, "PodGroupName:\t" + str(*group, "podGroupName") + "\n");
  }
  return out;
}

}  // namespace dsroll::render
