#pragma once
// The sections of kubectl's DescribePodTemplate, one file each (ContainerDescriber.cpp,
// ProbeDescriber.cpp, VolumeDescriber.cpp, LegacyVolumeDescriber.cpp).

#include <string>
#include <string_view>

#include "daemon/render/DescribeHelpers.hpp"

namespace dsroll::render::describe {

/** describeContainers for a template (no statuses): "  Containers:" and each container. */
void describeContainers(PrefixWriter& w,
                        std::string_view label,
                        const Json& containers,
                        std::string_view space);

/** DescribeProbe: "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1
 * #failure=3". */
std::string describeProbe(const Json& probe);

/** describeVolumes: "  Volumes:" and each volume with its type's fields. */
void describeVolumes(PrefixWriter& w, const Json& volumes, std::string_view space);

/** The in-tree volume types kubectl still describes (NFS, iSCSI, RBD, CephFS, cloud disks...).
 * Returns false when the volume has none of them. */
bool describeLegacyVolume(PrefixWriter& w, const Json& volume);

}  // namespace dsroll::render::describe
