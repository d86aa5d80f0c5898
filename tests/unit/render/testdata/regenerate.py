"""Records the expected outputs the render unit tests compare against, from the real tools.

  kubectl (through fake_apiserver.py):  yaml/*.expected.{yaml,json}, yaml/random.jsonl,
                                        describe/*.expected.txt, history/*.expected.txt
  /usr/bin/diff -u:                     diff/cases.jsonl
  Go's text/tabwriter (go run):         tabwriter/cases.jsonl

Run through regenerate.sh, which finds the kubectl to use. Inputs (*.json next to the expected
files) are hand-written; the random cases are generated here from a fixed seed, so a rerun with
the same tools gives the same files.
"""

import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fake_apiserver  # noqa: E402

KUBECTL = os.environ["KUBECTL"]


class Kubectl:
    """Runs kubectl against the fake API server with a throwaway kubeconfig and cache."""

    def __init__(self):
        self.world = fake_apiserver.World()
        self.server, self.url = fake_apiserver.start(self.world)
        self.tmp = tempfile.mkdtemp(prefix="dsroll-render-")
        self.kubeconfig = os.path.join(self.tmp, "kubeconfig")
        open(self.kubeconfig, "w").close()

    def run(self, *args):
        env = dict(os.environ, KUBECONFIG=self.kubeconfig, HOME=self.tmp)
        cmd = [KUBECTL, "--server", self.url, "--cache-dir", os.path.join(self.tmp, "cache"),
               "-n", "default"] + list(args)
        r = subprocess.run(cmd, capture_output=True, env=env)
        if r.returncode != 0:
            raise RuntimeError("%s failed: %s" % (" ".join(args), r.stderr.decode()))
        return r.stdout.decode("utf-8", "surrogateescape")


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_text(path, text):
    with open(path, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
        f.write(text)


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        for row in rows:
            f.write(json.dumps(row, sort_keys=True) + "\n")


def cases(folder):
    d = os.path.join(HERE, folder)
    return sorted(n[:-5] for n in os.listdir(d) if n.endswith(".json") and ".expected" not in n)


# ---- random pod templates ---------------------------------------------------------------------------

def regenerate_random_templates():
    import random_templates
    rng = random.Random(1402)
    requests = [{"op": "describe", "template": random_templates.template(rng)} for _ in range(300)]
    out = oracle(requests)
    assert all("text" in r for r in out), [r.get("error") for r in out if "error" in r][:3]
    write_jsonl(os.path.join(HERE, "describe", "random.jsonl"), out)
    print("describe: %d random templates" % len(out))


# ---- -o yaml / -o json ---------------------------------------------------------------------------

def render_objects(k, objects):
    """kubectl get -o yaml and -o json of each object, served as a ConfigMap."""
    k.world.set({("/api/v1", "configmaps"): {"o%d" % i: o for i, o in enumerate(objects)}})

    def one(i):
        name = "o%d" % i
        return k.run("get", "configmap", name, "-o", "yaml"), k.run("get", "configmap", name, "-o", "json")

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return list(pool.map(one, range(len(objects))))


FRAGMENTS = ["", " ", "  ", "a", "b", "Z", "_", "-", "- ", "?", ":", ": ", " #", "#", ",", "[", "]",
             "{", "}", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", "\\", "\t", "\n", "\r",
             "---", "...", "true", "yes", "no", "null", "~", "1", "0", "012", "0x1F", "1.5", "1e3",
             "12:30", "2026-05-01", "T10:00:00Z", "é", "😀", "日本", "\u2028", "\u0085", "\u00a0",
             "\ufeff", "\x07", "\x1b", "<", ">", "&amp;", "word", "kubernetes", "x" * 30]


def random_string(rng):
    if rng.random() < 0.15:  # long text that folds
        words = [rng.choice(["node", "pod", "daemonset", "rollout", "a", "revision", "#", "x" * 12,
                             "'", ":", "-"]) for _ in range(rng.randint(10, 40))]
        sep = rng.choice([" ", " ", " ", "  ", "\n", " \n"])
        return sep.join(words)
    return "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 4)))


def random_key(rng):
    # A NEL in a key makes kubectl fail (see kubectlYamlError), so keys do without.
    return (rng.choice(["a", "b", "A", "B", "_x", "-y", "a1", "a2", "a10", "a01", "a001", "x9y",
                       "x10y", "k.8", "k-8", "0", "1", "10", "9", "é", "Zed", "zed", "a b", "a:b",
                       "true", "null", ""]) + random_string(rng)[:rng.choice([0, 0, 3])]).replace("\u0085", "")


def random_value(rng, depth):
    r = rng.random()
    if depth < 4 and r < 0.25:
        return {random_key(rng): random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))}
    if depth < 4 and r < 0.4:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if r < 0.5:
        return rng.choice([0, 1, -7, 42, 2**53, 2**63 - 1, -2**63, 2**64 - 1, 2**70, 0.5, -1.25,
                           1e21, 1e-7, 123456.789, 1e6, True, False, None])
    return random_string(rng)


