#include "tests/unit/cache/CacheTestSupport.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

namespace dsroll::cache::test {

TempDir::TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "dsroll-cache-XXXXXX").string();
  std::vector<char> buffer(templ.begin(), templ.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for " + templ);
  }
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ignored);
  std::filesystem::remove_all(path_, ignored);
}

DaemonSetInfo makeDaemonSet(const std::string& uid,
                            const std::string& name,
                            const std::string& namespace_,
                            Timestamp createdAt) {
  return DaemonSetInfo{uid, namespace_, name, createdAt, "name=" + name};
}

std::string realisticRevisionData(std::int64_t revision) {
  const std::string tag = "v1.16." + std::to_string(revision);
  nlohmann::json container = {
      {"name", "fluentd-elasticsearch"},
      {"image", "quay.io/fluentd_elasticsearch/fluentd:" + tag},
      {"imagePullPolicy", "IfNotPresent"},
      {"env",
       {{{"name", "FLUENT_ELASTICSEARCH_HOST"}, {"value", "elasticsearch-logging.logging.svc"}},
        {{"name", "FLUENT_ELASTICSEARCH_PORT"}, {"value", "9200"}},
        {{"name", "FLUENT_UID"}, {"value", "0"}},
        {{"name", "FLUENT_ELASTICSEARCH_SCHEME"}, {"value", "https"}},
        {{"name", "FLUENT_ELASTICSEARCH_SSL_VERIFY"}, {"value", "true"}},
        {{"name", "FLUENT_ELASTICSEARCH_LOGSTASH_PREFIX"}, {"value", "kubernetes-logs"}},
        {{"name", "FLUENTD_SYSTEMD_CONF"}, {"value", "disable"}},
        {{"name", "POD_NAME"},
         {"valueFrom", {{"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "metadata.name"}}}}}},
        {{"name", "NODE_NAME"},
         {"valueFrom", {{"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "spec.nodeName"}}}}}}}},
      {"resources",
       {{"limits", {{"memory", "200Mi"}}}, {"requests", {{"cpu", "100m"}, {"memory", "200Mi"}}}}},
      {"volumeMounts",
       {{{"name", "varlog"}, {"mountPath", "/var/log"}},
        {{"name", "varlibdockercontainers"},
         {"mountPath", "/var/lib/docker/containers"},
         {"readOnly", true}},
        {{"name", "config-volume"}, {"mountPath", "/etc/fluent/config.d"}}}},
      {"livenessProbe",
       {{"httpGet", {{"path", "/metrics"}, {"port", 24231}, {"scheme", "HTTP"}}},
        {"initialDelaySeconds", 30},
        {"periodSeconds", 10},
        {"timeoutSeconds", 1},
        {"successThreshold", 1},
        {"failureThreshold", 3}}},
      {"terminationMessagePath", "/dev/termination-log"},
      {"terminationMessagePolicy", "File"}};
  nlohmann::json spec = {
      {"template",
       {{"$patch", "replace"},
        {"metadata",
         {{"creationTimestamp", nullptr},
          {"labels", {{"name", "fluentd-elasticsearch"}, {"k8s-app", "fluentd-logging"}}},
          {"annotations",
           {{"kubectl.kubernetes.io/restartedAt",
             "2024-05-0" + std::to_string(revision % 9 + 1) + "T10:00:00Z"}}}}},
        {"spec",
         {{"initContainers",
           {{{"name", "config-check"},
             {"image", "busybox:1.36"},
             {"command", {"sh", "-c", "test -s /etc/fluent/config.d/output.conf"}},
             {"volumeMounts", {{{"name", "config-volume"}, {"mountPath", "/etc/fluent/config.d"}}}},
             {"terminationMessagePath", "/dev/termination-log"},
             {"terminationMessagePolicy", "File"}}}},
          {"containers", {container}},
          {"dnsPolicy", "ClusterFirst"},
          {"priorityClassName", "system-node-critical"},
          {"restartPolicy", "Always"},
          {"schedulerName", "default-scheduler"},
          {"securityContext", nlohmann::json::object()},
          {"serviceAccountName", "fluentd-es"},
          {"terminationGracePeriodSeconds", 30},
          {"tolerations",
           {{{"key", "node-role.kubernetes.io/control-plane"},
             {"operator", "Exists"},
             {"effect", "NoSchedule"}},
            {{"key", "node-role.kubernetes.io/master"},
             {"operator", "Exists"},
             {"effect", "NoSchedule"}}}},
          {"volumes",
           {{{"name", "varlog"}, {"hostPath", {{"path", "/var/log"}, {"type", ""}}}},
            {{"name", "varlibdockercontainers"},
             {"hostPath", {{"path", "/var/lib/docker/containers"}, {"type", ""}}}},
            {{"name", "config-volume"},
             {"configMap", {{"name", "fluentd-es-config-v0.2.1"}, {"defaultMode", 420}}}}}}}}}}};
  return nlohmann::json{{"spec", spec}}.dump();
}

RevisionInfo makeRevision(const std::string& uid,
                          const std::string& daemonSetUid,
                          std::int64_t revision,
                          Timestamp createdAt) {
  RevisionInfo rev;
  rev.uid = uid;
  rev.name = "fluentd-" + uid.substr(0, 10);
  rev.daemonSetUid = daemonSetUid;
  rev.revision = revision;
  rev.hash = "5d8f" + std::to_string(revision);
  rev.changeCause =
      "kubectl dsroll set image fluentd=quay.io/fluentd:v1.16." + std::to_string(revision);
  rev.images = {"busybox:1.36",
                "quay.io/fluentd_elasticsearch/fluentd:v1.16." + std::to_string(revision)};
  rev.data = realisticRevisionData(revision);
  rev.createdAt = createdAt;
  return rev;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace dsroll::cache::test
