// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of frames over host sockets (net/socket-io.c), the layer under the socket,
 * stream and dgram netdevs, on socket pairs with a test NIC as the peer: stream frames split
 * at every point arrive whole and in order, a NIC that cannot take frames stops the reading
 * (nothing dropped) until it can, frames for a peer that reads late wait and arrive intact,
 * an impossible length closes the connection, datagrams are one frame each, and a fuzz of
 * hostile byte streams never crashes nor delivers anything but the well-formed prefix.
 */
#include "qemu/osdep.h"
#include "net/socket-io.h"
#include "qemu/main-loop.h"
#include <sys/socket.h>
#include <netinet/in.h>
#include <poll.h>
#include "qemu/option.h"

typedef struct Fixture {
	NetClientState *nic, *backend;
	NetSocketIO io;
	int other;	/* the far end of the socket pair */
	GPtrArray *got; /* GByteArray * frames the NIC took */
	bool nic_full;
	int disconnects;
} Fixture;

static ssize_t nic_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
	Fixture *f = nc->opaque;
	GByteArray *b = g_byte_array_new();

	g_byte_array_append(b, buf, len);
	g_ptr_array_add(f->got, b);
	return len;
}

static bool nic_can_receive(NetClientState *nc)
{
	return !((Fixture *)nc->opaque)->nic_full;
}

static const NetClientInfo nic_info = {
	.type = "nic",
	.receive = nic_receive,
	.can_receive = nic_can_receive,
};

static const NetClientInfo backend_info = {
	.type = "test",
	.receive = net_socket_io_receive,
	.peer_ready = net_socket_io_peer_ready,
};

static void disconnected(NetSocketIO *io)
{
	((Fixture *)io->opaque)->disconnects++;
}

static void setup(Fixture *f, bool stream)
{
	int sv[2];

	memset(f, 0, sizeof(*f));
	g_assert_cmpint(socketpair(AF_UNIX, stream ? SOCK_STREAM : SOCK_DGRAM, 0, sv), ==, 0);
	f->got = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	f->nic = qemu_new_net_client(&nic_info, "nic", f);
	f->backend = qemu_new_net_client(&backend_info, "be", &f->io);
	qemu_net_connect(f->nic, f->backend);
	f->io.fd = -1;
	f->io.opaque = f;
	f->io.disconnected = disconnected;
	net_socket_io_start(&f->io, f->backend, sv[0], stream);
	f->other = sv[1];
	fcntl(f->other, F_SETFL, O_NONBLOCK);
}

static void teardown(Fixture *f)
{
	net_socket_io_stop(&f->io);
	qemu_del_net_client(f->nic);
	qemu_del_net_client(f->backend);
	close(f->other);
	g_ptr_array_free(f->got, TRUE);
}

static void pump(void)
{
	for (int i = 0; i < 20; i++)
		main_loop_wait(0);
}

static GByteArray *frame(GRand *r, unsigned len)
{
	GByteArray *b = g_byte_array_sized_new(len);

	for (unsigned i = 0; i < len; i++) {
		uint8_t c = g_rand_int(r);

		g_byte_array_append(b, &c, 1);
	}
	return b;
}

static void put_framed(GByteArray *wire, const GByteArray *f)
{
	uint8_t hdr[4] = { f->len >> 24, f->len >> 16, f->len >> 8, f->len };

	g_byte_array_append(wire, hdr, 4);
	g_byte_array_append(wire, f->data, f->len);
}

/* Writes wire to the far end in chunks of 1..maxchunk bytes, pumping the loop between. */
static void feed(Fixture *f, GRand *r, const GByteArray *wire, unsigned maxchunk)
{
	for (guint off = 0; off < wire->len;) {
		guint n = g_rand_int_range(r, 1, maxchunk + 1);
		ssize_t w;

		n = MIN(n, wire->len - off);
		w = write(f->other, wire->data + off, n);
		if (w > 0)
			off += w;
		else if (errno == EPIPE)
			break; /* the reader closed the connection (a bad length) */
		pump();
	}
	pump();
}

