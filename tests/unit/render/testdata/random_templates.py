"""Random pod templates for the describe tests: every field the describer prints, with values
chosen to hit its corner cases (non-canonical quantities, multi-line and long text, terminal
escapes, sorting). Used by regenerate.py with a fixed seed."""

TEXT = ["", "a", "value", "two words", "line1\nline2", "trailing\n", "\x1b[31mred", "cr\rhere", "é日本",
        "tab\there", "x" * 150, "y" * 60 + " " + "z" * 60, "%d %s", "a=b", ":", "\n"]
KEYS = ["app", "tier", "app.kubernetes.io/name", "example.com/team", "a", "b", "z", "A", "k8s-app",
        "node-role.kubernetes.io/control-plane", "node.kubernetes.io/not-ready", "dedicated"]
QUANTITIES = ["100m", "1.5", "0.5", "1", "2", "1000m", "250m", "1e3", "128Mi", "1Gi", "1536Mi",
              "0.5Gi", "1024Mi", "100M", "129e6", "1k", "1.5Ki", "1023", "1024", "0", "20Gi", "64Mi"]
RESOURCES = ["cpu", "memory", "ephemeral-storage", "hugepages-2Mi", "nvidia.com/gpu", "example.com/foo"]


def pick(rng, items, lo=0, hi=3):
    return [rng.choice(items) for _ in range(rng.randint(lo, hi))]


def string_map(rng, lo=0, hi=4):
    return {rng.choice(KEYS): rng.choice(TEXT) for _ in range(rng.randint(lo, hi))}


def maybe(rng, p=0.5):
    return rng.random() < p


def probe(rng):
    kind = rng.choice(["exec", "httpGet", "tcpSocket", "grpc", "none"])
    p = {"initialDelaySeconds": rng.choice([0, 5]), "timeoutSeconds": rng.choice([1, 3]),
         "periodSeconds": rng.choice([10, 20]), "successThreshold": 1, "failureThreshold": rng.choice([3, 30])}
    if kind == "exec":
        p["exec"] = {"command": pick(rng, ["sh", "-c", "cat /tmp/healthy", "a b"], 0, 3)}
    elif kind == "httpGet":
        h = {"path": rng.choice(["/", "/healthz", "/a b?c#d", "x:y", "*", "", "/ünï"]),
             "port": rng.choice([8080, 0, "http", ""]), "scheme": rng.choice(["HTTP", "HTTPS", ""])}
        if maybe(rng, 0.4):
            h["host"] = rng.choice(["", "10.0.0.1", "fd00::1", "example.com", "ex ample"])
        p["httpGet"] = h
    elif kind == "tcpSocket":
        p["tcpSocket"] = {"port": rng.choice([80, "metrics"]), **({"host": "h"} if maybe(rng, 0.3) else {})}
    elif kind == "grpc":
        p["grpc"] = {"port": rng.choice([9090, 0]), "service": rng.choice(["", "health"])}
    return p


def env_var(rng):
    name = rng.choice(["A", "B", "NODE", "CPU", "MEM", "SECRET", "CM"])
    kind = rng.choice(["value", "value", "field", "resource", "secret", "configmap", "file"])
    if kind == "value":
        return {"name": name, "value": rng.choice(TEXT)}
    if kind == "field":
        return {"name": name, "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": rng.choice(
            ["spec.nodeName", "metadata.name", "status.podIP"])}}}
    if kind == "resource":
        ref = {"resource": rng.choice(["limits.cpu", "limits.memory", "requests.cpu", "requests.memory",
                                       "limits.ephemeral-storage", "requests.hugepages-2Mi", "limits.foo"])}
        if maybe(rng):
            ref["divisor"] = rng.choice(["1m", "1", "1Mi", "1k", "0", "2"])
        return {"name": name, "valueFrom": {"resourceFieldRef": ref}}
    if kind == "secret":
        ref = {"name": "s", "key": "k"}
        if maybe(rng):
            ref["optional"] = maybe(rng)
        return {"name": name, "valueFrom": {"secretKeyRef": ref}}
    if kind == "configmap":
        return {"name": name, "valueFrom": {"configMapKeyRef": {"name": "cm", "key": "k", "optional": maybe(rng)}}}
    return {"name": name, "valueFrom": {"fileKeyRef": {"volumeName": "v", "path": "p", "key": "k"}}}


