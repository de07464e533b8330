#!/usr/bin/env bash
# Installs the system libraries fundflow builds against, where they are missing (Debian/Ubuntu).
# Graphviz (libgvc) is used by the renderer, with a CJK font for PNG/PDF; zlib by the xlsx reader;
# libpq by the PostgreSQL source.
set -euo pipefail
missing=()
pkg-config --exists libgvc 2>/dev/null || missing+=(libgraphviz-dev)
pkg-config --exists libpq 2>/dev/null || missing+=(libpq-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
# A CJK font, so that PNG and PDF charts show Chinese names (SVG uses the browser's fonts).
fc-list 2>/dev/null | grep -qiE "WenQuanYi|Noto Sans CJK|Noto Serif CJK" || missing+=(fonts-wqy-microhei)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
