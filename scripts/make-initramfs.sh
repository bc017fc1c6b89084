#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds a gzip'd newc initramfs for Debian's riscv64 kernel: busybox-static (its applet links are
# made at boot by `busybox --install -s`), the kernel modules a QEMU virt machine needs (virtio_mmio,
# virtio_blk, virtio-rng, virtio_net, ext4, nvme and all they need, from each module's modinfo "depends" and
# "softdep"), decompressed so busybox's insmod loads them, and an init:
#   default  interactive: mounts proc/sys/dev, loads the modules, prints a banner, runs a shell on
#            the console (setsid cttyhack sh), powers off when the shell exits; with root= on
#            the kernel command line (and rootfstype=, rw, init=) it mounts that instead and
#            switch_roots to its init, so Debian's kernel boots a root disk of your own
#   --test   the boot test's: prints QS-BOOT-OK, QS-CPUS=n, QS-ISA:, QS-MODULES-OK, QS-RNG-OK
#            (64 bytes from /dev/hwrng), QS-DISK-OK (ext4 on qs.disk=, default /dev/vda: checks
#            qs/data.txt's sha256
#            against qs.sum= from the kernel command line, writes qs/guest.txt holding
#            "qs.token=<qs.token= value>", syncs, unmounts), QS-PCI: lines (bdf, vendor,
#            device, class, driver of each PCI function), QS-IRQ: lines (controller, line,
#            trigger and name of each device interrupt, used or unused), QS-DONE, then
#            `poweroff -f`; with qs.net=PORT also QS-NET-IP:, QS-NET-FETCH-OK (a file from the
#            host's server at 10.0.2.2:PORT matches qs.netsum=), QS-NET-PING-OK (the gateway
#            answers), QS-NET-TFTP-OK (the same file by TFTP from 10.0.2.2), QS-NET-SERVING
#            (httpd on :80 serves "token"), QS-NET-OK (the host then served /done);
#            each failure prints QS-FAIL: <why>
#   --init F your own /init (it may source /etc/qs-common.sh for the mounts and modules)
# Usage: scripts/make-initramfs.sh OUT.cpio.gz [--test | --init FILE] [--modules "m1 m2 ..."]
# An archive already at OUT built from the same inputs is kept (OUT.inputs records them).
# Guest files come from scripts/fetch-guest.sh. Needs cpio (GNU, from Debian), xz, gzip.
set -eu

die() {
	echo "make-initramfs: error: $*" >&2
	exit 1
}
usage() {
	awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0" >&2
	exit 2
}

out=""
init_file=""
mode=interactive
modules="virtio_mmio virtio_blk virtio-rng virtio_net ext4 nvme"
while [ $# -gt 0 ]; do
	case $1 in
	--test) mode='test' ;;
	--init)
		[ $# -ge 2 ] || usage
		init_file=$2
		mode=custom
		shift
		;;
	--modules)
		[ $# -ge 2 ] || usage
		modules="$modules $2"
		shift
		;;
	-h | --help) usage ;;
	-*) die "unknown option '$1' (try --help)" ;;
	*)
		[ -z "$out" ] || usage
		out=$1
		;;
	esac
	shift
done
[ -n "$out" ] || usage
[ -z "$init_file" ] || [ -r "$init_file" ] || die "cannot read init file '$init_file'"
for tool in cpio gzip xz; do
	command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (scripts/install-deps.sh installs it)"
done

guest=$("$(dirname "$0")/fetch-guest.sh") || die "could not fetch the guest kernel and busybox (see above)"
eval "$guest"

# Content-addressed reuse: the same script, init, modules and guest packages (their trees are
# named by package version) give the same archive, so a second run keeps the first one's.
inputs=$( (cat "$0" ${init_file:+"$init_file"}; echo "$mode|$modules|$QS_KTREE|$QS_BBTREE") |
	sha256sum | cut -d' ' -f1)
if [ -f "$out" ] && [ -f "$out.inputs" ] &&
	[ "$(cat "$out.inputs")" = "$inputs $(sha256sum <"$out" | cut -d' ' -f1)" ]; then
	echo "make-initramfs: $out is up to date (same inputs)" >&2
	exit 0
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
root=$staging/root
mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/dev" "$root/proc" \
	"$root/sys" "$root/tmp" "$root/mnt" "$root/root" "$root/etc" "$root/lib/modules/$QS_KVER"
cp "$QS_BUSYBOX" "$root/bin/busybox"
chmod 755 "$root/bin/busybox"

# --- modules -----------------------------------------------------------------------------------
# Index: normalized name (dashes as underscores) -> path relative to the modules dir.
(cd "$QS_MODULES" && find kernel -name '*.ko' -o -name '*.ko.xz' -o -name '*.ko.zst' -o -name '*.ko.gz') |
	awk '{ n = $0; sub(/.*\//, "", n); sub(/\.ko(\.(xz|zst|gz))?$/, "", n); gsub(/-/, "_", n); print n, $0 }' \
		>"$staging/index"
