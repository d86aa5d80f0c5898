#pragma once
// The messages exchanged over the socket, as plain structs, and their JSON form.
// A connection starts with hello from each side; then the client sends requests and the
// daemon answers each with output/progress/row frames and exactly one result or error.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "ipc/Protocol.hpp"

namespace dsroll::ipc {

struct Hello {
  int protocol = kProtocolVersion;
  std::string version;                    // the sender's build version
  std::vector<std::string> capabilities;  // see kCapabilities
  std::int64_t pid = 0;                   // the daemon's pid (0 from the plugin)
};

/** kubectl's global connection flags, exactly as the user gave them (unset = not given). */
struct KubeFlags {
  std::optional<std::string> kubeconfig;
  std::optional<std::string> context;
  std::optional<std::string> cluster;
  std::optional<std::string> user;
  std::optional<std::string> namespace_;
  std::optional<std::string> server;
  std::optional<std::string> token;
  std::optional<std::string> certificateAuthority;
  std::optional<std::string> clientCertificate;
  std::optional<std::string> clientKey;
  std::optional<std::string> tlsServerName;
  std::optional<bool> insecureSkipTlsVerify;
  std::optional<std::string> as;
  std::vector<std::string> asGroups;
  std::optional<std::string> asUid;
  std::optional<std::string> requestTimeout;  // kubectl duration syntax, e.g. "30s"
};

struct Terminal {
  bool stdoutIsTty = false;
  bool stderrIsTty = false;
  int width = 0;
  int height = 0;
  bool color = false;
  bool stdinIsTty = false;  // whether the plugin could run an interactive exec credential plugin
};

struct Request {
  std::uint64_t id = 0;
  std::string command;  // e.g. "history", "daemon.status"
  nlohmann::json args;  // command-specific, an object
  KubeFlags kube;
  std::map<std::string, std::string> env;  // the caller's environment (exec credential plugins)
  Terminal terminal;
  std::string cwd;  // relative paths in args resolve against this
  /**
   * What an exec credential plugin printed when the plugin ran it on the user's terminal,
   * after the daemon answered this request with an error of kind NeedsCredential.
   */
  std::optional<std::string> execCredential;
};

enum class Stream { Stdout, Stderr };

/** Text for the plugin to write as-is. */
struct Output {
  std::uint64_t id = 0;
  Stream stream = Stream::Stdout;
  std::string text;
};

/** A structured progress snapshot (status live view). */
struct Progress {
  std::uint64_t id = 0;
  nlohmann::json data;
};

/** One structured record of a listing (completion candidates, status --all). */
struct Row {
  std::uint64_t id = 0;
  nlohmann::json data;
};

/** The request finished; exitCode is what the plugin exits with. */
struct Result {
  std::uint64_t id = 0;
  int exitCode = 0;
  nlohmann::json data;
};

/** The request failed; message is one line for the user. */
struct Error {
  std::uint64_t id = 0;
  ErrorKind kind = ErrorKind::Internal;
  std::string message;
  int exitCode = 1;
  nlohmann::json data{};  // kind NeedsCredential: a CredentialRequest (CredentialRequest.hpp)
};

/** The client no longer wants the answer to request id (Ctrl-C). */
struct Cancel {
  std::uint64_t id = 0;
};

using Message = std::variant<Hello, Request, Output, Progress, Row, Result, Error, Cancel>;

nlohmann::json toJson(const Message& message);

/** Parses a decoded frame; unknown types and missing fields are errors, never exceptions. */
tl::expected<Message, std::string> parseMessage(const nlohmann::json& frame);

/** Whether a daemon speaking `theirs` can serve a plugin built as `ours`. */
bool compatible(const Hello& ours, const Hello& theirs);

}  // namespace dsroll::ipc
