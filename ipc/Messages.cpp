#include "ipc/Messages.hpp"

#include <array>
#include <utility>

namespace dsroll::ipc {

namespace {

using nlohmann::json;

// Reads fields without throwing: a field of the wrong type is reported, not thrown.
class Reader {
 public:
  explicit Reader(const json& object) : object_(object) {}

  template <typename T>
  bool required(const char* key, T& out) {
    auto it = object_.find(key);
    if (it == object_.end()) {
      return fail(std::string("missing field '") + key + "'");
    }
    return read(key, *it, out);
  }

  template <typename T>
  bool optional(const char* key, T& out) {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      return true;
    }
    return read(key, *it, out);
  }

  template <typename T>
  bool optional(const char* key, std::optional<T>& out) {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      return true;
    }
    T value{};
    if (!read(key, *it, value)) {
      return false;
    }
    out = std::move(value);
    return true;
  }

  const std::string& error() const { return error_; }

 private:
  bool fail(std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
    }
    return false;
  }

  bool typeError(const char* key, const char* expected) {
    return fail(std::string("field '") + key + "' must be " + expected);
  }

  bool read(const char* key, const json& v, std::string& out) {
    if (!v.is_string()) return typeError(key, "a string");
    out = v.get<std::string>();
    return true;
  }
  bool read(const char* key, const json& v, bool& out) {
    if (!v.is_boolean()) return typeError(key, "a boolean");
    out = v.get<bool>();
    return true;
  }
  bool read(const char* key, const json& v, int& out) {
    if (!v.is_number_integer()) return typeError(key, "an integer");
    const auto n = v.get<std::int64_t>();
    if (n < INT32_MIN || n > INT32_MAX) return typeError(key, "a 32-bit integer");
    out = static_cast<int>(n);
    return true;
  }
  bool read(const char* key, const json& v, std::int64_t& out) {
    if (!v.is_number_integer()) return typeError(key, "an integer");
    out = v.get<std::int64_t>();
    return true;
  }
  bool read(const char* key, const json& v, std::uint64_t& out) {
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0)) {
      return typeError(key, "a non-negative integer");
    }
    out = v.get<std::uint64_t>();
    return true;
  }
  bool read(const char* key, const json& v, json& out) {
    out = v;
    (void)key;
    return true;
  }
  bool read(const char* key, const json& v, std::vector<std::string>& out) {
    if (!v.is_array()) return typeError(key, "an array of strings");
    for (const auto& item : v) {
      if (!item.is_string()) return typeError(key, "an array of strings");
      out.push_back(item.get<std::string>());
    }
    return true;
  }
  bool read(const char* key, const json& v, std::map<std::string, std::string>& out) {
    if (!v.is_object()) return typeError(key, "an object of strings");
    for (const auto& [k, item] : v.items()) {
      if (!item.is_string()) return typeError(key, "an object of strings");
      out.emplace(k, item.get<std::string>());
    }
    return true;
  }

  const json& object_;
  std::string error_;
};

template <typename T>
void putOptional(json& out, const char* key, const std::optional<T>& value) {
  if (value) {
    out[key] = *value;
  }
}

json kubeToJson(const KubeFlags& k) {
  json out = json::object();
  putOptional(out, "kubeconfig", k.kubeconfig);
  putOptional(out, "context", k.context);
  putOptional(out, "cluster", k.cluster);
  putOptional(out, "user", k.user);
  putOptional(out, "namespace", k.namespace_);
  putOptional(out, "server", k.server);
  putOptional(out, "token", k.token);
  putOptional(out, "certificateAuthority", k.certificateAuthority);
  putOptional(out, "clientCertificate", k.clientCertificate);
  putOptional(out, "clientKey", k.clientKey);
  putOptional(out, "tlsServerName", k.tlsServerName);
  putOptional(out, "insecureSkipTlsVerify", k.insecureSkipTlsVerify);
  putOptional(out, "as", k.as);
  if (!k.asGroups.empty()) {
    out["asGroups"] = k.asGroups;
  }
  putOptional(out, "asUid", k.asUid);
  putOptional(out, "requestTimeout", k.requestTimeout);
  return out;
}