static void assert_frames(Fixture *f, GPtrArray *want)
{
	g_assert_cmpuint(f->got->len, ==, want->len);
	for (guint i = 0; i < want->len; i++) {
		GByteArray *a = g_ptr_array_index(f->got, i), *b = g_ptr_array_index(want, i);

		g_assert_cmpmem(a->data, a->len, b->data, b->len);
	}
}

static void test_stream_split(void)
{
	GRand *r = g_rand_new_with_seed(1);
	GPtrArray *want = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	GByteArray *wire = g_byte_array_new();
	Fixture f;

	setup(&f, true);
	for (int i = 0; i < 200; i++) {
		/* zero-length frames are no frames: QEMU skips them too */
		GByteArray *b = frame(r, i % 50 == 0 ? NET_BUFSIZE : g_rand_int_range(r, 1, 1600));

		put_framed(wire, b);
		g_ptr_array_add(want, b);
	}
	feed(&f, r, wire, 3000);
	assert_frames(&f, want);
	g_assert_cmpint(f.disconnects, ==, 0);
	teardown(&f);
	g_byte_array_unref(wire);
	g_ptr_array_free(want, TRUE);
	g_rand_free(r);
}

static void test_stream_backpressure(void)
{
	GRand *r = g_rand_new_with_seed(2);
	GPtrArray *want = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	GByteArray *wire = g_byte_array_new();
	ssize_t w;
	Fixture f;

	setup(&f, true);
	f.nic_full = true;
	for (int i = 0; i < 2000; i++) {
		GByteArray *b = frame(r, 1500);

		put_framed(wire, b);
		g_ptr_array_add(want, b);
	}
	/* far more than the socket holds: the writer is held back, nothing is dropped */
	w = write(f.other, wire->data, wire->len);
	g_assert_cmpint(w, >, 0);
	g_assert_cmpint(w, <, wire->len);
	pump();
	g_assert_cmpuint(f.got->len, ==, 0);
	g_assert_false(f.io.reading);
	f.nic_full = false;
	qemu_flush_queued_packets(f.nic); /* the guest posted buffers */
	for (guint off = w; off < wire->len;) {
		w = write(f.other, wire->data + off, wire->len - off);
		if (w > 0)
			off += w;
		pump();
	}
	pump();
	assert_frames(&f, want);
	teardown(&f);
	g_byte_array_unref(wire);
	g_ptr_array_free(want, TRUE);
	g_rand_free(r);
}

static void test_stream_late_reader(void)
{
	GRand *r = g_rand_new_with_seed(3);
	GByteArray *wire = g_byte_array_new(), *readback = g_byte_array_new();
	uint8_t buf[65536];
	Fixture f;

	setup(&f, true);
	/* 2 MiB toward a peer that is not reading: the socket fills, the rest waits queued */
	for (int i = 0; i < 1400; i++) {
		GByteArray *b = frame(r, 1500);

		qemu_send_packet(f.nic, b->data, b->len);
		put_framed(wire, b);
		g_byte_array_unref(b);
	}
	g_assert_cmpuint(f.backend->queued_bytes, >, 0);
	while (readback->len < wire->len) {
		ssize_t n = read(f.other, buf, sizeof(buf));

		if (n > 0)
			g_byte_array_append(readback, buf, n);
		pump();
	}
	g_assert_cmpmem(readback->data, readback->len, wire->data, wire->len);
	g_assert_cmpuint(f.backend->queued_bytes, ==, 0);
	teardown(&f);
	g_byte_array_unref(wire);
	g_byte_array_unref(readback);
	g_rand_free(r);
}

