// describeContainers and its helpers from kubectl's describe.go, for a pod template (no container
// statuses, no environment resolver).

#include <algorithm>
#include <cmath>

#include "daemon/render/DescribeParts.hpp"
#include "daemon/render/GoFormat.hpp"
#include "daemon/render/Quantity.hpp"

namespace dsroll::render::describe {

namespace {

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i != 0) out += sep;
    out += parts[i];
  }
  return out;
}

// describeContainerPorts / describeContainerHostPorts: "80/TCP (http), 443/TCP".
std::string describePorts(const Json& ports, std::string_view portField) {
  std::vector<std::string> out;
  for (const Json& port : ports) {
    std::string s = std::to_string(integer(port, portField)) + "/" + str(port, "protocol");
    const std::string name = str(port, "name");
    if (!name.empty()) s += " (" + name + ")";
    out.push_back(s);
  }
  return join(out, ", ");
}

void describeBasicInfo(PrefixWriter& w, const Json& c, std::string_view space) {
  const std::string nameIndent = space.empty() ? "" : " ";
  w.write(kLevel1, nameIndent + str(c, "name") + ":\n");
  w.write(kLevel2, "Image:\t" + str(c, "image") + "\n");
  const std::string ports = describePorts(array(c, "ports"), "containerPort");
  if (ports.find(',') != std::string::npos) {
    w.write(kLevel2, "Ports:\t" + ports + "\n");
  } else {
    w.write(kLevel2, "Port:\t" + (ports.empty() ? std::string("<none>") : ports) + "\n");
  }
  const std::string hostPorts = describePorts(array(c, "ports"), "hostPort");
  if (hostPorts.find(',') != std::string::npos) {
    w.write(kLevel2, "Host Ports:\t" + hostPorts + "\n");
  } else {
    w.write(kLevel2,
            "Host Port:\t" + (hostPorts.empty() ? std::string("<none>") : hostPorts) + "\n");
  }
  const Json* securityContext = member(c, "securityContext");
  const Json* seccomp =
      securityContext != nullptr ? member(*securityContext, "seccompProfile") : nullptr;
  if (seccomp != nullptr) {
    const std::string type = str(*seccomp, "type");
    w.write(kLevel2, "SeccompProfile:\t" + type + "\n");
    if (type == "Localhost") {
      w.write(kLevel3, "LocalhostProfile:\t" + str(*seccomp, "localhostProfile") + "\n");
    }
  }
}

void describeLines(PrefixWriter& w, std::string_view title, const Json& values) {
  if (values.empty()) return;
  w.write(kLevel2, std::string(title) + ":\n");
  for (const Json& value : values) {
    const std::string s = text(value);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || s[i] == '\n') {
        w.write(kLevel3, s.substr(start, i - start) + "\n");
        start = i + 1;
      }
    }
  }
}

void describeResources(PrefixWriter& w, const Json* resources) {
  if (resources == nullptr) return;
  for (const auto& [field, title] :
       {std::pair{"limits", "Limits"}, std::pair{"requests", "Requests"}}) {
    const Json* list = member(*resources, field);
    const std::vector<std::string> names = sortedKeys(list);
    if (!names.empty()) w.write(kLevel2, std::string(title) + ":\n");
    for (const std::string& name : names) {
      w.write(kLevel3, name + ":\t" + canonicalQuantity(text((*list)[name])) + "\n");
    }
  }
}

// A quantity from a ResourceList (zero when absent or unparseable).
Quantity resourceQuantity(const Json& container, std::string_view list, const std::string& name) {
  const Json* resources = member(container, "resources");
  const Json* values = resources != nullptr ? member(*resources, list) : nullptr;
  const Json* value = values != nullptr ? member(*values, name) : nullptr;
  if (value == nullptr) return Quantity{};
  return parseQuantity(text(*value)).value_or(Quantity{});
}

// kubectl's resource.ExtractContainerResourceValue for a resourceFieldRef: the container's own
// limit or request divided by the divisor, rounded up. Empty when the resource is unsupported.
std::string containerResourceValue(const Json& ref, const Json& container) {
  Quantity divisor = parseQuantity(str(ref, "divisor")).value_or(Quantity{});
  if (quantitySign(divisor) == 0) divisor = Quantity{1, 0, Quantity::Format::kDecimalSI, ""};
  const std::string resource = str(ref, "resource");
  const std::size_t dot = resource.find('.');
  if (dot == std::string::npos) return "";
  const std::string list = resource.substr(0, dot);
  const std::string name = resource.substr(dot + 1);
  if (list != "limits" && list != "requests") return "";
  const auto ceilDiv = [](std::int64_t a, std::int64_t b) {
    return std::to_string(
        static_cast<std::int64_t>(std::ceil(static_cast<double>(a) / static_cast<double>(b))));
  };
  const Quantity q = resourceQuantity(container, list, name);
  if (name == "cpu") return ceilDiv(quantityMilliValue(q), quantityMilliValue(divisor));
  if (name == "memory" || name == "ephemeral-storage" || name.rfind("hugepages-", 0) == 0) {
    return ceilDiv(quantityValue(q), quantityValue(divisor));
  }
  return "";
}

