#!/bin/sh
# Fetches the Linux guest the boot test and the demo run: Debian's riscv64 kernel (+ modules) and
# busybox-static, downloaded with apt into a private apt state (the host's apt is left alone),
# checked against the signed index (size + SHA256), unpacked into the cache, reused when valid.
# Prints shell assignments on stdout, for `eval "$(scripts/fetch-guest.sh)"`:
#   QS_KVER QS_KERNEL (the bootable Image) QS_MODULES QS_KERNEL_CONFIG QS_BUSYBOX QS_FIRMWARE (+ more)
# Usage: scripts/fetch-guest.sh [--update]   (--update: re-read the index, fetch a newer kernel)
# Env: QS_CACHE_DIR (default ${XDG_CACHE_HOME:-~/.cache}/quicksilver), QS_GUEST_SUITE (forky),
#      QS_DEBIAN_MIRROR (http://deb.debian.org/debian).
set -eu

update=0
for a in "$@"; do
	case $a in
	--update) update=1 ;;
	-h | --help)
		sed -n '2,10s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*)
		echo "fetch-guest: unknown argument '$a' (try --help)" >&2
		exit 2
		;;
	esac
done

cache=${QS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quicksilver}
suite=${QS_GUEST_SUITE:-forky}
mirror=${QS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
apt_dir=$cache/apt
env_file=$cache/guest/current.env

say() { echo "fetch-guest: $*" >&2; }
die() {
	echo "fetch-guest: error: $*" >&2
	exit 1
}

for tool in apt-get apt-cache dpkg-deb sha256sum flock; do
	command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (this script needs Debian's apt/dpkg)"
done
[ -r "$keyring" ] || die "$keyring missing: install the debian-archive-keyring package"

mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$cache/debs" "$cache/guest"
# One fetcher at a time: tests may run in parallel and share the cache.
exec 9>"$cache/.lock"
flock -w 1800 9 || die "timed out waiting for the lock on $cache/.lock"

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

# --- private apt state -------------------------------------------------------------------------
echo "deb [arch=riscv64 signed-by=$keyring] $mirror $suite main" >"$apt_dir/sources.list"
: >"$apt_dir/status"
set -- -q -oAPT::Architecture=riscv64 -oAPT::Architectures=riscv64 \
	-oDir::State::Lists="$apt_dir/lists" -oDir::State::status="$apt_dir/status" \
	-oDir::Cache="$apt_dir/cache" -oDir::Etc::SourceList="$apt_dir/sources.list" \
	-oDir::Etc::SourceParts=/nonexistent -oDir::Etc::Preferences=/nonexistent \
	-oDir::Etc::PreferencesParts=/nonexistent -oAcquire::Retries=1 -oAcquire::http::Timeout=30 \
	-oAcquire::Languages=none
# As root apt hands downloads to the _apt user, which cannot write into a home directory.
[ "$(id -u)" = 0 ] && set -- "$@" -oAPT::Sandbox::User=root

log=$cache/apt/last.log
say "reading the $suite riscv64 package index from $mirror"
if ! apt-get "$@" update >"$log" 2>&1 || grep -q '^\(E\|W\): Failed to fetch\|^E:' "$log"; then
	if grep -qi 'resolv\|connect\|unreachable\|timed out\|No route' "$log"; then
		reason="no network: cannot reach $mirror"
	else
		reason="apt-get update failed"
	fi
	sed 's/^/  apt: /' "$log" | tail -n 5 >&2
	if cache_valid; then
		say "warning: $reason; using the cached guest"
		print_env
		exit 0
	fi
	die "$reason, and no cached guest in $cache"
fi

show() { # show PKG APT-OPTIONS...: the package's index records
	pkg=$1
	shift
	apt-cache "$@" show "$pkg" 2>/dev/null
}
field() { # field NAME: one field of the candidate's record, from stdin
	awk -v f="$1:" '$1 == f { sub(/^[^:]*: */, ""); print; exit }'
}
depends_of() { # depends_of PKG APT-OPTIONS...: the package names in its Depends line
	show "$@" | field Depends | sed 's/[,|]/\n/g' | sed 's/(.*)//; s/ //g' | sed '/^$/d'
}

# The current kernel: linux-image-riscv64 depends on linux-image-<kver>; that package either
# holds the kernel (older layout) or depends on linux-{binary,modules,base}-<kver> (newer layout).
image=$(depends_of linux-image-riscv64 "$@" | grep '^linux-image-' | head -n 1) ||
	die "no linux-image-riscv64 in the $suite index"
[ -n "$image" ] || die "linux-image-riscv64 names no linux-image-<version> package"
kver=${image#linux-image-}
kver=${kver%-unsigned}
pkgs="$image $(depends_of "$image" "$@" | grep -- "-$kver\$" | grep '^linux-' | grep -v "^$image\$" | tr '\n' ' ' || true)"
kdebver=$(show "$image" "$@" | field Version)
say "kernel $kver (package $kdebver): $pkgs"

# --- download + verify -------------------------------------------------------------------------
fetch() { # fetch PKG APT-OPTIONS...: prints the path of its verified .deb in the cache
	pkg=$1
	shift
	uri=$(apt-get "$@" --print-uris download "$pkg" 2>/dev/null | tail -n 1)
	[ -n "$uri" ] || die "no download candidate for $pkg"
	# 'URL' FILENAME SIZE SHA256:HEX
	file=$(echo "$uri" | awk '{print $2}')
	size=$(echo "$uri" | awk '{print $3}')
	sum=$(echo "$uri" | awk '{print $4}')
	case $sum in SHA256:*) sum=${sum#SHA256:} ;; *) die "index gives no SHA256 for $pkg ($sum)" ;; esac
	deb=$cache/debs/$file
	if [ -f "$deb" ] && [ "$(wc -c <"$deb")" = "$size" ] &&
		[ "$(sha256sum "$deb" | cut -d' ' -f1)" = "$sum" ]; then
		echo "$deb"
		return
	fi
	say "downloading $pkg ($((size / 1024)) KiB)"
	tmp=$cache/debs/partial
	rm -rf "$tmp"
	mkdir -p "$tmp"
	if ! (cd "$tmp" && apt-get "$@" download "$pkg") >"$log" 2>&1; then
		sed 's/^/  apt: /' "$log" | tail -n 5 >&2
		if grep -qi 'resolv\|connect\|unreachable\|timed out\|No route' "$log"; then
			die "no network: cannot download $pkg from $mirror"
		fi
		die "downloading $pkg failed"
	fi
	[ -f "$tmp/$file" ] || die "apt-get download did not produce $file"
	got_size=$(wc -c <"$tmp/$file")
	[ "$got_size" = "$size" ] || die "$file: size $got_size, the index says $size"
	got_sum=$(sha256sum "$tmp/$file" | cut -d' ' -f1)
	[ "$got_sum" = "$sum" ] || die "$file: SHA256 $got_sum, the index says $sum"
	mv "$tmp/$file" "$deb"
	rmdir "$tmp"
	echo "$deb"
}

unpack() { # unpack DIR DEB...: unpacks the debs into DIR once; the stamp lists their hashes
	dir=$1
	shift
	stamp=$(for d in "$@"; do sha256sum "$d"; done | sed 's|  .*/|  |')
	if [ -f "$dir/.qs-complete" ] && [ "$(cat "$dir/.qs-complete")" = "$stamp" ]; then
		return
	fi
	say "unpacking into $dir"
	rm -rf "$dir.tmp" "$dir"
	mkdir -p "$dir.tmp"
	for d in "$@"; do dpkg-deb -x "$d" "$dir.tmp"; done
	echo "$stamp" >"$dir.tmp/.qs-complete"
	mv "$dir.tmp" "$dir"
}

kdebs=""
for p in $pkgs; do
	kdebs="$kdebs $(fetch "$p" "$@")"
done
bbdeb=$(fetch busybox-static "$@")
bbver=$(show busybox-static "$@" | field Version)

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
for d in "$cache"/guest/*/; do
	d=${d%/}
	[ "$d" = "$ktree" ] || [ "$d" = "$bbtree" ] || { say "removing old $d" && rm -rf "$d"; }
done
for d in "$cache"/debs/*.deb; do
	[ -e "$d" ] || continue
	case " $kdebs $bbdeb " in *" $d "*) ;; *) say "removing old $d" && rm -f "$d" ;; esac
done
print_env