static void test_stream_bad_length(void)
{
	static const uint8_t bad[] = { 0, 0, 0, 3, 'a', 'b', 'c', 0x7f, 0xff, 0xff, 0xff, 'x' };
	Fixture f;

	setup(&f, true);
	g_assert_cmpint(write(f.other, bad, sizeof(bad)), ==, sizeof(bad));
	pump();
	g_assert_cmpuint(f.got->len, ==, 1);
	g_assert_cmpint(f.disconnects, ==, 1);
	g_assert_cmpint(f.io.fd, ==, -1);
	/* the unplugged wire takes frames and drops them */
	qemu_send_packet(f.nic, bad, sizeof(bad));
	g_assert_cmpuint(f.backend->queued_bytes, ==, 0);
	teardown(&f);
}

static void test_stream_eof(void)
{
	Fixture f;

	setup(&f, true);
	shutdown(f.other, SHUT_WR);
	pump();
	g_assert_cmpint(f.disconnects, ==, 1);
	teardown(&f);
}

static void test_dgram(void)
{
	GRand *r = g_rand_new_with_seed(4);
	GPtrArray *want = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	uint8_t buf[NET_BUFSIZE];
	Fixture f;

	setup(&f, false);
	f.nic_full = true;
	for (int i = 0; i < 50; i++) {
		GByteArray *b = frame(r, g_rand_int_range(r, 1, 9000));

		g_assert_cmpint(send(f.other, b->data, b->len, 0), ==, b->len);
		g_ptr_array_add(want, b);
		pump();
		if (i == 7) {
			/* held in the socket (whose queue is short) while the NIC is full */
			g_assert_cmpuint(f.got->len, ==, 0);
			f.nic_full = false;
			qemu_flush_queued_packets(f.nic);
			pump();
		}
	}
	assert_frames(&f, want);
	/* and the other way: one datagram a frame */
	for (guint i = 0; i < want->len; i++) {
		GByteArray *b = g_ptr_array_index(want, i);

		qemu_send_packet(f.nic, b->data, b->len);
		g_assert_cmpmem(buf, recv(f.other, buf, sizeof(buf), 0), b->data, b->len);
	}
	teardown(&f);
	g_ptr_array_free(want, TRUE);
	g_rand_free(r);
}

/* Hostile byte streams: random lengths (huge, zero, truncated), split anywhere. */
static void test_stream_fuzz(void)
{
	unsigned rounds = g_test_slow() ? 2000 : 150;
	GRand *r = g_rand_new_with_seed(g_test_slow() ? g_test_rand_int() : 5);

	for (unsigned round = 0; round < rounds; round++) {
		GPtrArray *want =
		    g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
		GByteArray *wire = g_byte_array_new();
		bool broken = false;
		Fixture f;

		setup(&f, true);
		for (int i = g_rand_int_range(r, 0, 20); i > 0; i--) {
			uint32_t len =
			    g_rand_boolean(r) ? g_rand_int_range(r, 0, 3000) : g_rand_int(r);
			GByteArray *b = frame(r, MIN(len, 3000u));
			uint8_t hdr[4] = { len >> 24, len >> 16, len >> 8, len };

			g_byte_array_append(wire, hdr, 4);
			g_byte_array_append(wire, b->data, b->len);
			if (len > NET_BUFSIZE)
				broken = true;
			if (!broken && len == b->len && len)
				g_ptr_array_add(want, g_byte_array_ref(b));
			if (len != b->len)
				broken = true; /* the stream is out of step from here on */
			g_byte_array_unref(b);
		}
		feed(&f, r, wire, 500);
		g_assert_cmpuint(f.got->len, >=, want->len);
		for (guint i = 0; i < want->len; i++) {
			GByteArray *a = g_ptr_array_index(f.got, i),
				   *b = g_ptr_array_index(want, i);

			g_assert_cmpmem(a->data, a->len, b->data, b->len);
		}
		teardown(&f);
		g_byte_array_unref(wire);
		g_ptr_array_free(want, TRUE);
	}
	g_rand_free(r);
}

