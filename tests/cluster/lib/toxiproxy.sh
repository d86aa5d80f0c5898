# The toxiproxy in front of the API server of a cluster started with --proxy: one proxy named
# "apiserver" listening on 127.0.0.1:PROXY_PORT. Needs TOXIPROXY_API_PORT, PROXY_PORT, APISERVER_PORT.
# shellcheck shell=bash

# toxiproxy_api METHOD PATH [JSON]: prints the HTTP status; the body goes to run/toxiproxy-response.
toxiproxy_api() {
  local data=()
  [[ -n ${3:-} ]] && data=(-d "$3")
  curl -s --noproxy '*' -o "$STATE_DIR/run/toxiproxy-response" -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
    "${data[@]}" "http://127.0.0.1:$TOXIPROXY_API_PORT$2" || echo 000
}

toxiproxy_create_proxy() {
  local code
  code=$(toxiproxy_api POST /proxies \
    "{\"name\":\"apiserver\",\"listen\":\"127.0.0.1:$PROXY_PORT\",\"upstream\":\"127.0.0.1:$APISERVER_PORT\",\"enabled\":true}")
  [[ $code == 201 ]]
}
