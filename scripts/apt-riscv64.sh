# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
# Shared code of scripts/fetch-guest.sh, scripts/fetch-7zip.sh and scripts/fetch-edk2.sh: Debian riscv64 packages through
# a private apt state (the host's apt is left alone), read from the signed index, downloaded and
# checked against it (size + SHA256), unpacked with dpkg-deb. Sourced, not run:
# `. "$(dirname "$0")/apt-riscv64.sh"`.
# Variables set: by fetch_start update (1 with --update), cache (QS_CACHE_DIR, the lock
#   $cache/.lock is shared by all fetchers), suite (QS_GUEST_SUITE), mirror (QS_DEBIAN_MIRROR);
#   keyring (Debian's archive keyring), log ($apt_dir/last.log: apt's last output); the functions'
#   scratch variables (POSIX sh has no local ones): pkg file size sum deb part dir stamp d ...
# Variables the script sets after fetch_start:
#   apt_dir   the private apt state: sources.list, status, lists/, cache/, last.log
#   debs_dir  where the verified .debs are kept
# Functions the script defines, for apt_update's fallback: cache_valid (an earlier fetch is
#   complete) and print_env (prints its shell assignments).
# Functions (none takes apt options: apt_run adds those of the private state):
#   fetch_start NAME HELP-END ARGS...   parses the script's ARGS (-h/--help prints lines 2 to
#                              HELP-END of its header comment), sets the variables above and NAME,
#                              the prefix of the messages of say MESSAGE and die MESSAGE (exit 1)
#   apt_prepare HINT TOOL...   checks the tools ("'TOOL' not found (HINT)") and the keyring, makes
#                              the directories, takes the lock (one fetcher at a time: tests may run
#                              in parallel and share the cache)
#   apt_run apt-get|apt-cache ARGS...   runs it on the private riscv64 state
#   apt_update WHAT WHERE      writes the apt state and reads the index; when that fails, prints the
#                              cached env (print_env) and exits 0 if cache_valid, else dies
#                              "..., and no cached WHAT in WHERE"
#   show [OPTIONS] PKG         the package's index records (apt-cache show)
#   field NAME                 one field of the first record on stdin
#   fetch PKG                  prints the path of its verified .deb in $debs_dir
#   unpack DIR DEB...          unpacks the debs into DIR once; the stamp lists their hashes
#   prune_debs DEB...          removes the other .debs of $debs_dir (of versions no longer current)
#   prune_trees DIR PREFIX KEEP...   removes the other unpacked trees DIR/PREFIX*/

# shellcheck disable=SC2154 # apt_dir, debs_dir: set by the sourcing script
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
# As root apt hands downloads to the _apt user, which cannot write into a home directory.
apt_sandbox=""
if [ "$(id -u)" = 0 ]; then apt_sandbox=-oAPT::Sandbox::User=root; fi

# shellcheck disable=SC2034 # update: read by the sourcing script
fetch_start() {
	fetch_name=$1
	_help_end=$2
	shift 2
	update=0
	for a in "$@"; do
		case $a in
		--update) update=1 ;;
		-h | --help)
			sed -n "2,${_help_end}s/^# \{0,1\}//p" "$0"
			exit 0
			;;
		*)
			echo "$fetch_name: unknown argument '$a' (try --help)" >&2
			exit 2
			;;
		esac
	done
	cache=${QS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quicksilver}
	suite=${QS_GUEST_SUITE:-forky}
	mirror=${QS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
}

say() { echo "$fetch_name: $*" >&2; }
die() {
	echo "$fetch_name: error: $*" >&2
	exit 1
}

apt_prepare() {
	log=$apt_dir/last.log
	_hint=$1
	shift
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found ($_hint)"
	done
	[ -r "$keyring" ] || die "$keyring missing: install the debian-archive-keyring package"
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$debs_dir"
	exec 9>"$cache/.lock"
	flock -w 1800 9 || die "timed out waiting for the lock on $cache/.lock"
}

apt_run() {
	_tool=$1
	shift
	"$_tool" -q -oAPT::Architecture=riscv64 -oAPT::Architectures=riscv64 \
		-oDir::State::Lists="$apt_dir/lists" -oDir::State::status="$apt_dir/status" \
		-oDir::Cache="$apt_dir/cache" -oDir::Etc::SourceList="$apt_dir/sources.list" \
		-oDir::Etc::SourceParts=/nonexistent -oDir::Etc::Preferences=/nonexistent \
		-oDir::Etc::PreferencesParts=/nonexistent -oAcquire::Retries=1 -oAcquire::http::Timeout=30 \
		-oAcquire::Languages=none ${apt_sandbox:+"$apt_sandbox"} "$@"
}

