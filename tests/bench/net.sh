#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Network throughput and request latency through user networking (-netdev user on libslirp,
# virtio-net-device), Debian's riscv64 Linux under Quicksilver and Debian's QEMU in the same
# run: the guest (tests/bench/net-init.sh) downloads N MiB from an HTTP server on this host
# (host to guest), sends them back to a TCP sink (guest to host), and makes small HTTP requests
# one after another (each a busybox wget process in the guest, so the guest's process start
# counts). Prints MB/s and ms per request with the ratio (>1: we are faster). The bytes must
# arrive intact both ways (sha256 on both sides), or the row says so.
#
# Usage: tests/bench/net.sh [path/to/our/qemu-system-riscv64 [runs]]   (best of runs, alternating)
# Env: QS_BENCH_MB (MiB each way, 32), QS_BENCH_REQ (requests, 50),
#      QS_BENCH_TIMEOUT (seconds one boot may take, 900), QS_BIOS, QS_BENCH_KEEP=1.
set -eu
bench_name=net
bench_timeout=${QS_BENCH_TIMEOUT:-900}
mb=${QS_BENCH_MB:-32}
req=${QS_BENCH_REQ:-50}
runs=${2:-1}
. "$(dirname "$0")/lib.sh"
bench_setup "${1:-build/qemu-system-riscv64}"
here=$(cd "$(dirname "$0")" && pwd)
"$scripts/make-initramfs.sh" "$tmp/initrd.cpio.gz" --init "$here/net-init.sh" 2>"$tmp/mkinitrd.log" || {
	cat "$tmp/mkinitrd.log" >&2
	bench_die "make-initramfs.sh failed"
}

# The host's side: HTTP (/bulk: N MiB of fixed pseudo-random bytes, /small: 100 bytes) and a
# TCP sink that reads N MiB and answers their sha256. It prints its two ports, then serves.
python3 - "$mb" >"$tmp/ports" 2>"$tmp/server.log" <<'PYEOF' &
import hashlib, http.server, random, socket, sys, threading
size = int(sys.argv[1]) << 20
bulk = random.Random(7).randbytes(size)
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.0'
    def do_GET(self):
        body = bulk if self.path == '/bulk' else b'x' * 100
        self.send_response(200)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), H)
sink = socket.create_server(('127.0.0.1', 0))
def take(c):
    h, got = hashlib.sha256(), 0
    while got < size:
        d = c.recv(1 << 20)
        if not d:
            break
        h.update(d)
        got += len(d)
    c.sendall(h.hexdigest().encode() + b'\n')
    c.close()
def sink_loop():
    while True:
        threading.Thread(target=take, args=(sink.accept()[0],), daemon=True).start()
threading.Thread(target=sink_loop, daemon=True).start()
print(httpd.server_address[1], sink.getsockname()[1], hashlib.sha256(bulk).hexdigest(), flush=True)
httpd.serve_forever()
PYEOF
server=$!
trap 'kill $server 2>/dev/null; bench_cleanup' EXIT
i=0
while [ ! -s "$tmp/ports" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
read -r port sink want <"$tmp/ports" || bench_die "the host server did not start: $(cat "$tmp/server.log")"

# run LABEL BINARY: one boot; LABEL.rates gets MB/s lines, LABEL.times ms per request.
run() {
	_l=$tmp/$1
	: >"$_l.bad"
	echo "$bench_name: ${1%-*} ($2), run ${1##*-} of $runs" >&2
	rc=0
	bench_boot "$_l.log" "$tmp/initrd.cpio.gz" \
		"console=ttyS0 quiet qs.port=$port qs.sink=$sink qs.mb=$mb qs.req=$req" "$2" \
		-netdev user,id=n0 -device virtio-net-device,netdev=n0 || rc=$?
	grep -q '^QS-BENCH-DONE' "$_l.log" || echo "boot: $(bench_why "$rc" "$_l.log")" >>"$_l.bad"
	bench_markers "$_l.log" QS-BENCH | awk -v mb="$mb" '$2 != "requests" {
		printf "%s %.2f\n", $2, mb * 1048576 / 1e6 / ($3 > 0 ? $3 : 0.001) }' >"$_l.rates"
	bench_markers "$_l.log" QS-BENCH | awk -v n="$req" '$2 == "requests" {
		printf "request %.2f\n", 1000 * $3 / n }' >"$_l.times"
	bench_markers "$_l.log" QS-SUM | while read -r _ what sum; do
		[ "$sum" = "$want" ] || echo "$what: sha256 $sum, sent $want" >>"$_l.bad"
	done
	bench_markers "$_l.log" QS-BENCH-FAIL >>"$_l.bad"
	bench_report "$1" 10
}

bench_runs
status=0
for e in $emulators; do
	bench_best max "$tmp/$e"-*.rates >"$tmp/$e.rates"
	bench_best min "$tmp/$e"-*.times >"$tmp/$e.times"
done
: >"$tmp/notes"
echo
echo "user networking (libslirp) in Linux $QS_KVER, -smp 1, virtio-net-device; $mb MiB each way,"
echo "$req requests; by the guest's clock, best of $runs run(s). Throughput, MB/s:"
bench_table rate "$tmp/quicksilver.rates" "$tmp/qemu.rates" "$tmp/notes" download upload || status=1
echo "Milliseconds per small HTTP request (a busybox wget process each):"
bench_table time "$tmp/quicksilver.times" "$tmp/qemu.times" "$tmp/notes" request || status=1
bench_problems || status=1
exit "$status"
