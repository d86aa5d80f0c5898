#include "ipc/Protocol.hpp"

#include <array>
#include <utility>

namespace dsroll::ipc {

namespace {

constexpr std::array<std::pair<ErrorKind, std::string_view>, 15> kKindNames{{
    {ErrorKind::Usage, "usage"},
    {ErrorKind::NotFound, "not-found"},
    {ErrorKind::Forbidden, "forbidden"},
    {ErrorKind::Unauthorized, "unauthorized"},
    {ErrorKind::Conflict, "conflict"},
    {ErrorKind::Invalid, "invalid"},
    {ErrorKind::Unreachable, "unreachable"},
    {ErrorKind::Timeout, "timeout"},
    {ErrorKind::Config, "config"},
    {ErrorKind::Cache, "cache"},
    {ErrorKind::Cancelled, "cancelled"},
    {ErrorKind::Protocol, "protocol"},
    {ErrorKind::VersionMismatch, "version-mismatch"},
    {ErrorKind::Internal, "internal"},
    {ErrorKind::NeedsCredential, "needs-credential"},
}};

}  // namespace

std::string_view toString(ErrorKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) {
      return name;
    }
  }
  return "internal";
}

ErrorKind errorKindFromString(std::string_view text) {
  for (const auto& [k, name] : kKindNames) {
    if (name == text) {
      return k;
    }
  }
  return ErrorKind::Internal;
}

}  // namespace dsroll::ipc
