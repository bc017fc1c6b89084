#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds a Debian riscv64 system disk (systemd, udev, networkd with DHCP, root without a
# password) as a raw ext4 image that Debian's kernel boots through the demo's initramfs:
# debootstrap's first stage unpacks the packages on the host, then Quicksilver itself boots the
# half-made system and runs the second stage (every maintainer script, under emulation).
# Usage: scripts/make-debian-image.sh OUT.img [--size 2G] [--include pkg1,pkg2] [--suite forky]
# Needs root (debootstrap), Debian's debootstrap and e2fsprogs, and a built qemu-system-riscv64
# (QS, default build/qemu-system-riscv64). Boot the result as README's "Run your own guest" says.
set -eu

die() {
	echo "make-debian-image: error: $*" >&2
	exit 1
}
here=$(cd "$(dirname "$0")" && pwd)
qs=${QS:-$here/../build/qemu-system-riscv64}
out=""
size=2G
suite=${QS_GUEST_SUITE:-forky}
mirror=${QS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
include=systemd-sysv,udev,iproute2,netbase,procps,kmod
while [ $# -gt 0 ]; do
	case $1 in
	--size) size=${2:?--size needs a value} && shift ;;
	--include) include="$include,${2:?--include needs a value}" && shift ;;
	--suite) suite=${2:?--suite needs a value} && shift ;;
	-h | --help)
		awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"
		exit 0
		;;
	-*) die "unknown option '$1' (try --help)" ;;
	*) [ -z "$out" ] || die "one output file only" && out=$1 ;;
	esac
	shift
done
[ -n "$out" ] || die "usage: $0 OUT.img [--size 2G] [--include pkg1,pkg2] [--suite forky]"
[ "$(id -u)" = 0 ] || die "debootstrap needs root"
command -v debootstrap >/dev/null || die "debootstrap not found (apt-get install debootstrap)"
mke2fs=$(command -v mke2fs || echo /sbin/mke2fs)
[ -x "$qs" ] || die "$qs not found (run make first, or set QS)"

eval "$("$here/fetch-guest.sh")"
cache=${QS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quicksilver}
initrd=$cache/demo-initrd.cpio.gz
"$here/make-initramfs.sh" "$initrd"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
root=$staging/root
# Debian 12's debootstrap has no script for the newer suites; sid's fits them all.
script=/usr/share/debootstrap/scripts/$suite
[ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
echo "make-debian-image: first stage: $suite from $mirror" >&2
debootstrap --foreign --arch=riscv64 --variant=minbase --include="$include" "$suite" "$root" \
	"$mirror" "$script" >"$staging/first.log" 2>&1 || {
	tail -5 "$staging/first.log" >&2
	die "debootstrap's first stage failed"
}
# The kernel's modules, as its package would install them (the system loads more than the
# initramfs did: netfilter, filesystems, ...).
mkdir -p "$root/usr/lib/modules"
cp -a "$QS_MODULES" "$root/usr/lib/modules/"

echo debian >"$root/etc/hostname"
echo "LABEL=debian / ext4 rw,errors=remount-ro 0 1" >"$root/etc/fstab"
mkdir -p "$root/etc/systemd/network"
printf '[Match]\nName=e*\n\n[Network]\nDHCP=yes\n' >"$root/etc/systemd/network/20-wired.network"
# The second stage runs as the guest's first process, then powers the guest off.
cat >"$root/qs-second-stage" <<'STAGE'
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
if /debootstrap/debootstrap --second-stage; then
	passwd -d root >/dev/null
	systemctl enable systemd-networkd >/dev/null 2>&1
	echo "QS-SECOND-STAGE-OK"
else
	echo "QS-SECOND-STAGE-FAILED"
	tail -20 /debootstrap/debootstrap.log 2>/dev/null
fi
rm -f /qs-second-stage
sync
mount -t proc proc /proc 2>/dev/null
echo o >/proc/sysrq-trigger
# the power-off runs asynchronously, and init must not exit before it (a panic)
while :; do sleep 1; done
STAGE
chmod 755 "$root/qs-second-stage"

rm -f "$out"
"$mke2fs" -q -F -t ext4 -L debian -d "$root" "$out" "$size"
rm -rf "$root"
echo "make-debian-image: second stage in the guest (several minutes)" >&2
"$qs" -M virt -m 1G -smp 2 -nographic -kernel "$QS_KERNEL" -initrd "$initrd" \
	-append "console=ttyS0 root=LABEL=debian rw init=/qs-second-stage" \
	-drive "file=$out,if=none,id=hd0,format=raw" -device virtio-blk-device,drive=hd0 \
	</dev/null >"$staging/second.log" 2>&1 || true
grep -q QS-SECOND-STAGE-OK "$staging/second.log" || {
	tail -30 "$staging/second.log" >&2
	die "the second stage failed in the guest (log above)"
}
echo "make-debian-image: $out ($suite, $size; root has no password)" >&2