def container(rng, name):
    c = {"name": name, "image": rng.choice(["nginx", "quay.io/x/y:v1.2", "img@sha256:abc"])}
    if maybe(rng):
        c["ports"] = [dict({"containerPort": rng.choice([80, 8080, 9100]),
                            "protocol": rng.choice(["TCP", "UDP", "SCTP"])},
                           **({"hostPort": rng.choice([0, 80, 9100])} if maybe(rng) else {}),
                           **({"name": rng.choice(["http", "metrics"])} if maybe(rng) else {}))
                      for _ in range(rng.randint(0, 3))]
    for field in ["command", "args"]:
        if maybe(rng, 0.4):
            c[field] = pick(rng, TEXT, 0, 3)
    if maybe(rng, 0.6):
        c["resources"] = {kind: {rng.choice(RESOURCES): rng.choice(QUANTITIES) for _ in range(rng.randint(0, 3))}
                          for kind in rng.sample(["limits", "requests"], rng.randint(0, 2))}
    for field in ["livenessProbe", "readinessProbe", "startupProbe"]:
        if maybe(rng, 0.3):
            c[field] = probe(rng)
    if maybe(rng, 0.5):
        c["env"] = [env_var(rng) for _ in range(rng.randint(0, 5))]
    if maybe(rng, 0.3):
        c["envFrom"] = [rng.choice([{"configMapRef": {"name": "cm"}}, {"secretRef": {"name": "s", "optional": True}},
                                    {"configMapRef": {"name": "cm2", "optional": False}, "prefix": "P_"}, {}])
                        for _ in range(rng.randint(0, 3))]
    if maybe(rng, 0.6):
        c["volumeMounts"] = [dict({"name": rng.choice(["a", "b", "logs"]),
                                   "mountPath": rng.choice(["/var/log", "/etc/x", "/a", "/z", "/etc/x/sub"])},
                                  **({"readOnly": maybe(rng)} if maybe(rng) else {}),
                                  **({"subPath": rng.choice(["f.conf", "a\"b", "é", "tab\t"])} if maybe(rng, 0.3) else {}))
                             for _ in range(rng.randint(0, 4))]
    if maybe(rng, 0.15):
        c["volumeDevices"] = [{"name": "blk", "devicePath": rng.choice(["/dev/a", "/dev/b"])} for _ in range(rng.randint(1, 2))]
    if maybe(rng, 0.2):
        sp = {"type": rng.choice(["RuntimeDefault", "Unconfined", "Localhost"])}
        if sp["type"] == "Localhost":
            sp["localhostProfile"] = "p.json"
        c["securityContext"] = {"seccompProfile": sp}
    return c


