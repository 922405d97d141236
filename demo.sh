#!/bin/sh
# The main job on the embedded defaults: builds everything, then runs a control plane and two
# agents on this host (see README.md). Needs only a JDK 17; Maven comes through ./mvnw.
set -e
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests package -pl e2e -am
exec e2e/target/demo/bin/sealift-demo "$@"
