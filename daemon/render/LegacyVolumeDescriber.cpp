// The in-tree volume types of kubectl's describeVolumes (cloud disks, network filesystems,
// FlexVolume...). Rare in DaemonSet templates, but printed field for field as kubectl does,
// including Go's %v forms of slices, maps and object references.

#include <array>

#include "daemon/render/DescribeParts.hpp"

namespace dsroll::render::describe {

namespace {

std::string b(const Json& s, std::string_view key) {
  return goBool(boolean(s, key));
}

std::string n(const Json& s, std::string_view key) {
  return std::to_string(integer(s, key));
}

std::string ref(const Json& s, std::string_view key) {
  return goLocalObjectReference(member(s, key));
}

// Lines after the first of a volume's block start with four spaces in kubectl's format strings.
std::string field(std::string_view name, const std::string& value) {
  return "    " + std::string(name) + "\t" + value + "\n";
}

std::string legacyText(std::string_view key, const Json& s) {
  if (key == "gcePersistentDisk") {
    return "Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n" +
           field("PDName:", str(s, "pdName")) + field("FSType:", str(s, "fsType")) +
           field("Partition:", n(s, "partition")) + field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "awsElasticBlockStore") {
    return "Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n" +
           field("VolumeID:", str(s, "volumeID")) + field("FSType:", str(s, "fsType")) +
           field("Partition:", n(s, "partition")) + field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "gitRepo") {
    return "Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n" +
           field("Repository:", str(s, "repository")) + field("Revision:", str(s, "revision"));
  }
  if (key == "nfs") {
    return "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n" +
           field("Server:", str(s, "server")) + field("Path:", str(s, "path")) +
           field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "iscsi") {
    const Json* initiator = member(s, "initiatorName");
    return "Type:\tISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and "
           "then exposed to the pod)\n" +
           field("TargetPortal:", str(s, "targetPortal")) + field("IQN:", str(s, "iqn")) +
           field("Lun:", n(s, "lun")) + field("ISCSIInterface", str(s, "iscsiInterface")) +
           field("FSType:", str(s, "fsType")) + field("ReadOnly:", b(s, "readOnly")) +
           field("Portals:", goStrings(array(s, "portals"))) +
           field("DiscoveryCHAPAuth:", b(s, "chapAuthDiscovery")) +
           field("SessionCHAPAuth:", b(s, "chapAuthSession")) +
           field("SecretRef:", ref(s, "secretRef")) +
           field("InitiatorName:", initiator == nullptr ? "<none>" : text(*initiator));
  }
  if (key == "glusterfs") {
    return "Type:\tGlusterfs (a Glusterfs mount on the host that shares a pod's lifetime)\n" +
           field("EndpointsName:", str(s, "endpoints")) + field("Path:", str(s, "path")) +
           field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "rbd") {
    return "Type:\tRBD (a Rados Block Device mount on the host that shares a pod's lifetime)\n" +
           field("CephMonitors:", goStrings(array(s, "monitors"))) +
           field("RBDImage:", str(s, "image")) + field("FSType:", str(s, "fsType")) +
           field("RBDPool:", str(s, "pool")) + field("RadosUser:", str(s, "user")) +
           field("Keyring:", str(s, "keyring")) + field("SecretRef:", ref(s, "secretRef")) +
           field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "quobyte") {
    return "Type:\tQuobyte (a Quobyte mount on the host that shares a pod's lifetime)\n" +
           field("Registry:", str(s, "registry")) + field("Volume:", str(s, "volume")) +
           field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "azureDisk") {
    return "Type:\tAzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)\n" +
           field("DiskName:", str(s, "diskName")) + field("DiskURI:", str(s, "diskURI")) +
           field("Kind: ", str(s, "kind")) + field("FSType:", str(s, "fsType")) +
           field("CachingMode:", str(s, "cachingMode")) + field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "vsphereVolume") {
    return "Type:\tvSphereVolume (a Persistent Disk resource in vSphere)\n" +
           field("VolumePath:", str(s, "volumePath")) + field("FSType:", str(s, "fsType")) +
           field("StoragePolicyName:", str(s, "storagePolicyName"));
  }
  if (key == "cinder") {
    return "Type:\tCinder (a Persistent Disk resource in OpenStack)\n" +
           field("VolumeID:", str(s, "volumeID")) + field("FSType:", str(s, "fsType")) +
           field("ReadOnly:", b(s, "readOnly")) + field("SecretRef:", ref(s, "secretRef"));
  }
  if (key == "photonPersistentDisk") {
    return "Type:\tPhotonPersistentDisk (a Persistent Disk resource in photon platform)\n" +
           field("PdID:", str(s, "pdID")) + field("FSType:", str(s, "fsType"));
  }
  if (key == "portworxVolume") {
    return "Type:\tPortworxVolume (a Portworx Volume resource)\n" +
           field("VolumeID:", str(s, "volumeID"));
  }
  if (key == "scaleIO") {
    return "Type:\tScaleIO (a persistent volume backed by a block device in ScaleIO)\n" +
           field("Gateway:", str(s, "gateway")) + field("System:", str(s, "system")) +
           field("Protection Domain:", str(s, "protectionDomain")) +
           field("Storage Pool:", str(s, "storagePool")) +
           field("Storage Mode:", str(s, "storageMode")) +
           field("VolumeName:", str(s, "volumeName")) + field("FSType:", str(s, "fsType")) +
           field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "cephfs") {
    return "Type:\tCephFS (a CephFS mount on the host that shares a pod's lifetime)\n" +
           field("Monitors:", goStrings(array(s, "monitors"))) + field("Path:", str(s, "path")) +
           field("User:", str(s, "user")) + field("SecretFile:", str(s, "secretFile")) +
           field("SecretRef:", ref(s, "secretRef")) + field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "storageos") {
    return "Type:\tStorageOS (a StorageOS Persistent Disk resource)\n" +
           field("VolumeName:", str(s, "volumeName")) +
           field("VolumeNamespace:", str(s, "volumeNamespace")) +
           field("FSType:", str(s, "fsType")) + field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "fc") {
    std::string wwns;
    for (const Json& wwn : array(s, "targetWWNs"))
      wwns += (wwns.empty() ? "" : ", ") + text(wwn);
    const Json* lun = member(s, "lun");
    return "Type:\tFC (a Fibre Channel disk)\n" + field("TargetWWNs:", wwns) +
           field("LUN:", lun == nullptr ? "<none>" : n(s, "lun")) +
           field("FSType:", str(s, "fsType")) + field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "azureFile") {
    return "Type:\tAzureFile (an Azure File Service mount on the host and bind mount to the "
           "pod)\n" +
           field("SecretName:", str(s, "secretName")) + field("ShareName:", str(s, "shareName")) +
           field("ReadOnly:", b(s, "readOnly"));
  }
  if (key == "flexVolume") {
    return "Type:\tFlexVolume (a generic volume resource that is provisioned/attached using an "
           "exec "
           "based plugin)\n" +
           field("Driver:", str(s, "driver")) + field("FSType:", str(s, "fsType")) +
           field("SecretRef:", ref(s, "secretRef")) + field("ReadOnly:", b(s, "readOnly")) +
           field("Options:", goStringMap(member(s, "options")));
  }
  if (key == "flocker") {
    return "Type:\tFlocker (a Flocker volume mounted by the Flocker agent)\n" +
           field("DatasetName:", str(s, "datasetName")) +
           field("DatasetUUID:", str(s, "datasetUUID"));
  }
  return "";
}

}  // namespace

bool describeLegacyVolume(PrefixWriter& w, const Json& volume) {
  static constexpr std::array<std::string_view, 20> kOrder = {"gcePersistentDisk",
                                                              "awsElasticBlockStore",
                                                              "gitRepo",
                                                              "nfs",
                                                              "iscsi",
                                                              "glusterfs",
                                                              "rbd",
                                                              "quobyte",
                                                              "azureDisk",
                                                              "vsphereVolume",
                                                              "cinder",
                                                              "photonPersistentDisk",
                                                              "portworxVolume",
                                                              "scaleIO",
                                                              "cephfs",
                                                              "storageos",
                                                              "fc",
                                                              "azureFile",
                                                              "flexVolume",
                                                              "flocker"};
  for (const std::string_view key : kOrder) {
    if (const Json* source = member(volume, key)) {
      w.write(kLevel2, legacyText(key, *source));
      return true;
    }
  }
  return false;
}

}  // namespace dsroll::render::describe