builtin=$QS_MODULES/modules.builtin

unpack_ko() { # unpack_ko PATH-IN-MODULES-DIR > plain .ko
	case $1 in
	*.xz) xz -dc "$QS_MODULES/$1" ;;
	*.zst) zstd -dcq "$QS_MODULES/$1" ;;
	*.gz) gzip -dc "$QS_MODULES/$1" ;;
	*) cat "$QS_MODULES/$1" ;;
	esac
}

: >"$staging/order"
norm() { echo "$1" | tr - _; }
mod_path() { awk -v n="$(norm "$1")" '$1 == n { print $2; exit }' "$staging/index"; }
plain() { echo "$1" | sed 's/\.\(xz\|zst\|gz\)$//'; } # kernel/x/y.ko.xz -> kernel/x/y.ko
resolve_alias() { # resolve_alias NAME: the module NAME is or is an alias of (crypto/lib ones only)
	if [ -n "$(mod_path "$1")" ]; then
		echo "$1"
		return
	fi
	grep -q "^$1 " "$staging/aliases" 2>/dev/null || (cd "$QS_MODULES" &&
		find kernel/crypto kernel/lib kernel/arch -name '*.ko*' 2>/dev/null | while read -r f; do
			unpack_ko "$f" | tr '\0' '\n' | grep -qx "alias=$1" && echo "$1 $(basename "${f%%.ko*}")" && break
		done
		echo "$1 ") >>"$staging/aliases"
	awk -v a="$1" '$1 == a && $2 != "" { print $2; exit }' "$staging/aliases"
}
modinfo() { # modinfo NAME FIELD: a field of the staged module's .modinfo
	tr '\0' '\n' <"$root/lib/modules/$QS_KVER/$(plain "$(mod_path "$1")")" | sed -n "s/^$2=//p" | head -n 1
}
add_module() { # add_module NAME: stages NAME after its dependencies (depth first)
	# POSIX sh has no local variables: everything is recomputed from $1 after the recursion.
	grep -qx "$(norm "$1")" "$staging/order" && return 0
	path=$(mod_path "$1")
	if [ -z "$path" ]; then
		# Built into the kernel: nothing to load.
		if tr - _ <"$builtin" | grep -q "/$(norm "$1")\.ko\$"; then return 0; fi
		die "module '$1' is neither in $QS_MODULES/kernel nor built in"
	fi
	ko=$root/lib/modules/$QS_KVER/$(plain "$path")
	mkdir -p "$(dirname "$ko")"
	unpack_ko "$path" >"$ko"
	for d in $(modinfo "$1" depends | tr , ' '); do
		add_module "$d"
	done
	# Soft dependencies (jbd2 wants "crypto-crc32c") are loaded first too, as modprobe would.
	for d in $(modinfo "$1" softdep | sed 's/\(pre\|post\)://g'); do
		a=$(resolve_alias "$d")
		if [ -n "$a" ]; then
			add_module "$a"
		else
			echo "make-initramfs: note: $1 soft-depends on '$d', not a module here (built in?)" >&2
		fi
	done
	norm "$1" >>"$staging/order"
	# busybox modprobe reads modules.dep: keep it working in the interactive shell.
	ko=$(plain "$(mod_path "$1")")
	line="$ko:"
	for d in $(modinfo "$1" depends | tr , ' '); do
		line="$line $(plain "$(mod_path "$d")")"
	done
	echo "$line" >>"$root/lib/modules/$QS_KVER/modules.dep"
}
for m in $modules; do add_module "$m"; done
# Paths in load order: the init loads them with insmod, so it needs no modules.dep.
while read -r n; do
	echo "/lib/modules/$QS_KVER/$(plain "$(mod_path "$n")")"
done <"$staging/order" >"$root/etc/modules.load"
cp "$builtin" "$QS_MODULES/modules.order" "$root/lib/modules/$QS_KVER/"
[ -f "$QS_MODULES/modules.builtin.modinfo" ] && cp "$QS_MODULES/modules.builtin.modinfo" "$root/lib/modules/$QS_KVER/"