def regenerate_yaml(k):
    names = cases("yaml")
    inputs = [read_json(os.path.join(HERE, "yaml", n + ".json")) for n in names]
    for name, (y, j) in zip(names, render_objects(k, inputs)):
        write_text(os.path.join(HERE, "yaml", name + ".expected.yaml"), y)
        write_text(os.path.join(HERE, "yaml", name + ".expected.json"), j)

    rng = random.Random(20260501)
    objects = []
    for i in range(200):
        body = {random_key(rng): random_value(rng, 1) for _ in range(rng.randint(1, 6))}
        objects.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "r%d" % i},
                        "data": body})
    rows = [{"input": o, "yaml": y, "json": j} for o, (y, j) in zip(objects, render_objects(k, objects))]
    write_jsonl(os.path.join(HERE, "yaml", "random.jsonl"), rows)
    print("yaml: %d cases, %d random" % (len(names), len(rows)))

    # Objects kubectl refuses to print as YAML: its error message, without the "error: " prefix.
    refused = [{"s": "a\u007fb"}, {"s": "a\u0080b"}, {"s": ["x", "\uffff"]}, {"a\u009fb": 1}]
    rows = []
    for i, data in enumerate(refused):
        obj = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "e%d" % i}, "data": data}
        k.world.set({("/api/v1", "configmaps"): {"e": obj}})
        try:
            k.run("get", "configmap", "e", "-o", "yaml")
            raise RuntimeError("kubectl printed %r" % obj)
        except RuntimeError as err:
            message = str(err).split("failed: ", 1)[1].strip()
            rows.append({"input": obj, "error": message[len("error: "):]})
    write_jsonl(os.path.join(HERE, "yaml", "refused.jsonl"), rows)


# ---- rollout history ------------------------------------------------------------------------------

def daemonset_world(name, template, change_causes):
    """A DaemonSet and its ControllerRevisions (revision -> change-cause) for rollout history."""
    uid = "uid-" + name
    ds = {"apiVersion": "apps/v1", "kind": "DaemonSet",
          "metadata": {"name": name, "namespace": "default", "uid": uid},
          "spec": {"selector": {"matchLabels": {"app": name}}, "template": template}}
    revisions = {}
    for revision, cause in change_causes.items():
        annotations = {"kubernetes.io/change-cause": cause} if cause else {}
        revisions["%s-%s" % (name, revision)] = {
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": {"name": "%s-%s" % (name, revision), "namespace": "default",
                         "annotations": annotations,
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": name,
                                              "uid": uid, "controller": True}]},
            "data": {"spec": {"template": dict(template, **{"$patch": "replace"})}},
            "revision": int(revision)}
    return {("/apis/apps/v1", "daemonsets"): {name: ds},
            ("/apis/apps/v1", "controllerrevisions"): revisions}


def regenerate_describe(k):
    names = cases("describe")
    for name in names:
        template = read_json(os.path.join(HERE, "describe", name + ".json"))
        k.world.set(daemonset_world(name, template, {"1": ""}))
        out = k.run("rollout", "history", "ds/" + name, "--revision=1")
        head = "daemonset.apps/%s with revision #1\n" % name
        assert out.startswith(head) and out.endswith("\n\n"), repr(out[:200])
        write_text(os.path.join(HERE, "describe", name + ".expected.txt"), out[len(head):-1])
    print("describe: %d cases" % len(names))


def regenerate_history(k):
    names = cases("history")
    for name in names:
        causes = read_json(os.path.join(HERE, "history", name + ".json"))["changeCauses"]
        template = {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": "c", "image": "i"}]}}
        k.world.set(daemonset_world(name, template, causes))
        out = k.run("rollout", "history", "ds/" + name)
        head = "daemonset.apps/%s \n" % name
        assert out.startswith(head) and out.endswith("\n\n"), repr(out[:200])
        write_text(os.path.join(HERE, "history", name + ".expected.txt"), out[len(head):-1])
    print("history: %d cases" % len(names))


def controller_revision_table(rows):
    """The Table the API server returns for a ControllerRevision list (its columns, our cells)."""
    columns = [{"name": "Name", "type": "string", "format": "name", "description": "", "priority": 0},
               {"name": "Controller", "type": "string", "format": "", "description": "", "priority": 0},
               {"name": "Revision", "type": "integer", "format": "", "description": "", "priority": 0},
               {"name": "Age", "type": "string", "format": "", "description": "", "priority": 0}]
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "1"},
            "columnDefinitions": columns,
            "rows": [{"cells": [r["name"], r["controller"], r["revision"], r["age"]],
                      "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                                 "metadata": {"name": r["name"], "namespace": r["namespace"]}}}
                     for r in rows]}