void describeEnv(PrefixWriter& w, const Json& c) {
  const Json& env = array(c, "env");
  w.write(kLevel2, std::string("Environment:") + (env.empty() ? "\t<none>" : "") + "\n");
  for (const Json& e : env) {
    const std::string name = str(e, "name");
    const Json* from = member(e, "valueFrom");
    if (from == nullptr) {
      const std::string value = str(e, "value");
      std::size_t start = 0;
      bool first = true;
      for (std::size_t i = 0; i <= value.size(); ++i) {
        if (i == value.size() || value[i] == '\n') {
          const std::string line = value.substr(start, i - start);
          w.write(kLevel3, first ? name + ":\t" + line + "\n" : "\t" + line + "\n");
          first = false;
          start = i + 1;
        }
      }
      continue;
    }
    if (const Json* ref = member(*from, "fieldRef")) {
      w.write(kLevel3,
              name + ":\t (" + str(*ref, "apiVersion") + ":" + str(*ref, "fieldPath") + ")\n");
    } else if (const Json* res = member(*from, "resourceFieldRef")) {
      std::string value = containerResourceValue(*res, c);
      const std::string resource = str(*res, "resource");
      if (value == "0" && (resource == "limits.cpu" || resource == "limits.memory")) {
        value = "node allocatable";
      }
      w.write(kLevel3, name + ":\t" + value + " (" + resource + ")\n");
    } else if (const Json* secret = member(*from, "secretKeyRef")) {
      w.write(kLevel3, name + ":\t<set to the key '" + str(*secret, "key") + "' in secret '" +
                           str(*secret, "name") +
                           "'>\tOptional: " + goBool(boolean(*secret, "optional")) + "\n");
    } else if (const Json* cm = member(*from, "configMapKeyRef")) {
      w.write(kLevel3, name + ":\t<set to the key '" + str(*cm, "key") + "' of config map '" +
                           str(*cm, "name") + "'>\tOptional: " + goBool(boolean(*cm, "optional")) +
                           "\n");
    }
    // Other sources (fileKeyRef) print nothing, as in kubectl.
  }
}

void describeEnvFrom(PrefixWriter& w, const Json& c) {
  const Json& envFrom = array(c, "envFrom");
  if (envFrom.empty()) return;
  w.write(kLevel2, "Environment Variables from:\n");
  for (const Json& e : envFrom) {
    std::string from;
    std::string name;
    bool optional = false;
    if (const Json* cm = member(e, "configMapRef")) {
      from = "ConfigMap";
      name = str(*cm, "name");
      optional = boolean(*cm, "optional");
    } else if (const Json* secret = member(e, "secretRef")) {
      from = "Secret";
      name = str(*secret, "name");
      optional = boolean(*secret, "optional");
    }
    const std::string prefix = str(e, "prefix");
    if (prefix.empty()) {
      w.write(kLevel3, name + "\t" + from + "\tOptional: " + goBool(optional) + "\n");
    } else {
      w.write(kLevel3, name + "\t" + from + " with prefix '" + prefix +
                           "'\tOptional: " + goBool(optional) + "\n");
    }
  }
}

// A stable sort by one string field (kubectl's sort.Sort, identical for distinct keys).
std::vector<const Json*> sortedBy(const Json& items, std::string_view field) {
  std::vector<const Json*> out;
  for (const Json& item : items)
    out.push_back(&item);
  std::stable_sort(out.begin(), out.end(), [field](const Json* a, const Json* b) {
    return str(*a, field) < str(*b, field);
  });
  return out;
}

void describeMounts(PrefixWriter& w, const Json& c) {
  const Json& mounts = array(c, "volumeMounts");
  const std::string none = mounts.empty() ? "\t<none>" : "";
  w.write(kLevel2, "Mounts:" + none + "\n");
  for (const Json* m : sortedBy(mounts, "mountPath")) {
    std::string flags = boolean(*m, "readOnly") ? "ro" : "rw";
    const std::string subPath = str(*m, "subPath");
    if (!subPath.empty()) flags += ",path=" + gofmt::quote(subPath);
    w.write(kLevel3, str(*m, "mountPath") + " from " + str(*m, "name") + " (" + flags + ")\n");
  }
  const Json& devices = array(c, "volumeDevices");
  if (devices.empty()) return;
  w.write(kLevel2, "Devices:" + none + "\n");  // kubectl reuses the mounts' "<none>"
  for (const Json* d : sortedBy(devices, "devicePath")) {
    w.write(kLevel3, str(*d, "devicePath") + " from " + str(*d, "name") + "\n");
  }
}

}  // namespace

void describeContainers(PrefixWriter& w,
                        std::string_view label,
                        const Json& containers,
                        std::string_view space) {
  w.write(kLevel0, std::string(space) + std::string(label) + ":" +
                       (containers.empty() ? " <none>" : "") + "\n");
  for (const Json& c : containers) {
    describeBasicInfo(w, c, space);
    describeLines(w, "Command", array(c, "command"));
    describeLines(w, "Args", array(c, "args"));
    describeResources(w, member(c, "resources"));
    for (const auto& [field, title] :
         {std::pair{"livenessProbe", "Liveness"}, std::pair{"readinessProbe", "Readiness"},
          std::pair{"startupProbe", "Startup"}}) {
      if (const Json* probe = member(c, field)) {
        w.write(kLevel2, std::string(title) + ":\t" + describeProbe(*probe) + "\n");
      }
    }
    describeEnvFrom(w, c);
    describeEnv(w, c);
    describeMounts(w, c);
  }
}

}  // namespace dsroll::render::describe