# --- init --------------------------------------------------------------------------------------
# Common start: mounts, console, applet links, modules. Sourced by both built-in inits.
cat >"$root/etc/qs-common.sh" <<'EOF'
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
hostname quicksilver
qs_arg() { # qs_arg NAME: the value of NAME= on the kernel command line
	for a in $(cat /proc/cmdline); do
		case $a in "$1"=*) echo "${a#*=}" && return 0 ;; esac
	done
	return 1
}
qs_uptime() { # the guest's uptime in seconds, for timing
	read -r up _ </proc/uptime
	echo "$up"
}
qs_timed() { # qs_timed NAME COMMAND...: QS-BENCH-START NAME t0, then QS-BENCH NAME seconds
	qs_name=$1
	shift
	qs_t0=$(qs_uptime)
	echo "QS-BENCH-START $qs_name $qs_t0"
	if "$@"; then
		echo "QS-BENCH $qs_name $(awk "BEGIN { printf \"%.3f\", $(qs_uptime) - $qs_t0 }")"
	else
		echo "QS-BENCH-FAIL $qs_name exit status $?"
	fi
}
qs_modules_ok=1
while read -r m; do
	insmod "$m" || { echo "QS-FAIL: insmod $m"; qs_modules_ok=0; }
done </etc/modules.load
EOF

# DHCP client script for busybox udhcpc: configures the interface it got a lease for.
cat >"$root/etc/udhcpc.sh" <<'EOF'
#!/bin/sh
case $1 in
bound | renew)
	ip addr add "$ip/$mask" dev "$interface"
	[ -n "$router" ] && ip route add default via "$router"
	[ -n "$dns" ] && echo "nameserver $dns" >/etc/resolv.conf
	;;
esac
exit 0
EOF
chmod 755 "$root/etc/udhcpc.sh"

if [ "$mode" = custom ]; then
	cp "$init_file" "$root/init"
elif [ "$mode" = interactive ]; then
	cat >"$root/init" <<'EOF'
#!/bin/busybox sh
# Interactive init of the Quicksilver demo: a busybox shell on the console, or with root= on
# the kernel command line, your own root file system, handed over as any initramfs does.
. /etc/qs-common.sh
if root=$(qs_arg root); then
	case $root in LABEL=* | UUID=*) root=$(findfs "$root") ;; esac
	n=0
	while [ ! -b "$root" ] && [ $n -lt 20 ]; do sleep 0.25 && n=$((n + 1)); done
	mode=ro
	grep -qw rw /proc/cmdline && mode=rw
	fstype=$(qs_arg rootfstype) || fstype=auto
	mkdir -p /newroot
	if mount -t "$fstype" -o "$mode" "$root" /newroot; then
		init=$(qs_arg init) || init=/sbin/init
		umount /dev/pts /tmp
		mount --move /dev /newroot/dev 2>/dev/null || umount /dev
		umount /proc /sys
		exec switch_root /newroot "$init"
	fi
	echo "QS: cannot mount root=$root ($fstype, $mode); here is the initramfs shell instead."
fi
if [ -b /dev/vda ]; then
	mount /dev/vda /mnt 2>/dev/null && disk="/dev/vda is mounted on /mnt" || disk="/dev/vda is there (not mounted)"
else
	disk="no virtio disk"
