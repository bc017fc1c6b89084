#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Fetches Debian's UEFI firmware for riscv64 `virt` (package qemu-efi-riscv64, EDK2's RISCV_VIRT
# build: RISCV_VIRT_CODE.fd for pflash0, RISCV_VIRT_VARS.fd as the template of pflash1), with apt
# in a private apt state of its own (the host's apt is left alone), checked against the signed
# index (size + SHA256), unpacked with dpkg-deb into the cache, reused when valid.
# Prints shell assignments on stdout, for `eval "$(scripts/fetch-edk2.sh)"`:
#   QS_EDK2_VERSION  the Debian version of qemu-efi-riscv64
#   QS_EDK2_CODE     the firmware code image (32 MiB)
#   QS_EDK2_VARS     the empty variable store (32 MiB): copy it before use
# Usage: scripts/fetch-edk2.sh [--update]   (--update: re-read the index, fetch a newer package)
# Env: QS_CACHE_DIR (default ${XDG_CACHE_HOME:-~/.cache}/quicksilver), QS_GUEST_SUITE (forky),
#      QS_DEBIAN_MIRROR (http://deb.debian.org/debian). Needs apt-get, dpkg-deb.
set -eu

# shellcheck source=scripts/apt-riscv64.sh
. "$(dirname "$0")/apt-riscv64.sh"
fetch_start fetch-edk2 14 "$@"
base=$cache/edk2
apt_dir=$base/apt
debs_dir=$base/debs
env_file=$base/current.env
pkg=qemu-efi-riscv64

# Takes the same lock as the other fetchers: one at a time in the cache.
apt_prepare "scripts/install-deps.sh installs it" apt-get apt-cache dpkg-deb sha256sum flock

cache_valid() {
	[ -r "$env_file" ] || return 1
	(
		set +u
		# shellcheck disable=SC1090 # written by this script
		. "$env_file"
		[ "${QS_SOURCE:-}" = "$mirror $suite" ] && [ -f "$QS_EDK2_CODE" ] && [ -f "$QS_EDK2_VARS" ]
	)
}

print_env() { cat "$env_file"; }

if [ "$update" = 0 ] && cache_valid; then
	print_env
	exit 0
fi

apt_update "the UEFI firmware" "$base"
show --no-all-versions $pkg | grep -q '^Package:' || die "no $pkg package in the $suite index"
version=$(show --no-all-versions $pkg | field Version)
say "$pkg $version"
deb=$(fetch $pkg)
root=$base/root-$(echo "$version" | tr ':' '_')
unpack "$root" "$deb"
code=$root/usr/share/qemu-efi-riscv64/RISCV_VIRT_CODE.fd
vars=$root/usr/share/qemu-efi-riscv64/RISCV_VIRT_VARS.fd
[ -f "$code" ] && [ -f "$vars" ] || die "$pkg $version has no RISCV_VIRT_CODE.fd/RISCV_VIRT_VARS.fd"

cat >"$env_file.tmp" <<EOT
QS_SOURCE='$mirror $suite'
QS_EDK2_VERSION='$version'
QS_EDK2_CODE='$code'
QS_EDK2_VARS='$vars'
EOT
mv "$env_file.tmp" "$env_file"
# Drop trees and .debs of versions no longer current.
prune_trees "$base" root- "$root"
prune_debs "$deb"
print_env
