"""A tiny read-only stand-in for kube-apiserver, enough for kubectl to render objects.

It serves legacy discovery for core/v1 and apps/v1 and GET/LIST of the objects it is given, so
`kubectl get ... -o yaml|json` and `kubectl rollout history ds/NAME [--revision=N]` print exactly
what they print against a real cluster, without one. Used only by regenerate.py.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

CORE_RESOURCES = [
    {"name": "configmaps", "singularName": "configmap", "namespaced": True, "kind": "ConfigMap",
     "verbs": ["get", "list"], "shortNames": ["cm"]},
]
APPS_RESOURCES = [
    {"name": "daemonsets", "singularName": "daemonset", "namespaced": True, "kind": "DaemonSet",
     "verbs": ["get", "list"], "shortNames": ["ds"]},
    {"name": "controllerrevisions", "singularName": "controllerrevision", "namespaced": True,
     "kind": "ControllerRevision", "verbs": ["get", "list"]},
]


class World:
    """Objects by (group path, resource) -> name -> object, and server-side tables by
    ("table", request path); replaced wholesale between cases."""

    def __init__(self):
        self.lock = threading.Lock()
        self.objects = {}

    def set(self, objects):
        with self.lock:
            self.objects = objects

    def get(self, key):
        with self.lock:
            return self.objects.get(key, {})


def _discovery(path):
    if path == "/api":
        return {"kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]}
    if path == "/apis":
        return {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
            {"name": "apps", "versions": [{"groupVersion": "apps/v1", "version": "v1"}],
             "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}}]}
    if path == "/api/v1":
        return {"kind": "APIResourceList", "groupVersion": "v1", "resources": CORE_RESOURCES}
    if path == "/apis/apps/v1":
        return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "apps/v1",
                "resources": APPS_RESOURCES}
    return None


def _list_kind(resource):
    for r in CORE_RESOURCES + APPS_RESOURCES:
        if r["name"] == resource:
            return r["kind"] + "List"
    return "List"


def _group_version(prefix):
    return "v1" if prefix == "/api/v1" else prefix[len("/apis/"):]


def make_handler(world):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = urlparse(self.path).path.rstrip("/")
            body = _discovery(path)
            if body is not None:
                return self._send(200, body)
            table = world.get(("table", path))
            if table and "as=Table" in self.headers.get("Accept", ""):
                return self._send(200, table)
            parts = path.split("/")
            # /api/v1/namespaces/NS/RES[/NAME] or /apis/G/V/namespaces/NS/RES[/NAME]
            prefix = "/".join(parts[:3]) if parts[1] == "api" else "/".join(parts[:4])
            rest = parts[3:] if parts[1] == "api" else parts[4:]
            if len(rest) >= 3 and rest[0] == "namespaces":
                objects = world.get((prefix, rest[2]))
                if len(rest) == 4:
                    if rest[3] in objects:
                        return self._send(200, objects[rest[3]])
                elif len(rest) == 3:
                    return self._send(200, {"kind": _list_kind(rest[2]), "apiVersion": _group_version(prefix),
                                            "metadata": {"resourceVersion": "1"},
                                            "items": list(objects.values())})
            self._send(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                             "message": "not found: " + path, "reason": "NotFound", "code": 404})

    return Handler


def start(world):
    """Starts the server on a free loopback port; returns (server, base URL)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(world))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d" % server.server_address[1]