struct ToJson {
  json operator()(const Hello& m) const {
    json out{{"type", "hello"},
             {"protocol", m.protocol},
             {"version", m.version},
             {"capabilities", m.capabilities}};
    if (m.pid != 0) {
      out["pid"] = m.pid;
    }
    return out;
  }
  json operator()(const Request& m) const {
    json out{{"type", "request"},
             {"id", m.id},
             {"command", m.command},
             {"args", m.args.is_null() ? json::object() : m.args},
             {"kube", kubeToJson(m.kube)},
             {"env", m.env},
             {"terminal",
              {{"stdoutIsTty", m.terminal.stdoutIsTty},
               {"stderrIsTty", m.terminal.stderrIsTty},
               {"width", m.terminal.width},
               {"height", m.terminal.height},
               {"color", m.terminal.color},
               {"stdinIsTty", m.terminal.stdinIsTty}}},
             {"cwd", m.cwd}};
    if (m.execCredential) {
      out["execCredential"] = *m.execCredential;
    }
    return out;
  }
  json operator()(const Output& m) const {
    return json{{"type", "output"},
                {"id", m.id},
                {"stream", m.stream == Stream::Stdout ? "stdout" : "stderr"},
                {"text", m.text}};
  }
  json operator()(const Progress& m) const {
    return json{{"type", "progress"}, {"id", m.id}, {"data", m.data}};
  }
  json operator()(const Row& m) const {
    return json{{"type", "row"}, {"id", m.id}, {"data", m.data}};
  }
  json operator()(const Result& m) const {
    json out{{"type", "result"}, {"id", m.id}, {"exitCode", m.exitCode}};
    if (!m.data.is_null()) {
      out["data"] = m.data;
    }
    return out;
  }
  json operator()(const Error& m) const {
    json out{{"type", "error"},
             {"id", m.id},
             {"kind", toString(m.kind)},
             {"message", m.message},
             {"exitCode", m.exitCode}};
    if (!m.data.is_null()) {
      out["data"] = m.data;
    }
    return out;
  }
  json operator()(const Cancel& m) const { return json{{"type", "cancel"}, {"id", m.id}}; }
};

using Parsed = tl::expected<Message, std::string>;

template <typename T>
Parsed finish(const Reader& r, bool ok, T&& message) {
  if (!ok) {
    return tl::unexpected(r.error());
  }
  return Parsed(tl::in_place, std::in_place_type<std::decay_t<T>>, std::forward<T>(message));
}

Parsed parseHello(const json& f) {
  Reader r(f);
  Hello m;
  const bool ok = r.required("protocol", m.protocol) && r.required("version", m.version) &&
                  r.optional("capabilities", m.capabilities) && r.optional("pid", m.pid);
  return finish(r, ok, std::move(m));
}

