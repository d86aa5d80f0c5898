// describeVolumes from kubectl's describe.go: the volume types a DaemonSet template uses
// (hostPath, emptyDir, configMap, secret, projected, downwardAPI, PVC, ephemeral, CSI, image);
// the in-tree cloud and network types are in LegacyVolumeDescriber.cpp.

#include <array>

#include "daemon/render/DescribeParts.hpp"
#include "daemon/render/Quantity.hpp"

namespace dsroll::render::describe {

namespace {

constexpr std::size_t kMaxAttributeLen = 140;

void printHostPath(PrefixWriter& w, const Json& s) {
  const Json* type = member(s, "type");
  w.write(kLevel2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + str(s, "path") +
                       "\n    HostPathType:\t" + (type == nullptr ? "<none>" : text(*type)) + "\n");
}

void printEmptyDir(PrefixWriter& w, const Json& s) {
  std::string sizeLimit = "<unset>";
  if (const Json* limit = member(s, "sizeLimit")) {
    const auto q = parseQuantity(text(*limit));
    if (q && quantitySign(*q) > 0) sizeLimit = canonicalQuantity(text(*limit));
  }
  w.write(kLevel2,
          "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" +
              str(s, "medium") + "\n    SizeLimit:\t" + sizeLimit + "\n");
}

void printSecret(PrefixWriter& w, const Json& s) {
  w.write(kLevel2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" +
                       str(s, "secretName") + "\n    Optional:\t" + goBool(boolean(s, "optional")) +
                       "\n");
}

void printConfigMap(PrefixWriter& w, const Json& s) {
  w.write(kLevel2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" +
                       str(s, "name") + "\n    Optional:\t" + goBool(boolean(s, "optional")) +
                       "\n");
}

void printProjected(PrefixWriter& w, const Json& s) {
  w.write(kLevel2,
          "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
  for (const Json& source : array(s, "sources")) {
    if (const Json* secret = member(source, "secret")) {
      w.write(kLevel2, "SecretName:\t" + str(*secret, "name") + "\n    Optional:\t" +
                           goBool(boolean(*secret, "optional")) + "\n");
    } else if (member(source, "downwardAPI") != nullptr) {
      w.write(kLevel2, "DownwardAPI:\ttrue\n");
    } else if (const Json* cm = member(source, "configMap")) {
      w.write(kLevel2, "ConfigMapName:\t" + str(*cm, "name") + "\n    Optional:\t" +
                           goBool(boolean(*cm, "optional")) + "\n");
    } else if (const Json* token = member(source, "serviceAccountToken")) {
      w.write(kLevel2, "TokenExpirationSeconds:\t" +
                           std::to_string(integer(*token, "expirationSeconds")) + "\n");
    }
    // clusterTrustBundle and podCertificate sources print nothing, as in kubectl.
  }
}

void printPersistentVolumeClaimSource(PrefixWriter& w, const Json& s) {
  w.write(kLevel2,
          "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same "
          "namespace)\n    ClaimName:\t" +
              str(s, "claimName") + "\n    ReadOnly:\t" + goBool(boolean(s, "readOnly")) + "\n");
}

// printPersistentVolumeClaim(w, pvc, false) for an ephemeral volume's claim template.
void printClaimTemplate(PrefixWriter& w, const Json& claim) {
  const Json empty = Json::object();
  const Json* meta = member(claim, "metadata");
  const Json* spec = member(claim, "spec");
  const Json& m = meta != nullptr ? *meta : empty;
  const Json& sp = spec != nullptr ? *spec : empty;
  const Json* annotations = member(m, "annotations");
  std::string storageClass = str(sp, "storageClassName");
  if (annotations != nullptr && member(*annotations, "volume.beta.kubernetes.io/storage-class")) {
    storageClass = str(*annotations, "volume.beta.kubernetes.io/storage-class");
  }
  w.write(kLevel0, "StorageClass:\t" + storageClass + "\n");
  const std::string volumeName = str(sp, "volumeName");
  w.write(kLevel0, "Volume:\t" + volumeName + "\n");
  printLabelsMultiline(w, "Labels", member(m, "labels"));
  printAnnotationsMultiline(w, "Annotations", annotations);
  // A template has no status: capacity is the zero quantity once bound, access modes are empty.
  w.write(kLevel0, std::string("Capacity:\t") + (volumeName.empty() ? "" : "0") + "\n");
  w.write(kLevel0, "Access Modes:\t\n");
  if (const Json* mode = member(sp, "volumeMode"))
    w.write(kLevel0, "VolumeMode:\t" + text(*mode) + "\n");
  if (const Json* source = member(sp, "dataSource")) {
    w.write(kLevel0, "DataSource:\n");
    if (const Json* group = member(*source, "apiGroup")) {
      w.write(kLevel1, "APIGroup:\t" + text(*group) + "\n");
    }
    w.write(kLevel1, "Kind:\t" + str(*source, "kind") + "\n");
    w.write(kLevel1, "Name:\t" + str(*source, "name") + "\n");
  }
}

void printEphemeral(PrefixWriter& w, const Json& s) {
  w.write(kLevel2,
          "Type:\tEphemeralVolume (an inline specification for a volume that gets created and "
          "deleted with the pod)\n");
  if (const Json* claim = member(s, "volumeClaimTemplate")) {
    PrefixWriter nested = w.nested(kLevel2);
    printClaimTemplate(nested, *claim);
  }
}

void printDownwardApi(PrefixWriter& w, const Json& s) {
  w.write(kLevel2,
          "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
  for (const Json& item : array(s, "items")) {
    if (const Json* field = member(item, "fieldRef")) {
      w.write(kLevel3, str(*field, "fieldPath") + " -> " + str(item, "path") + "\n");
    }
    if (const Json* resource = member(item, "resourceFieldRef")) {
      w.write(kLevel3, str(*resource, "resource") + " -> " + str(item, "path") + "\n");
    }
  }
}

// printCSIPersistentVolumeAttributesMultilineIndent, with its level-2 prefix on every write.
void printCsiAttributes(PrefixWriter& w, const Json* attributes) {
  w.write(kLevel2, "VolumeAttributes:\t");
  const std::vector<std::string> keys = sortedKeys(attributes);
  if (keys.empty()) {
    w.writeLine("<none>");
    return;
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i != 0) {
      w.write(kLevel2, "");
      w.write(kLevel2, "\t");
    }
    const std::string line = keys[i] + "=" + text((*attributes)[keys[i]]);
    if (line.size() > kMaxAttributeLen) {
      w.write(kLevel2, line.substr(0, kMaxAttributeLen) + "...\n");
    } else {
      w.write(kLevel2, line + "\n");
    }
  }
}

void printCsi(PrefixWriter& w, const Json& s) {
  w.write(kLevel2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t" +
                       str(s, "driver") + "\n    FSType:\t" + str(s, "fsType") +
                       "\n    ReadOnly:\t" + goBool(boolean(s, "readOnly")) + "\n");
  printCsiAttributes(w, member(s, "volumeAttributes"));
}

void printImage(PrefixWriter& w, const Json& s) {
  w.write(kLevel2, "Type:\tImage (a container image or OCI artifact)\n    Reference:\t" +
                       str(s, "reference") + "\n    PullPolicy:\t" + str(s, "pullPolicy") + "\n");
}

using Printer = void (*)(PrefixWriter&, const Json&);

// The volume sources kubectl checks in the order of its switch; nullptr marks the legacy types.
constexpr std::array<std::pair<std::string_view, Printer>, 30> kSources = {{
    {"hostPath", printHostPath},
    {"emptyDir", printEmptyDir},
    {"gcePersistentDisk", nullptr},
    {"awsElasticBlockStore", nullptr},
    {"gitRepo", nullptr},
    {"secret", printSecret},
    {"configMap", printConfigMap},
    {"nfs", nullptr},
    {"iscsi", nullptr},
    {"glusterfs", nullptr},
    {"persistentVolumeClaim", printPersistentVolumeClaimSource},
    {"ephemeral", printEphemeral},
    {"rbd", nullptr},
    {"quobyte", nullptr},
    {"downwardAPI", printDownwardApi},
    {"azureDisk", nullptr},
    {"vsphereVolume", nullptr},
    {"cinder", nullptr},
    {"photonPersistentDisk", nullptr},
    {"portworxVolume", nullptr},
    {"scaleIO", nullptr},
    {"cephfs", nullptr},
    {"storageos", nullptr},
    {"fc", nullptr},
    {"azureFile", nullptr},
    {"flexVolume", nullptr},
    {"flocker", nullptr},
    {"projected", printProjected},
    {"csi", printCsi},
    {"image", printImage},
}};

}  // namespace

void describeVolumes(PrefixWriter& w, const Json& volumes, std::string_view space) {
  if (volumes.empty()) {
    w.write(kLevel0, std::string(space) + "Volumes:\t<none>\n");
    return;
  }
  w.write(kLevel0, std::string(space) + "Volumes:\n");
  for (const Json& volume : volumes) {
    const std::string nameIndent = space.empty() ? "" : " ";
    w.write(kLevel1, nameIndent + str(volume, "name") + ":\n");
    bool described = false;
    for (const auto& [key, printer] : kSources) {
      const Json* source = member(volume, key);
      if (source == nullptr) continue;
      if (printer != nullptr) {
        printer(w, *source);
        described = true;
      } else {
        described = describeLegacyVolume(w, volume);
      }
      break;
    }
    if (!described) w.write(kLevel1, "<unknown>\n");
  }
}

}  // namespace dsroll::render::describe
