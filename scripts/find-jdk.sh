# Sourced by ./docket and .ci/run. Sets DOCKET_JAVA_HOME to a JDK of version 21 or newer, looking at JAVA_HOME,
# the java on PATH, then the usual install locations. Returns 1 when there is none.

docket_java_version() {
  # prints the feature version (17, 21, 25...) of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

docket_find_jdk() {
  local candidates=() candidate version
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    # readlink -f follows /usr/bin/java to the JDK; where it is missing (older macOS) the JDK dirs below still count
    local resolved
    resolved=$(readlink -f "$(command -v java)" 2>/dev/null) && candidates+=("$(dirname "$(dirname "$resolved")")")
  fi
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in ${candidates[@]+"${candidates[@]}"}; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(docket_java_version "$candidate/bin/java")
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then
      DOCKET_JAVA_HOME="$candidate"
      return 0
    fi
  done
  return 1
}
