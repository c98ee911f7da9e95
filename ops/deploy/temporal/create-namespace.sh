#!/bin/sh
# The gateway's namespace and the search attributes of temporal.config.ts (SA), as `npm run cluster` registers them
# (bin/cluster/namespace.ts). The attributes are listed in the file `search-attributes` beside this script, one
# Name=Type a line; test/bin/cluster/deploy-files.test.ts checks that it holds every attribute of SA.
# Needs TEMPORAL_ADDRESS; NAMESPACE (default) and RETENTION (720h, 30 days) are optional. Safe to run again.
set -eu
ns="${NAMESPACE:-default}"
here="$(dirname "$0")"

until temporal operator cluster health >/dev/null 2>&1; do echo 'waiting for the Temporal frontend...'; sleep 2; done
temporal operator namespace describe --namespace "$ns" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$ns" --retention "${RETENTION:-720h}"

# A namespace just created reaches every frontend's cache within seconds: retry until the attributes are accepted.
for attribute in $(cat "$here/search-attributes"); do
  name="${attribute%%=*}"
  type="${attribute#*=}"
  until temporal operator search-attribute list --namespace "$ns" | grep -qw "$name" ||
    temporal operator search-attribute create --namespace "$ns" --name "$name" --type "$type"; do
    sleep 2
  done
done
echo "namespace $ns ready with its search attributes"