def regenerate_get_table(k):
    names = cases("get")
    for name in names:
        rows = read_json(os.path.join(HERE, "get", name + ".json"))["rows"]
        k.world.set({("table", "/apis/apps/v1/namespaces/default/controllerrevisions"): controller_revision_table(rows),
                     ("table", "/apis/apps/v1/controllerrevisions"): controller_revision_table(rows)})
        write_text(os.path.join(HERE, "get", name + ".expected.txt"), k.run("get", "controllerrevisions"))
        write_text(os.path.join(HERE, "get", name + ".expected-all.txt"),
                   k.run("get", "controllerrevisions", "-A"))
    print("get controllerrevisions: %d cases" % len(names))


# ---- kubectl's own code, through oracle/ (go run) ------------------------------------------------

def oracle(requests):
    """Runs oracle/main.go (kubectl v0.36.3's describe, apimachinery, tabwriter) on the requests."""
    stdin = "".join(json.dumps(r) + "\n" for r in requests)
    env = dict(os.environ, GOFLAGS="-mod=mod", GOPROXY="off", GOSUMDB="off")
    r = subprocess.run(["go", "run", "."], cwd=os.path.join(HERE, "oracle"), input=stdin.encode(),
                       capture_output=True, env=env)
    if r.returncode != 0:
        raise RuntimeError("oracle failed: " + r.stderr.decode())
    return [json.loads(line) for line in r.stdout.decode().splitlines()]


def regenerate_tabwriter():
    rng = random.Random(8)
    cells = ["", "a", "bb", "REVISION", "CHANGE-CAUSE", "<none>", "é", "日本語", "x y", "12345678",
             "a<b>c", "&amp;", "0123456789abcdef"]
    seps = ["\t", "\t", "\t", "\n", "\n", "\v", "\f"]
    rows = []
    for _ in range(500):
        text = "".join(rng.choice(cells) + rng.choice(seps) for _ in range(rng.randint(0, 30)))
        if rng.random() < 0.3:
            text += rng.choice(cells)  # an unterminated last line
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 4))))
        chunks = [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]
        rows.append({"op": "tabwriter", "minwidth": rng.choice([0, 0, 4, 6, 8]),
                     "tabwidth": rng.choice([0, 4, 8]), "padding": rng.choice([0, 1, 2, 3]),
                     "padchar": rng.choice([" ", " ", ".", "\t"]),
                     "flags": rng.choice([0, 0, 0, 1, 4, 8, 16, 32, 8 | 16, 4 | 32, 1 | 8, 64, 64, 64 | 8]),
                     "chunks": chunks, "flushEach": rng.random() < 0.3})
    write_jsonl(os.path.join(HERE, "tabwriter", "cases.jsonl"), oracle(rows))
    print("tabwriter: %d cases" % len(rows))


QUANTITIES = ["0", "1", "-1", "+1", "1.5", "0.5", ".5", "1.", "0.1", "0.001", "0.0001", "1000m", "100m",
              "1m", "1500m", "2000m", "1n", "1u", "1.5u", "0.0000000001", "1e3", "1E3", "1e-3", "1.5e3",
              "1e0", "1e9", "2e9", "1k", "1000", "1000000", "999", "1024", "1023", "1025", "128974848",
              "129e6", "129M", "123Mi", "1Ki", "1.5Ki", "0.5Ki", "1024Ki", "1025Ki", "8Ki", "1Mi",
              "1536Mi", "0.5Gi", "1.5Gi", "2Gi", "1Ti", "1Pi", "1Ei", "7Ei", "1G", "1T", "1P", "1E", "1000E",
              "100Mi", "200Mi", "-100m", "-1.5Gi", "-2Ki", "00100", "0.50", "1.0", "12.3456789012",
              "9223372036854775807", "9223372036854775808", "1e18", "1e19", "0.000000001", "3m", "10Gi",
              "", "abc", "1x", "1 ", " 1", "1.2.3", "1ee3", "--1", "Ki", "1KI", "1k8"]

DURATIONS_S = [-3, -2, -1.999, -1.5, -1, -0.5, 0, 0.5, 1, 59, 59.999, 60, 61, 119, 119.999, 120, 150, 599,
               600, 601, 3599, 3600, 10799, 10800, 12600, 28799, 28800, 86399, 86400, 172799, 172800, 190800,
               691199, 691200, 2591999, 31535999, 31536000, 63071999, 63072000, 63936000, 252287999,
               252288000, 3153600000]


