# The cluster's own PKI, made with openssl: a CA, the API server's serving certificate, client
# certificates for the admin (O=system:masters) and the limited user (CN=dev-user), and the
# service-account signing key. P-256 keys: generating them costs milliseconds, not seconds.
# shellcheck shell=bash

pki_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# pki_sign DIR NAME SUBJECT EXTENSIONS: NAME.key + NAME.crt signed by DIR/ca.
pki_sign() {
  local d=$1 n=$2
  pki_key "$d/$n.key"
  openssl req -new -key "$d/$n.key" -subj "$3" -out "$d/$n.csr" 2>/dev/null
  openssl x509 -req -in "$d/$n.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days 3650 -out "$d/$n.crt" -extfile <(printf '%s\n' "$4") 2>/dev/null
  rm -f "$d/$n.csr"
}

# make_pki DIR CLUSTER_NAME
make_pki() {
  local d=$1 name=$2 client='keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth'
  mkdir -p "$d"
  pki_key "$d/ca.key"
  openssl req -x509 -new -key "$d/ca.key" -subj "/CN=dsroll-test-ca-$name" -days 3650 -out "$d/ca.crt" \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
  # The proxy listens on 127.0.0.1 too, so the same names cover direct and proxied clients.
  pki_sign "$d" apiserver /CN=kube-apiserver 'keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local'
  pki_sign "$d" admin /O=system:masters/CN=admin "$client"
  pki_sign "$d" dev-user /CN=dev-user "$client"
  pki_key "$d/sa.key"
  openssl pkey -in "$d/sa.key" -pubout -out "$d/sa.pub" 2>/dev/null
  chmod 600 "$d"/*.key
}

b64() { base64 -w0 <"$1"; }

# write_kubeconfig FILE CURRENT_CONTEXT then lines of "context cluster server user cert key [namespace]".
write_kubeconfig() {
  local file=$1 current=$2 ctx cluster server user cert key ns
  local clusters="" users="" contexts="" seen_c=" " seen_u=" "
  shift 2
  for line in "$@"; do
    read -r ctx cluster server user cert key ns <<<"$line"
    if [[ $seen_c != *" $cluster "* ]]; then
      seen_c+="$cluster "
      clusters+="- name: $cluster
  cluster:
    server: $server
    certificate-authority-data: $(b64 "$PKI/ca.crt")
"
    fi
    if [[ $seen_u != *" $user "* ]]; then
      seen_u+="$user "
      users+="- name: $user
  user:
    client-certificate-data: $(b64 "$cert")
    client-key-data: $(b64 "$key")
"
    fi
    contexts+="- name: $ctx
  context:
    cluster: $cluster
    user: $user
${ns:+    namespace: $ns
}"
  done
  (
    umask 077
    printf 'apiVersion: v1\nkind: Config\npreferences: {}\ncurrent-context: %s\nclusters:\n%susers:\n%scontexts:\n%s' \
      "$current" "$clusters" "$users" "$contexts" >"$file.tmp"
  )
  mv "$file.tmp" "$file"
}
