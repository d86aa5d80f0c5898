# Writes a curl config (for curl --parallel -K) with one POST per fake node: node-0..node-(n-1),
# annotated for kwok, node-0 a tainted control-plane node. The nodes are created with the status
# kwok's node-initialize stage would give them (Ready, addresses, nodeInfo), as a kubelet registers
# its node: kwok then only has to take their leases, which halves the requests a large cluster needs
# before it is Ready.
# Variables: n cpu mem pods now kwok (the kubelet version to show) url pki.
# JSON is written with single quotes for readability and turned into escaped double quotes.

function condition(type, status, reason, message) {
  return sprintf("{'type':'%s','status':'%s','reason':'%s','message':'%s','lastHeartbeatTime':'%s','lastTransitionTime':'%s'}",
    type, status, reason, message, now, now)
}

BEGIN {
  conditions = condition("Ready", "True", "KubeletReady", "kubelet is posting ready status") "," \
    condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available") "," \
    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure") "," \
    condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available") "," \
    condition("NetworkUnavailable", "False", "RouteCreated", "RouteController created a route")
  resources = sprintf("{'cpu':'%s','memory':'%s','pods':'%s'}", cpu, mem, pods)
  info = sprintf("{'architecture':'amd64','operatingSystem':'linux','kubeletVersion':'%s','kubeProxyVersion':'%s'," \
    "'containerRuntimeVersion':'%s','kernelVersion':'%s','bootID':'','machineID':'','osImage':'','systemUUID':''}",
    kwok, kwok, kwok, kwok)
  for (i = 0; i < n; i++) {
    name = "node-" i
    labels = sprintf("'kubernetes.io/hostname':'%s','kubernetes.io/os':'linux','kubernetes.io/arch':'amd64','type':'kwok'", name)
    spec = "{}"
    if (i == 0) {
      labels = labels ",'node-role.kubernetes.io/control-plane':''"
      spec = "{'taints':[{'key':'node-role.kubernetes.io/control-plane','effect':'NoSchedule'}]}"
    }
    # Both addresses: kwok's node-initialize would otherwise patch "addresses: null" (it takes the
    # Hostname address from its --node-name option, which is empty here).
    addresses = sprintf("[{'type':'InternalIP','address':'10.240.%d.%d'},{'type':'Hostname','address':'%s'}]",
      int(i / 250), i % 250 + 1, name)
    body = sprintf("{'apiVersion':'v1','kind':'Node','metadata':{'name':'%s'," \
      "'annotations':{'kwok.x-k8s.io/node':'fake','node.alpha.kubernetes.io/ttl':'0'},'labels':{%s}}," \
      "'spec':%s,'status':{'phase':'Running','allocatable':%s,'capacity':%s,'addresses':%s," \
      "'conditions':[%s],'nodeInfo':%s}}",
      name, labels, spec, resources, resources, addresses, conditions, info)
    gsub(/'/, "\\\"", body)
    if (i > 0) print "next"
    printf "url = \"%s\"\ncacert = \"%s/ca.crt\"\ncert = \"%s/admin.crt\"\nkey = \"%s/admin.key\"\n", url, pki, pki, pki
    printf "header = \"Content-Type: application/json\"\noutput = \"/dev/null\"\n"
    printf "write-out = \"%%{http_code} %s\\n\"\ndata = \"%s\"\n", name, body
  }
}
