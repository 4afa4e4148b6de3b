#!/usr/bin/env bash
# Refreshes the vendored Apache ECharts runtime from the npm registry.
# Usage: templates/assets/echarts/refresh.sh [VERSION]   (default: the VERSION file)
# The report inlines echarts.common.min.js: the official build with the bar,
# line, pie and scatter charts, mark lines, legends, tooltips, aria and both
# renderers, about 700 KB, which keeps report.html small enough for email.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
version=${1:-$(cat "$here/VERSION")}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$version" >/dev/null && tar xzf "echarts-$version.tgz")
cp "$tmp/package/dist/echarts.common.min.js" "$tmp/package/LICENSE" "$tmp/package/NOTICE" "$here/"
echo "$version" >"$here/VERSION"
echo "vendored echarts $version into $here"