fi
cat <<BANNER

  Quicksilver demo: Debian's Linux $(uname -r) on $(uname -m)
  $(grep -c '^processor' /proc/cpuinfo) CPU(s), $(awk '/MemTotal/ { print int($2 / 1024) " MiB" }' /proc/meminfo) RAM; modules: $(cut -d' ' -f1 /proc/modules | tr '\n' ' ')
  hwrng: $(cat /sys/class/misc/hw_random/rng_current 2>/dev/null || echo none); $disk
  isa: $(sed -n 's/^isa[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  Try: cat /proc/cpuinfo, dmesg, head -c 16 /dev/hwrng | hexdump -C. exit powers off (Ctrl-A x quits at once).

BANNER
export PS1='qs:\w# '
setsid cttyhack sh
echo "Shell exited; powering off."
grep -q ' /mnt ' /proc/mounts && umount /mnt
sync
poweroff -f
EOF
else
	cat >"$root/init" <<'EOF'
#!/bin/busybox sh
# Boot-test init: proves the machine works and reports through markers on the console.
. /etc/qs-common.sh
fail() { echo "QS-FAIL: $*"; }
echo "QS-BOOT-OK $(uname -r)"
echo "QS-CPUS=$(grep -c '^processor' /proc/cpuinfo)"
echo "QS-ISA: $(sed -n 's/^isa[[:space:]]*: //p' /proc/cpuinfo | head -n 1) $(sed -n 's/^mmu[[:space:]]*: /mmu=/p' /proc/cpuinfo | head -n 1)"
[ "$qs_modules_ok" = 1 ] && echo "QS-MODULES-OK"

# Entropy from the virtio-rng device.
i=0
while [ ! -c /dev/hwrng ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
rng=$(cat /sys/class/misc/hw_random/rng_current 2>/dev/null || echo none)
n=$(timeout 60 head -c 64 /dev/hwrng 2>/dev/null | wc -c)
if [ "$n" = 64 ]; then
	echo "QS-RNG-OK ($rng: $(head -c 8 /dev/hwrng | hexdump -v -e '8/1 "%02x"'))"
else
	fail "read $n of 64 bytes from /dev/hwrng (rng: $rng)"
fi

# The disk (qs.disk=, default the virtio-blk /dev/vda): read a file, check it, write one back.
disk_test() {
	disk=$(qs_arg qs.disk) || disk=/dev/vda
	i=0
	while [ ! -b "$disk" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	[ -b "$disk" ] || { fail "no $disk" && return; }
	want=$(qs_arg qs.sum) || { fail "no qs.sum= on the command line" && return; }
	file=$(qs_arg qs.file) || file=qs/data.txt
	mount -t ext4 "$disk" /mnt || { fail "mount -t ext4 $disk" && return; }
	got=$(sha256sum "/mnt/$file" | cut -d' ' -f1)
	if [ "$got" != "$want" ]; then
		fail "sha256 of /$file is $got, want $want"
		umount /mnt
		return
	fi
	out=$(qs_arg qs.out) || out=qs/guest.txt
	echo "qs.token=$(qs_arg qs.token)" >"/mnt/$out" || { fail "write /$out" && umount /mnt && return; }
	sync
	umount /mnt || { fail "umount /mnt" && return; }
	echo "QS-DISK-OK"
}
disk_test
# The network (qs.net=PORT): DHCP, a file from the host's server at 10.0.2.2:PORT checked
# against qs.netsum=, then a server of our own on port 80 that the host reaches through its
# forwarded port; the host says it is done by serving /done.
net_test() {
	port=$(qs_arg qs.net) || return 0
	ip link set lo up
	i=0
	while ! ip link set eth0 up 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	udhcpc -i eth0 -s /etc/udhcpc.sh -q -n -t 20 -T 1 >/dev/null 2>&1 || { fail "udhcpc on eth0" && return; }
	echo "QS-NET-IP: $(ip -4 -o addr show eth0 | awk '{ print $4 }') via $(ip route | awk '/^default/ { print $3 }') dns $(awk '{ print $2 }' /etc/resolv.conf)"
	ping -c 1 -W 10 10.0.2.2 >/dev/null 2>&1 && echo "QS-NET-PING-OK" || fail "ping 10.0.2.2"
	got=$(wget -q -O - "http://10.0.2.2:$port/data" | sha256sum | cut -d' ' -f1)
	[ "$got" = "$(qs_arg qs.netsum)" ] || { fail "wget http://10.0.2.2:$port/data: sha256 $got" && return; }
	echo "QS-NET-FETCH-OK"
	# UDP: the same file from the TFTP server -netdev user runs on tftp=
	got=$(cd /tmp && tftp -g -r data -l tftp.data 10.0.2.2 >/dev/null 2>&1 && sha256sum tftp.data | cut -d' ' -f1)
	[ "$got" = "$(qs_arg qs.netsum)" ] && echo "QS-NET-TFTP-OK" || fail "tftp from 10.0.2.2: $got"
	mkdir -p /tmp/www && echo "qs.token=$(qs_arg qs.token)" >/tmp/www/token
	httpd -p 80 -h /tmp/www || { fail "httpd" && return; }
	echo "QS-NET-SERVING"
	i=0
	while ! wget -q -O /dev/null "http://10.0.2.2:$port/done" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	[ $i -lt 300 ] && echo "QS-NET-OK" || fail "the host never fetched our token"
}
net_test
# What Linux sees on PCI, to compare with another emulator's run of the same command line.
for d in /sys/bus/pci/devices/*; do
	[ -e "$d" ] || continue
	drv=none
	[ -e "$d/driver" ] && drv=$(basename "$(readlink "$d/driver")")
	echo "QS-PCI: $(basename "$d") $(cat "$d/vendor" "$d/device" "$d/class" | tr '\n' ' ')$drv"
done
# Which interrupt controller delivers each device's interrupts, and whether any arrived.
awk 'NR == 1 { n = NF; next }
     $0 ~ /virtio|ttyS|nvme|eth/ { c = 0; for (i = 2; i <= n + 1; i++) c += $i; out = ""
	for (i = n + 2; i <= NF; i++) out = out " " $i
	print "QS-IRQ:" out (c > 0 ? " used" : " unused") }' /proc/interrupts
echo "QS-DONE"
poweroff -f
EOF
fi
chmod 755 "$root/init"

mkdir -p "$(dirname "$out")"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9 -n >"$out.tmp.$$"
mv "$out.tmp.$$" "$out"
echo "$inputs $(sha256sum <"$out" | cut -d' ' -f1)" >"$out.inputs"
echo "make-initramfs: $out ($mode init; modules: $(tr '\n' ' ' <"$staging/order"| sed 's/ $//'); kernel $QS_KVER)" >&2
