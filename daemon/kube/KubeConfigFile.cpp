#include "daemon/kube/KubeConfigFile.hpp"

#include <exception>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "daemon/kube/GoText.hpp"
#include "daemon/kube/YamlFields.hpp"
#include "daemon/kube/YamlJson.hpp"

namespace dsroll::kube {

namespace {

constexpr std::string_view kExecExtension = "client.authentication.k8s.io/exec";

constexpr StringField<FileCluster> kClusterStrings[] = {
    {"server", &FileCluster::server},
    {"tls-server-name", &FileCluster::tlsServerName},
    {"certificate-authority", &FileCluster::certificateAuthority},
    {"certificate-authority-data", &FileCluster::certificateAuthorityData, true},
    {"proxy-url", &FileCluster::proxyUrl},
};

FieldResult<bool> readExtensions(const YAML::Node& value,
                                 const Field& f,
                                 const std::string& owner,
                                 FileCluster& cluster) {
  auto list = readNamedList(value, f, "extension", "NamedExtension",
                            "*[]NamedExtension into *map[string]runtime.Object");
  if (!list) return tl::make_unexpected(list.error());
  cluster.hasExtensions = cluster.hasExtensions || !list->empty();
  for (const auto& [extension, body] : *list) {
    if (extension != kExecExtension) continue;
    auto json = yamlToJson(body);
    if (!json) {
      return tl::make_unexpected("extension " + goQuote(extension) + " of " + owner + ": " +
                                 json.error());
    }
    cluster.execExtension = std::move(*json);
  }
  return true;
}

FieldResult<FileCluster> readCluster(const YAML::Node& node, const std::string& name) {
  FileCluster cluster;
  const Field field{"Cluster", "clusters.cluster"};
  const std::string owner = "cluster " + goQuote(name);
  auto ok = forEachKey(node, field, "v1.Cluster",
                       [&](const std::string& key, const YAML::Node& value) -> FieldResult<bool> {
                         const Field f = childField(field, "Cluster", key);
                         auto read =
                             readStringField(kClusterStrings, key, value, f, owner, cluster);
                         if (!read || *read) return read;
                         if (key == "insecure-skip-tls-verify" || key == "disable-compression") {
                           auto flag = readBool(value, f);
                           if (!flag) return flag;
                           (key == "disable-compression" ? cluster.disableCompression
                                                         : cluster.insecureSkipTlsVerify) = *flag;
                         } else if (key == "extensions") {
                           return readExtensions(value, f, owner, cluster);
                         }
                         return true;
                       });
  if (!ok) return tl::make_unexpected(ok.error());
  return cluster;
}

constexpr StringField<FileExec> kExecStrings[] = {
    {"command", &FileExec::command},
    {"apiVersion", &FileExec::apiVersion},
    {"installHint", &FileExec::installHint},
    {"interactiveMode", &FileExec::interactiveMode},
};

FieldResult<bool> readExecEnv(const YAML::Node& value, const Field& f, FileExec& exec) {
  if (!value.IsNull() && !value.IsSequence()) {
    return tl::make_unexpected(typeError(value, f, "[]v1.ExecEnvVar"));
  }
  const Field itemField{"ExecEnvVar", f.path};
  for (const auto& item : value) {
    std::string envName, envValue;
    auto entry = forEachKey(item, itemField, "v1.ExecEnvVar",
                            [&](const std::string& key, const YAML::Node& v) -> FieldResult<bool> {
                              auto text = readString(v, childField(itemField, "ExecEnvVar", key));
                              if (!text) return tl::make_unexpected(text.error());
                              if (key == "name") envName = std::move(*text);
                              if (key == "value") envValue = std::move(*text);
                              return true;
                            });
    if (!entry) return entry;
    exec.env.emplace_back(std::move(envName), std::move(envValue));
  }
  return true;
}

FieldResult<FileExec> readExec(const YAML::Node& node, const std::string& owner) {
  FileExec exec;
  const Field field{"ExecConfig", "users.user.exec"};
  auto ok = forEachKey(node, field, "v1.ExecConfig",
                       [&](const std::string& key, const YAML::Node& value) -> FieldResult<bool> {
                         const Field f = childField(field, "ExecConfig", key);
                         auto read = readStringField(kExecStrings, key, value, f, owner, exec);
                         if (!read || *read) return read;
                         if (key == "provideClusterInfo") {
                           auto flag = readBool(value, f);
                           if (!flag) return flag;
                           exec.provideClusterInfo = *flag;
                         } else if (key == "args") {
                           auto args = readStrings(value, f);
                           if (!args) return tl::make_unexpected(args.error());
                           exec.args = std::move(*args);
                         } else if (key == "env") {
                           return readExecEnv(value, f, exec);
                         }
                         return true;
                       });
  if (!ok) return tl::make_unexpected(ok.error());
  // client-go's SetDefaults_ExecConfig: older versions default to IfAvailable, v1 must say.
  if (exec.interactiveMode.empty() &&
      (exec.apiVersion == "client.authentication.k8s.io/v1beta1" ||
       exec.apiVersion == "client.authentication.k8s.io/v1alpha1")) {
    exec.interactiveMode = "IfAvailable";
  }
  return exec;
}

FieldResult<bool> readUserExtra(const YAML::Node& node, const Field& f, FileUser& user) {
  return forEachKey(node, f, "map[string][]string",
                    [&](const std::string& key, const YAML::Node& value) -> FieldResult<bool> {
                      auto values = readStrings(value, f);
                      if (!values) return tl::make_unexpected(values.error());
                      user.asUserExtra[key] = std::move(*values);
                      return true;
                    });
}

constexpr StringField<FileUser> kUserStrings[] = {
    {"client-certificate", &FileUser::clientCertificate},
    {"client-certificate-data", &FileUser::clientCertificateData, true},
    {"client-key", &FileUser::clientKey},
    {"client-key-data", &FileUser::clientKeyData, true},
    {"token", &FileUser::token},
    {"tokenFile", &FileUser::tokenFile},
    {"as", &FileUser::as},
    {"as-uid", &FileUser::asUid},
    {"username", &FileUser::username},
    {"password", &FileUser::password},
};

FieldResult<bool> readAuthProvider(const YAML::Node& value, const Field& f, FileUser& user) {
  std::string provider;
  auto ok = forEachKey(value, f, "*v1.AuthProviderConfig",
                       [&](const std::string& key, const YAML::Node& v) -> FieldResult<bool> {
                         if (key != "name") return true;
                         auto text = readString(v, childField(f, "AuthProviderConfig", key));
                         if (!text) return tl::make_unexpected(text.error());
                         provider = std::move(*text);
                         return true;
                       });
  if (ok) user.authProvider = provider;
  return ok;
}

FieldResult<FileUser> readUser(const YAML::Node& node, const std::string& name) {
  FileUser user;
  const Field field{"AuthInfo", "users.user"};
  const std::string owner = "user " + goQuote(name);
  auto ok = forEachKey(node, field, "v1.AuthInfo",
                       [&](const std::string& key, const YAML::Node& value) -> FieldResult<bool> {
                         const Field f = childField(field, "AuthInfo", key);
                         auto read = readStringField(kUserStrings, key, value, f, owner, user);
                         if (!read || *read) return read;
                         if (key == "as-groups") {
                           auto groups = readStrings(value, f);
                           if (!groups) return tl::make_unexpected(groups.error());
                           user.asGroups = std::move(*groups);
                         } else if (key == "as-user-extra") {
                           return readUserExtra(value, f, user);
                         } else if (key == "auth-provider" && !value.IsNull()) {
                           return readAuthProvider(value, f, user);
                         } else if (key == "exec" && !value.IsNull()) {
                           auto exec = readExec(value, owner);
                           if (!exec) return tl::make_unexpected(exec.error());
                           user.exec = std::move(*exec);
                         }
                         return true;
                       });
  if (!ok) return tl::make_unexpected(ok.error());
  return user;
}

FieldResult<FileContext> readContext(const YAML::Node& node) {
  FileContext context;
  const Field field{"Context", "contexts.context"};
  auto ok = forEachKey(node, field, "v1.Context",
                       [&](const std::string& key, const YAML::Node& value) -> FieldResult<bool> {
                         std::string* target = key == "cluster"     ? &context.cluster
                                               : key == "user"      ? &context.user
                                               : key == "namespace" ? &context.namespace_
                                                                    : nullptr;
                         if (target == nullptr) return true;
                         auto text = readString(value, childField(field, "Context", key));
                         if (!text) return tl::make_unexpected(text.error());
                         *target = std::move(*text);
                         return true;
                       });
  if (!ok) return tl::make_unexpected(ok.error());
  return context;
}

FieldResult<bool> checkTypeMeta(const YAML::Node& root) {
  std::string apiVersion, kind;
  for (const auto& entry : root) {
    if (!entry.first.IsScalar() || !entry.second.IsScalar()) continue;
    if (entry.first.Scalar() == "apiVersion") apiVersion = entry.second.Scalar();
    if (entry.first.Scalar() == "kind") kind = entry.second.Scalar();
  }
  if (apiVersion.empty()) apiVersion = "v1";
  if (kind.empty()) kind = "Config";
  if (apiVersion != "v1" || kind != "Config") {
    return tl::make_unexpected("no kind " + goQuote(kind) + " is registered for version " +
                               goQuote(apiVersion));
  }
  return true;
}

FieldResult<KubeConfigFile> decode(const YAML::Node& root, const std::string& origin) {
  KubeConfigFile file;
  if (root.IsNull()) return file;
  if (!root.IsMap()) {
    return tl::make_unexpected(
        "couldn't get version/kind; json parse error: json: cannot "
        "unmarshal " +
        std::string(jsonTypeName(jsonTypeOf(root))) + " into a kubeconfig object");
  }
  if (auto meta = checkTypeMeta(root); !meta) return tl::make_unexpected(meta.error());
  const Field top{"Config", ""};
  for (const auto& entry : root) {
    if (!entry.first.IsScalar()) continue;
    const std::string& key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    const Field f = childField(top, "Config", key);
    if (key == "current-context") {
      auto text = readString(value, f);
      if (!text) return tl::make_unexpected(text.error());
      file.currentContext = *text;
    } else if (key == "clusters") {
      auto list = readNamedList(value, f, "cluster", "NamedCluster",
                                "*[]NamedCluster into *map[string]*api.Cluster");
      if (!list) return tl::make_unexpected(list.error());
      for (const auto& [name, body] : *list) {
        auto cluster = readCluster(body, name);
        if (!cluster) return tl::make_unexpected(cluster.error());
        cluster->origin = origin;
        file.clusters[name] = std::move(*cluster);
      }
    } else if (key == "users") {
      auto list = readNamedList(value, f, "user", "NamedAuthInfo",
                                "*[]NamedAuthInfo into *map[string]*api.AuthInfo");
      if (!list) return tl::make_unexpected(list.error());
      for (const auto& [name, body] : *list) {
        auto user = readUser(body, name);
        if (!user) return tl::make_unexpected(user.error());
        user->origin = origin;
        file.users[name] = std::move(*user);
      }
    } else if (key == "contexts") {
      auto list = readNamedList(value, f, "context", "NamedContext",
                                "*[]NamedContext into *map[string]*api.Context");
      if (!list) return tl::make_unexpected(list.error());
      for (const auto& [name, body] : *list) {
        auto context = readContext(body);
        if (!context) return tl::make_unexpected(context.error());
        file.contexts[name] = std::move(*context);
      }
    }
  }
  return file;
}

}  // namespace

tl::expected<KubeConfigFile, std::string> parseKubeConfigFile(const std::string& text,
                                                              const std::string& origin) {
  if (text.empty()) {
    return KubeConfigFile{};  // kubectl treats an empty file as an empty config
  }
  try {
    return decode(YAML::Load(text), origin);
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null()) {
      return tl::make_unexpected("yaml: " + e.msg);
    }
    return tl::make_unexpected("yaml: line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  } catch (const std::exception& e) {
    return tl::make_unexpected(std::string("yaml: ") + e.what());
  }
}

}  // namespace dsroll::kube
