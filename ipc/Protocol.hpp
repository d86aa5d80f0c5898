#pragma once
// Constants of the plugin <-> daemon protocol. Both binaries and the fuzzer include this.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dsroll::ipc {

/** Bumped on any incompatible change to message shapes. */
inline constexpr int kProtocolVersion = 1;

/** Frames larger than this are refused: a peer announcing more is broken or hostile. */
inline constexpr std::size_t kMaxFrameBytes = 16u * 1024u * 1024u;

/** Length prefix: 4 bytes, big-endian. */
inline constexpr std::size_t kHeaderBytes = 4;

/** What a daemon can do beyond the base protocol; sent in hello so either side can adapt. */
inline constexpr std::string_view kCapabilities[] = {
    "cancel",    // the client may cancel a request in flight
    "progress",  // status streams structured progress frames
};

/** Why a request failed; the plugin maps this to its stderr prefix and exit code. */
enum class ErrorKind {
  Usage,            // bad flags or arguments
  NotFound,         // the named object does not exist
  Forbidden,        // RBAC said no
  Unauthorized,     // credentials rejected
  Conflict,         // a concurrent change won
  Invalid,          // the API server (or our validation) rejected the object
  Unreachable,      // network, TLS or timeout talking to the API server
  Timeout,          // a --timeout the user asked for expired
  Config,           // kubeconfig problems
  Cache,            // the local cache could not answer
  Cancelled,        // the client asked to stop
  Protocol,         // malformed frames or messages
  VersionMismatch,  // plugin and daemon were built from different versions
  Internal,         // a bug
  NeedsCredential,  // an exec credential plugin must run on the user's terminal: data says how
};

std::string_view toString(ErrorKind kind);
ErrorKind errorKindFromString(std::string_view text);

}  // namespace dsroll::ipc
