#!/bin/sh
# The benchmark (README.md, "Benchmark"): builds if needed, generates a ~1 GB tree (one 512 MiB
# random file, one 256 MiB file of alternating random and zero MiBs, 20,000 files of 1-16 KiB),
# times `cp -a` of it and a Sealift migration of it on the same disk in the same run, and prints
# MB/s and files/s for both and their ratio.
#
#   bench/run.sh [--dir DIR] [--keep]
#
# DIR (default ./.sealift-bench) needs about 3.2 GB free; it is emptied first and, without
# --keep, removed at the end.
set -e
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package -pl e2e -am
exec e2e/target/demo/bin/sealift-bench "$@"