/*
 * -netdev socket,connect= to a peer slow to answer (a listener whose accept queue is full
 * drops the SYN): frames sent meanwhile are dropped, not written unframed, and once the
 * connection is made they go out framed.
 */
static void test_connect_pending(void)
{
	static const uint8_t frame[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 };
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	int lfd = socket(AF_INET, SOCK_STREAM, 0), fillers[4], conn;
	GPtrArray *got = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
	uint8_t buf[64];
	char *spec;
	QemuOpts *opts;
	Netdev *nd;
	NetClientState *nic;
	Fixture f = { .got = got };
	gint64 end;
	ssize_t n;

	g_assert_cmpint(bind(lfd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
	g_assert_cmpint(listen(lfd, 0), ==, 0);
	g_assert_cmpint(getsockname(lfd, (struct sockaddr *)&sin, &len), ==, 0);
	for (int i = 0; i < 4; i++) { /* fill the accept queue: later SYNs are dropped */
		fillers[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(fillers[i], (struct sockaddr *)&sin, sizeof(sin));
	}
	g_usleep(200000);
	spec = g_strdup_printf("socket,id=pending,connect=127.0.0.1:%d", ntohs(sin.sin_port));
	opts = qemu_opts_parse(spec, "type", &error_abort);
	nd = net_netdev_new(opts, &error_abort);
	nic = qemu_new_net_client(&nic_info, "nic", &f);
	qemu_net_connect(nic, nd->nc);
	for (int i = 0; i < 20; i++) { /* the guest transmits and takes frames meanwhile */
		qemu_send_packet(nic, frame, sizeof(frame));
		qemu_flush_queued_packets(nic);
		main_loop_wait(SCALE_MS);
	}
	for (int i = 0; i < 4; i++)
		close(fillers[i]);
	while ((conn = accept(lfd, NULL, NULL)) >= 0 && conn != -1) {
		/* the fillers' connections first: ours is the one that stays open */
		struct pollfd p = { .fd = conn, .events = POLLIN };

		if (poll(&p, 1, 0) == 1 && recv(conn, buf, 1, MSG_PEEK | MSG_DONTWAIT) == 0) {
			close(conn);
			continue;
		}
		break;
	}
	g_assert_cmpint(conn, >=, 0);
	/* once connected (after the SYN's retry), a frame goes out framed */
	end = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
	n = 0;
	fcntl(conn, F_SETFL, O_NONBLOCK);
	while (n < 4 + (ssize_t)sizeof(frame) && g_get_monotonic_time() < end) {
		ssize_t r;

		qemu_send_packet(nic, frame, sizeof(frame));
		main_loop_wait(10 * SCALE_MS);
		r = recv(conn, buf + n, sizeof(buf) - n, 0);
		if (r > 0)
			n += r;
	}
	g_assert_cmpint(n, >=, 4 + (ssize_t)sizeof(frame));
	g_assert_cmphex(buf[0] << 24 | buf[1] << 16 | buf[2] << 8 | buf[3], ==, sizeof(frame));
	g_assert_cmpmem(buf + 4, sizeof(frame), frame, sizeof(frame));
	close(conn);
	close(lfd);
	qemu_del_net_client(nic);
	net_cleanup();
	qemu_opts_free(opts);
	g_free(spec);
	g_ptr_array_free(got, TRUE);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	signal(SIGPIPE, SIG_IGN);
	g_test_add_func("/net-socket/stream/split", test_stream_split);
	g_test_add_func("/net-socket/stream/backpressure", test_stream_backpressure);
	g_test_add_func("/net-socket/stream/late-reader", test_stream_late_reader);
	g_test_add_func("/net-socket/stream/bad-length", test_stream_bad_length);
	g_test_add_func("/net-socket/stream/eof", test_stream_eof);
	g_test_add_func("/net-socket/dgram", test_dgram);
	g_test_add_func("/net-socket/stream/fuzz", test_stream_fuzz);
	g_test_add_func("/net-socket/connect-pending", test_connect_pending);
	return g_test_run();
}
