#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Fetches the Linux guest the boot test and the demo run: Debian's riscv64 kernel (+ modules) and
# busybox-static, downloaded with apt into a private apt state (the host's apt is left alone),
# checked against the signed index (size + SHA256), unpacked into the cache, reused when valid.
# Prints shell assignments on stdout, for `eval "$(scripts/fetch-guest.sh)"`:
#   QS_KVER QS_KERNEL (the bootable Image) QS_MODULES QS_KERNEL_CONFIG QS_BUSYBOX QS_FIRMWARE (+ more)
# Usage: scripts/fetch-guest.sh [--update]   (--update: re-read the index, fetch a newer kernel)
# Env: QS_CACHE_DIR (default ${XDG_CACHE_HOME:-~/.cache}/quicksilver), QS_GUEST_SUITE (forky),
#      QS_DEBIAN_MIRROR (http://deb.debian.org/debian).
set -eu

# shellcheck source=scripts/apt-riscv64.sh
. "$(dirname "$0")/apt-riscv64.sh"
fetch_start fetch-guest 10 "$@"
apt_dir=$cache/apt
debs_dir=$cache/debs
env_file=$cache/guest/current.env

apt_prepare "this script needs Debian's apt/dpkg" apt-get apt-cache dpkg-deb sha256sum flock
mkdir -p "$cache/guest"

# Host firmware for -bios: OpenSBI from the opensbi package, else the copy Debian's QEMU ships.
firmware=""
for f in /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin /usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin; do
	if [ -r "$f" ]; then
		firmware=$f
		break
	fi
done

# A complete earlier fetch: every file it names exists and each unpacked tree's stamp is present.
cache_valid() {
	[ -r "$env_file" ] || return 1
	(
		set +u
		# shellcheck disable=SC1090 # written by this script
		. "$env_file"
		[ "${QS_SOURCE:-}" = "$mirror $suite" ] || exit 1
		for f in "$QS_KERNEL" "$QS_MODULES/modules.order" "$QS_KERNEL_CONFIG" "$QS_BUSYBOX" \
			"$QS_KTREE/.qs-complete" "$QS_BBTREE/.qs-complete"; do
			[ -n "$f" ] && [ -e "$f" ] || exit 1
		done
	)
}

print_env() {
	cat "$env_file"
	printf "QS_FIRMWARE='%s'\n" "$firmware"
}

if [ "$update" = 0 ] && cache_valid; then
	print_env
	exit 0
fi

apt_update guest "$cache"

depends_of() { # depends_of PKG: the package names in its Depends line
	show "$1" | field Depends | sed 's/[,|]/\n/g' | sed 's/(.*)//; s/ //g' | sed '/^$/d'
}

# The current kernel: linux-image-riscv64 depends on linux-image-<kver>; that package either
# holds the kernel (older layout) or depends on linux-{binary,modules,base}-<kver> (newer layout).
image=$(depends_of linux-image-riscv64 | grep '^linux-image-' | head -n 1) ||
	die "no linux-image-riscv64 in the $suite index"
[ -n "$image" ] || die "linux-image-riscv64 names no linux-image-<version> package"
kver=${image#linux-image-}
kver=${kver%-unsigned}
pkgs="$image $(depends_of "$image" | grep -- "-$kver\$" | grep '^linux-' | grep -v "^$image\$" | tr '\n' ' ' || true)"
kdebver=$(show "$image" | field Version)
say "kernel $kver (package $kdebver): $pkgs"

# --- download + verify + unpack ----------------------------------------------------------------
kdebs=""
for p in $pkgs; do
	kdebs="$kdebs $(fetch "$p")"
done
bbdeb=$(fetch busybox-static)
bbver=$(show busybox-static | field Version)

ktree=$cache/guest/linux-$kver-$kdebver
bbtree=$cache/guest/busybox-static-$(echo "$bbver" | tr ':' '_')
# shellcheck disable=SC2086 # the .deb paths contain no spaces
unpack "$ktree" $kdebs
unpack "$bbtree" "$bbdeb"

# --- locate the pieces -------------------------------------------------------------------------
modules=""
for d in "$ktree/usr/lib/modules/$kver" "$ktree/lib/modules/$kver"; do
	[ -f "$d/modules.order" ] && modules=$d && break
done
[ -n "$modules" ] || die "no modules directory for $kver in $ktree"
kernel=""
# Debian ships the bootable flat Image (with an EFI stub, so `file` calls it PE32+) as vmlinuz
# next to the modules (newer layout) or as /boot/vmlinu[xz]-<kver> (older layout).
for f in "$modules/vmlinuz" "$modules/vmlinux" "$ktree/boot/vmlinuz-$kver" "$ktree/boot/vmlinux-$kver"; do
	[ -f "$f" ] && kernel=$f && break
done
[ -n "$kernel" ] || die "no kernel image for $kver in $ktree"
# A RISC-V Linux Image carries the magic "RSC\x05" at offset 0x38; QEMU's -kernel also takes ELF.
magic=$(od -An -c -j 56 -N 4 "$kernel" | tr -d ' ')
elf=$(od -An -c -N 4 "$kernel" | tr -d ' ')
[ "$magic" = 'RSC005' ] || [ "$elf" = '177ELF' ] ||
	say "warning: $kernel is neither a RISC-V Image nor an ELF; -kernel may reject it"
config=""
for f in "$modules/config" "$ktree/boot/config-$kver"; do
	[ -f "$f" ] && config=$f && break
done
[ -n "$config" ] || die "no kernel config for $kver in $ktree"
busybox=$bbtree/usr/bin/busybox
[ -x "$busybox" ] || busybox=$bbtree/bin/busybox
[ -x "$busybox" ] || die "no busybox binary in $bbtree"

cat >"$env_file.tmp" <<EOF
QS_SOURCE='$mirror $suite'
QS_KVER='$kver'
QS_KERNEL='$kernel'
QS_MODULES='$modules'
QS_KERNEL_CONFIG='$config'
QS_BUSYBOX='$busybox'
QS_KTREE='$ktree'
QS_BBTREE='$bbtree'
EOF
mv "$env_file.tmp" "$env_file"

# Drop trees and .debs of versions no longer current.
prune_trees "$cache/guest" "" "$ktree" "$bbtree"
# shellcheck disable=SC2086 # the .deb paths contain no spaces
prune_debs $kdebs "$bbdeb"
print_env
