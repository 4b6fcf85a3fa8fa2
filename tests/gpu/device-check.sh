#!/usr/bin/env bash
# The GPU device check, on a machine with a GPU but no node and no network: grades the reference
# and a few fixtures on webgpu and on cpu (tests/gpu/device-check.ts) with everything taken from
# .device-bundle/, which tests/gpu/prepare.sh builds. Run from the repository root, as root (it may
# unpack the Vulkan loader into /). Exit status: that of device-check.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
bundle="$repo/.device-bundle"
[ -f "$bundle/autograde.tar.xz" ] || { echo "no $bundle/autograde.tar.xz: run tests/gpu/prepare.sh first, and carry .device-bundle" >&2; exit 3; }

unxz_to_stdout() {
  if command -v xz >/dev/null 2>&1; then xz -dc "$1"; else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' "$1"; fi
}

# node gets a prefix of its own: the sandbox makes node's install folder readable to the runner.
work="${TMPDIR:-/tmp}/autograde-device"
rm -rf "$work"
mkdir -p "$work/node/bin" "$work/grader/tests"
unxz_to_stdout "$bundle/node.xz" >"$work/node/bin/node"
chmod +x "$work/node/bin/node"
# A copy of the repository as the grader reads it: its manifest, CLI, exercises, solutions, rubrics
# and fixtures, then the bundle's dist/ and node_modules/.
cp -r package.json bin exercises solutions rubrics "$work/grader/"
cp -r tests/fixtures "$work/grader/tests/"
unxz_to_stdout "$bundle/autograde.tar.xz" | tar -C "$work/grader" -xf -

# The Vulkan loader and libglvnd where the machine lacks them (a bare image has neither).
if ! ldconfig -p | grep -q 'libvulkan\.so\.1' || ! ldconfig -p | grep -q 'libGLdispatch\.so\.0'; then
  for deb in "$bundle"/debs/lib*.deb; do dpkg -x "$deb" /; done
fi
# NVIDIA's libraries where a container runtime put them outside the linker's search path.
if [ -d /usr/local/nvidia/lib64 ] && ! ldconfig -p | grep -q /usr/local/nvidia/lib64; then
  echo /usr/local/nvidia/lib64 >/etc/ld.so.conf.d/autograde-nvidia.conf
fi
ldconfig
# bubblewrap for the sandbox's OS layer, unpacked beside the grader rather than into /.
if ! command -v bwrap >/dev/null 2>&1; then
  dpkg -x "$bundle"/debs/bubblewrap_*.deb "$work/bubblewrap"
  export PATH="$work/bubblewrap/usr/bin:$PATH"
fi
# NVIDIA's Vulkan driver manifest, where the loader would not look on its own.
if ! ls /etc/vulkan/icd.d/*nvidia* /usr/share/vulkan/icd.d/*nvidia* >/dev/null 2>&1 && [ -e /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi

# A fresh reference cache, so that each backend's reference is computed and timed.
export AUTOGRADE_CACHE_DIR="$work/cache"
cd "$work/grader"
exec "$work/node/bin/node" dist/tests/gpu/device-check.js