def volume(rng, name):
    kind = rng.choice(["hostPath", "emptyDir", "configMap", "secret", "projected", "downwardAPI",
                       "persistentVolumeClaim", "csi", "image", "nfs", "ephemeral", "unknown"])
    v = {"name": name}
    if kind == "hostPath":
        v["hostPath"] = dict({"path": "/var/log"}, **({"type": rng.choice(["", "Directory", "Socket"])} if maybe(rng) else {}))
    elif kind == "emptyDir":
        v["emptyDir"] = dict({}, **({"medium": rng.choice(["", "Memory"])} if maybe(rng) else {}),
                             **({"sizeLimit": rng.choice(QUANTITIES)} if maybe(rng) else {}))
    elif kind == "configMap":
        v["configMap"] = dict({"name": "cm"}, **({"optional": maybe(rng)} if maybe(rng) else {}))
    elif kind == "secret":
        v["secret"] = dict({"secretName": "s"}, **({"optional": maybe(rng)} if maybe(rng) else {}))
    elif kind == "projected":
        v["projected"] = {"sources": [rng.choice([{"secret": {"name": "s"}}, {"configMap": {"name": "c", "optional": True}},
                                                  {"downwardAPI": {}}, {"serviceAccountToken": {"path": "t", "expirationSeconds": 3600}},
                                                  {"clusterTrustBundle": {"path": "b", "name": "n"}}])
                                      for _ in range(rng.randint(0, 4))]}
    elif kind == "downwardAPI":
        v["downwardAPI"] = {"items": [rng.choice([{"path": "l", "fieldRef": {"fieldPath": "metadata.labels"}},
                                                  {"path": "c", "resourceFieldRef": {"resource": "limits.cpu"}}])
                                      for _ in range(rng.randint(0, 3))]}
    elif kind == "persistentVolumeClaim":
        v["persistentVolumeClaim"] = {"claimName": "data", "readOnly": maybe(rng)}
    elif kind == "csi":
        v["csi"] = dict({"driver": "d.csi"}, **({"volumeAttributes": string_map(rng)} if maybe(rng) else {}),
                        **({"readOnly": maybe(rng)} if maybe(rng) else {}), **({"fsType": "xfs"} if maybe(rng) else {}))
    elif kind == "image":
        v["image"] = {"reference": "r", "pullPolicy": rng.choice(["Always", "IfNotPresent", ""])}
    elif kind == "nfs":
        v["nfs"] = {"server": "s", "path": "/p", "readOnly": maybe(rng)}
    elif kind == "ephemeral":
        v["ephemeral"] = {"volumeClaimTemplate": {"metadata": {"labels": string_map(rng), "annotations": string_map(rng)},
                                                  "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}}
    return v


def selector(rng):
    sel = {}
    if maybe(rng):
        sel["matchLabels"] = {rng.choice(KEYS): rng.choice(["a", "b", "", "bad value"]) for _ in range(rng.randint(0, 2))}
    if maybe(rng):
        sel["matchExpressions"] = [rng.choice([
            {"key": rng.choice(KEYS), "operator": "In", "values": pick(rng, ["x", "y", "a"], 1, 3)},
            {"key": rng.choice(KEYS), "operator": "NotIn", "values": ["y"]},
            {"key": rng.choice(KEYS), "operator": "Exists"},
            {"key": rng.choice(KEYS), "operator": "DoesNotExist"},
            {"key": "k", "operator": "Bogus"}]) for _ in range(rng.randint(0, 2))]
    return sel


def template(rng):
    meta = {}
    if maybe(rng, 0.8):
        meta["labels"] = string_map(rng)
    if maybe(rng):
        meta["annotations"] = string_map(rng)
        if maybe(rng, 0.3):
            meta["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = "{}"
    spec = {"containers": [container(rng, "c%d" % i) for i in range(rng.randint(0, 3))]}
    if maybe(rng, 0.3):
        spec["initContainers"] = [container(rng, "init%d" % i) for i in range(rng.randint(1, 2))]
    if maybe(rng, 0.7):
        spec["volumes"] = [volume(rng, "v%d" % i) for i in range(rng.randint(0, 4))]
    if maybe(rng, 0.3):
        spec["serviceAccountName"] = rng.choice(["sa", "x\x1b"])
    if maybe(rng, 0.3):
        spec["priorityClassName"] = "system-node-critical"
    if maybe(rng):
        spec["nodeSelector"] = string_map(rng)
    if maybe(rng, 0.6):
        spec["tolerations"] = [dict({"operator": rng.choice(["Exists", "Equal", ""])},
                                    **({"key": rng.choice(KEYS)} if maybe(rng, 0.8) else {}),
                                    **({"value": rng.choice(["v", ""])} if maybe(rng, 0.3) else {}),
                                    **({"effect": rng.choice(["NoSchedule", "NoExecute", "PreferNoSchedule"])} if maybe(rng) else {}),
                                    **({"tolerationSeconds": rng.choice([0, 300])} if maybe(rng, 0.3) else {}))
                               for _ in range(rng.randint(0, 5))]
    if maybe(rng, 0.3):
        spec["topologySpreadConstraints"] = [dict({"maxSkew": rng.randint(1, 3), "topologyKey": rng.choice(KEYS),
                                                   "whenUnsatisfiable": rng.choice(["DoNotSchedule", "ScheduleAnyway"])},
                                                  **({"labelSelector": selector(rng)} if maybe(rng) else {}))
                                             for _ in range(rng.randint(1, 3))]
    return {"metadata": meta, "spec": spec}