def regenerate_quantities_and_durations():
    out = oracle([{"op": "quantity", "input": q} for q in QUANTITIES])
    write_jsonl(os.path.join(HERE, "quantity", "cases.jsonl"), out)
    out = oracle([{"op": "duration", "ns": int(s * 1e9)} for s in DURATIONS_S])
    write_jsonl(os.path.join(HERE, "duration", "cases.jsonl"), out)
    print("quantity: %d cases, duration: %d cases" % (len(QUANTITIES), len(DURATIONS_S)))


# ---- diff -u -------------------------------------------------------------------------------------

def gnu_diff(a, b, context, color):
    """/usr/bin/diff -U<context> --label A --label B [--color=always] of two texts."""
    with tempfile.TemporaryDirectory() as d:
        pa, pb = os.path.join(d, "a"), os.path.join(d, "b")
        with open(pa, "wb") as f:
            f.write(a.encode())
        with open(pb, "wb") as f:
            f.write(b.encode())
        cmd = ["/usr/bin/diff", "-U%d" % context, "--label", "A", "--label", "B"]
        if color:
            cmd.append("--color=always")
        r = subprocess.run(cmd + [pa, pb], capture_output=True)
        assert r.returncode in (0, 1), r.stderr
        return r.stdout.decode()


def random_text(rng, tokens, n):
    lines = [rng.choice(tokens) for _ in range(n)]
    text = "".join(line + "\n" for line in lines)
    if lines and rng.random() < 0.2:
        text = text[:-1]  # no newline at the end
    return text


def mutate(rng, text, tokens):
    lines = text.split("\n")
    for _ in range(rng.randint(0, 6)):
        op = rng.random()
        k = rng.randint(0, len(lines))
        if op < 0.4:
            lines.insert(k, rng.choice(tokens))
        elif op < 0.8 and lines:
            del lines[min(k, len(lines) - 1)]
        elif lines:
            lines[min(k, len(lines) - 1)] = rng.choice(tokens)
    return "\n".join(lines)


def regenerate_diff():
    rng = random.Random(3)
    rows = []
    for i in range(500):
        tokens = rng.choice([["a", "b"], ["a", "b", "c"], ["x", "y", "", "  z"], list("abcdef"),
                             ["key: v", "- item", "  nested: 1", "", "}"]])
        a = random_text(rng, tokens, rng.randint(0, 30))
        b = mutate(rng, a, tokens) if rng.random() < 0.7 else random_text(rng, tokens, rng.randint(0, 30))
        context = rng.choice([3, 3, 3, 0, 1, 2, 5])
        color = rng.random() < 0.25
        rows.append({"a": a, "b": b, "context": context, "color": color,
                     "diff": gnu_diff(a, b, context, color)})
    # Two revisions of a DaemonSet as kubectl prints them: image bump, new env var, probe change.
    with open(os.path.join(HERE, "yaml", "daemonset.expected.yaml"), encoding="utf-8") as f:
        old = f.read()
    new = (old.replace("fluentd:v2.6.0", "fluentd:v2.7.1")
              .replace("        - name: NODE_NAME\n", "        - name: LOG_LEVEL\n          value: debug\n        - name: NODE_NAME\n")
              .replace("memory: 200Mi\n        requests", "memory: 300Mi\n        requests"))
    for context, color in [(3, False), (3, True), (1, False), (10, False)]:
        rows.append({"a": old, "b": new, "context": context, "color": color, "diff": gnu_diff(old, new, context, color)})
    # Larger inputs: repeated lines (GNU's discarding of confusing lines) and, in the last one,
    # enough differences to reach its TOO_EXPENSIVE cut-off.
    for n, alphabet, p_change in [(600, 8, 0.1), (2000, 40, 0.3), (9000, 2000, 0.9)]:
        tokens = [str(t) for t in range(alphabet)]
        a = random_text(rng, tokens, n)
        b = "".join((rng.choice(tokens) if rng.random() < p_change else line) + "\n"
                    for line in a.split("\n")[:-1])
        rows.append({"a": a, "b": b, "context": 3, "color": False, "diff": gnu_diff(a, b, 3, False)})
    write_jsonl(os.path.join(HERE, "diff", "cases.jsonl"), rows)
    print("diff: %d cases" % len(rows))


def main():
    regenerate_diff()
    regenerate_tabwriter()
    regenerate_quantities_and_durations()
    regenerate_random_templates()
    k = Kubectl()
    regenerate_describe(k)
    regenerate_history(k)
    regenerate_get_table(k)
    regenerate_yaml(k)


if __name__ == "__main__":
    main()