Parsed parseRequest(const json& f) {
  Reader r(f);
  Request m;
  bool ok = r.required("id", m.id) && r.required("command", m.command) &&
            r.optional("args", m.args) && r.optional("env", m.env) && r.optional("cwd", m.cwd) &&
            r.optional("execCredential", m.execCredential);
  if (ok && !m.args.is_null() && !m.args.is_object()) {
    return tl::unexpected(std::string("field 'args' must be an object"));
  }
  if (m.args.is_null()) {
    m.args = json::object();
  }
  if (ok) {
    auto kube = f.find("kube");
    if (kube != f.end() && !kube->is_null()) {
      if (!kube->is_object()) {
        return tl::unexpected(std::string("field 'kube' must be an object"));
      }
      Reader kr(*kube);
      auto& k = m.kube;
      ok = kr.optional("kubeconfig", k.kubeconfig) && kr.optional("context", k.context) &&
           kr.optional("cluster", k.cluster) && kr.optional("user", k.user) &&
           kr.optional("namespace", k.namespace_) && kr.optional("server", k.server) &&
           kr.optional("token", k.token) &&
           kr.optional("certificateAuthority", k.certificateAuthority) &&
           kr.optional("clientCertificate", k.clientCertificate) &&
           kr.optional("clientKey", k.clientKey) && kr.optional("tlsServerName", k.tlsServerName) &&
           kr.optional("insecureSkipTlsVerify", k.insecureSkipTlsVerify) &&
           kr.optional("as", k.as) && kr.optional("asGroups", k.asGroups) &&
           kr.optional("asUid", k.asUid) && kr.optional("requestTimeout", k.requestTimeout);
      if (!ok) {
        return tl::unexpected("kube: " + kr.error());
      }
    }
  }
  if (ok) {
    auto term = f.find("terminal");
    if (term != f.end() && !term->is_null()) {
      if (!term->is_object()) {
        return tl::unexpected(std::string("field 'terminal' must be an object"));
      }
      Reader tr(*term);
      auto& t = m.terminal;
      ok = tr.optional("stdoutIsTty", t.stdoutIsTty) && tr.optional("stderrIsTty", t.stderrIsTty) &&
           tr.optional("width", t.width) && tr.optional("height", t.height) &&
           tr.optional("color", t.color) && tr.optional("stdinIsTty", t.stdinIsTty);
      if (!ok) {
        return tl::unexpected("terminal: " + tr.error());
      }
    }
  }
  return finish(r, ok, std::move(m));
}

Parsed parseOutput(const json& f) {
  Reader r(f);
  Output m;
  std::string stream;
  bool ok = r.required("id", m.id) && r.required("stream", stream) && r.required("text", m.text);
  if (ok && stream != "stdout" && stream != "stderr") {
    return tl::unexpected("unknown output stream '" + stream + "'");
  }
  m.stream = stream == "stderr" ? Stream::Stderr : Stream::Stdout;
  return finish(r, ok, std::move(m));
}

template <typename T>
Parsed parseWithData(const json& f) {
  Reader r(f);
  T m;
  const bool ok = r.required("id", m.id) && r.optional("data", m.data);
  return finish(r, ok, std::move(m));
}

Parsed parseResult(const json& f) {
  Reader r(f);
  Result m;
  const bool ok =
      r.required("id", m.id) && r.required("exitCode", m.exitCode) && r.optional("data", m.data);
  return finish(r, ok, std::move(m));
}

Parsed parseError(const json& f) {
  Reader r(f);
  Error m;
  std::string kind;
  const bool ok = r.required("id", m.id) && r.required("kind", kind) &&
                  r.required("message", m.message) && r.required("exitCode", m.exitCode) &&
                  r.optional("data", m.data);
  m.kind = errorKindFromString(kind);
  return finish(r, ok, std::move(m));
}

Parsed parseCancel(const json& f) {
  Reader r(f);
  Cancel m;
  const bool ok = r.required("id", m.id);
  return finish(r, ok, std::move(m));
}

}  // namespace

json toJson(const Message& message) {
  return std::visit(ToJson{}, message);
}

tl::expected<Message, std::string> parseMessage(const json& frame) {
  if (!frame.is_object()) {
    return tl::unexpected(std::string("message is not a JSON object"));
  }
  auto type = frame.find("type");
  if (type == frame.end() || !type->is_string()) {
    return tl::unexpected(std::string("message has no 'type'"));
  }
  const auto& t = type->get_ref<const std::string&>();
  if (t == "hello") return parseHello(frame);
  if (t == "request") return parseRequest(frame);
  if (t == "output") return parseOutput(frame);
  if (t == "progress") return parseWithData<Progress>(frame);
  if (t == "row") return parseWithData<Row>(frame);
  if (t == "result") return parseResult(frame);
  if (t == "error") return parseError(frame);
  if (t == "cancel") return parseCancel(frame);
  return tl::unexpected("unknown message type '" + t + "'");
}

bool compatible(const Hello& ours, const Hello& theirs) {
  return ours.protocol == theirs.protocol && ours.version == theirs.version;
}

}  // namespace dsroll::ipc
