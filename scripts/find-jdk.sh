#!/usr/bin/env bash
# Sourced by the repo's scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Looks at JAVA_HOME first, then the JDKs installed under /usr/lib/jvm (and macOS's JavaVirtualMachines).

jdk_major() {
  local release="$1/release"
  [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

find_jdk21() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(jdk_major "$candidate") || continue
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk21); then
  echo "EmbedGate needs a JDK 21 or newer, and none was found (checked JAVA_HOME and /usr/lib/jvm)." >&2
  echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
