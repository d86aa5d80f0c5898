#include "ipc/ExecEnvironment.hpp"

namespace dsroll::ipc {

std::vector<std::string> execEnvironment(
    std::map<std::string, std::string> callerEnv,
    const std::vector<std::pair<std::string, std::string>>& env,
    const std::string& execInfo) {
  for (const auto& [name, value] : env) {
    if (!name.empty()) callerEnv[name] = value;
  }
  callerEnv["KUBERNETES_EXEC_INFO"] = execInfo;
  std::vector<std::string> out;
  out.reserve(callerEnv.size());
  for (const auto& [name, value] : callerEnv)
    out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> spawnPointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings)
    out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace dsroll::ipc
