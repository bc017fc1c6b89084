#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the Debian packages that building and testing Quicksilver need; a no-op when all are present.
set -e
PKGS="
build-essential            # C compiler, make
meson                      # build system
ninja-build                # meson's backend
pkg-config                 # dependency lookup for meson
libglib2.0-dev             # GLib: data structures and the GTest unit-test framework
libfdt-dev                 # libfdt: the device trees boards generate for their guests
libcapstone-dev            # capstone: disassembles the host code -d out_asm logs (optional)
zlib1g-dev                 # zlib: gzip-compressed uImages (-device loader), qcow2 compressed clusters
libzstd-dev                # zstd: qcow2 clusters compressed with compression_type=zstd
libslirp-dev               # libslirp: user-mode networking (-netdev user)
liburing-dev               # liburing: the aio=io_uring disk engine
libaio-dev                 # libaio: the aio=native (Linux AIO) disk engine
tcpdump                    # reads the pcap files -object filter-dump writes (network tests)
socat                      # a peer on socket and pty chardevs and on the QMP socket (tests)
gdb-multiarch              # debugs a guest through the gdbstub (tests)
device-tree-compiler       # dtc: tests decompile generated device trees
opensbi                    # the RISC-V firmware -bios default loads (fw_dynamic.bin)
cpio                       # packs the guest initramfs (scripts/make-initramfs.sh)
xz-utils                   # unpacks the Debian kernel's compressed modules
e2fsprogs                  # mke2fs/debugfs/e2fsck: the boot test's ext4 disk image
debian-archive-keyring     # verifies the Debian riscv64 packages the guest is fetched from
bc                         # arithmetic in the tests/bench scripts
binutils                   # readelf: scripts/fetch-7zip.sh finds the libraries the guest's 7zz loads
python3                    # meson itself; test summary script
gcc-riscv64-unknown-elf    # builds the bare-metal riscv64 guest test programs
u-boot-qemu                # Debian's U-Boot for QEMU's virt (README's U-Boot guide and its test)
"
# Interop peer: Debian's QEMU, whose help and error texts the tests compare ours with.
PKGS="$PKGS
qemu-system-misc           # reference qemu-system-riscv64
qemu-utils                 # QEMU's qemu-img: creates, checks and reads the qcow2 images ours write
"
list=$(echo "$PKGS" | sed 's/#.*//' | tr -s ' \n' ' ')
missing=""
for p in $list; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "Missing packages:$missing" >&2
	echo "Run as root: apt-get install$missing" >&2
	exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends $missing