net_trouble() { grep -qi 'resolv\|connect\|unreachable\|timed out\|No route' "$log"; }

apt_update() {
	echo "deb [arch=riscv64 signed-by=$keyring] $mirror $suite main" >"$apt_dir/sources.list"
	: >"$apt_dir/status"
	say "reading the $suite riscv64 package index from $mirror"
	if ! apt_run apt-get update >"$log" 2>&1 || grep -q '^\(E\|W\): Failed to fetch\|^E:' "$log"; then
		reason="apt-get update failed"
		net_trouble && reason="no network: cannot reach $mirror"
		sed 's/^/  apt: /' "$log" | tail -n 5 >&2
		if cache_valid; then
			say "warning: $reason; using the cached $1"
			print_env
			exit 0
		fi
		die "$reason, and no cached $1 in $2"
	fi
}

show() {
	apt_run apt-cache show "$@" 2>/dev/null
}
field() {
	awk -v f="$1:" '$1 == f { sub(/^[^:]*: */, ""); print; exit }'
}

fetch() {
	pkg=$1
	uri=$(apt_run apt-get --print-uris download "$pkg" 2>/dev/null | tail -n 1)
	[ -n "$uri" ] || die "no download candidate for $pkg"
	# 'URL' FILENAME SIZE SHA256:HEX
	file=$(echo "$uri" | awk '{print $2}')
	size=$(echo "$uri" | awk '{print $3}')
	sum=$(echo "$uri" | awk '{print $4}')
	case $sum in SHA256:*) sum=${sum#SHA256:} ;; *) die "index gives no SHA256 for $pkg ($sum)" ;; esac
	deb=$debs_dir/$file
	if [ -f "$deb" ] && [ "$(wc -c <"$deb")" = "$size" ] &&
		[ "$(sha256sum "$deb" | cut -d' ' -f1)" = "$sum" ]; then
		echo "$deb"
		return
	fi
	say "downloading $pkg ($((size / 1024)) KiB)"
	part=$debs_dir/partial
	rm -rf "$part"
	mkdir -p "$part"
	if ! (cd "$part" && apt_run apt-get download "$pkg") >"$log" 2>&1; then
		sed 's/^/  apt: /' "$log" | tail -n 5 >&2
		net_trouble && die "no network: cannot download $pkg from $mirror"
		die "downloading $pkg failed"
	fi
	[ -f "$part/$file" ] || die "apt-get download did not produce $file"
	got_size=$(wc -c <"$part/$file")
	[ "$got_size" = "$size" ] || die "$file: size $got_size, the index says $size"
	got_sum=$(sha256sum "$part/$file" | cut -d' ' -f1)
	[ "$got_sum" = "$sum" ] || die "$file: SHA256 $got_sum, the index says $sum"
	mv "$part/$file" "$deb"
	rmdir "$part"
	echo "$deb"
}

unpack() {
	dir=$1
	shift
	stamp=$(for d in "$@"; do sha256sum "$d"; done | sed 's|  .*/|  |')
	if [ -f "$dir/.qs-complete" ] && [ "$(cat "$dir/.qs-complete")" = "$stamp" ]; then
		return
	fi
	say "unpacking into $dir"
	rm -rf "$dir.tmp" "$dir"
	mkdir -p "$dir.tmp"
	for d in "$@"; do dpkg-deb -x "$d" "$dir.tmp" || die "dpkg-deb -x $d failed"; done
	echo "$stamp" >"$dir.tmp/.qs-complete"
	mv "$dir.tmp" "$dir"
}

prune_debs() {
	for d in "$debs_dir"/*.deb; do
		[ -e "$d" ] || continue
		case " $* " in *" $d "*) ;; *) say "removing old $d" && rm -f "$d" ;; esac
	done
}

prune_trees() {
	dir=$1 prefix=$2
	shift 2
	for d in "$dir/$prefix"*/; do
		d=${d%/}
		[ -d "$d" ] || continue
		case " $* " in *" $d "*) ;; *) say "removing old $d" && rm -rf "$d" ;; esac
	done
}
