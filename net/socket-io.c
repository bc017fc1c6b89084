// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Frames over a host socket (include/net/socket-io.h): QEMU's length-prefixed stream framing
 * and one-frame datagrams, non-blocking both ways, with the host's flow control kept.
 */
#include "qemu/osdep.h"
#include "net/socket-io.h"
#include "qemu/main-loop.h"
#include "qemu/error.h"
#include <sys/uio.h>

#define RBUF_SIZE (2 * (4 + NET_BUFSIZE)) /* a whole frame always fits after compaction */

static void io_readable(void *opaque);
static void io_writable(void *opaque);

static void io_handlers(NetSocketIO *io)
{
	bool want_write = io->out_len > io->out_pos || io->blocked;

	if (io->fd >= 0)
		qemu_set_fd_handler(io->fd, io->reading ? io_readable : NULL,
				    want_write ? io_writable : NULL, io);
}

static void io_disconnect(NetSocketIO *io)
{
	net_socket_io_stop(io);
	if (io->disconnected)
		io->disconnected(io);
}

/* Delivers the complete frames buffered, while the NIC takes them at once. */
static bool deliver_stream(NetSocketIO *io)
{
	while (io->rlen - io->rpos >= 4) {
		const uint8_t *p = io->rbuf + io->rpos;
		uint32_t n = (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];

		if (n > NET_BUFSIZE) {
			warn_report("netdev %s: received a frame of %u bytes (at most %u): "
				    "closing the connection",
				    io->nc->name, n, NET_BUFSIZE);
			io_disconnect(io);
			return false;
		}
		if (io->rlen - io->rpos < 4 + (size_t)n)
			break;
		if (!qemu_can_send_packet(io->nc))
			return false;
		io->rpos += 4 + n;
		qemu_send_packet(io->nc, p + 4, n);
	}
	memmove(io->rbuf, io->rbuf + io->rpos, io->rlen - io->rpos);
	io->rlen -= io->rpos;
	io->rpos = 0;
	return true;
}

static void read_stream(NetSocketIO *io)
{
	ssize_t n;

	if (!deliver_stream(io))
		goto pause;
	n = read(io->fd, io->rbuf + io->rlen, RBUF_SIZE - io->rlen);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		io_disconnect(io);
		return;
	}
	if (n > 0) {
		io->rlen += n;
		if (io->fd < 0 || !deliver_stream(io))
			goto pause;
	}
	return;
pause:
	if (io->fd >= 0) {
		io->reading = false;
		io_handlers(io);
	}
}

static void read_dgram(NetSocketIO *io)
{
	for (int i = 0; i < 64; i++) { /* a bounded batch, so other handlers get their turn */
		ssize_t n;

		if (!qemu_can_send_packet(io->nc)) {
			io->reading = false;
			io_handlers(io);
			return;
		}
		n = io->file ? read(io->fd, io->rbuf, NET_BUFSIZE)
			     : recv(io->fd, io->rbuf, NET_BUFSIZE, MSG_DONTWAIT);
		if (n < 0)
			return; /* nothing more, or a refused earlier send reported here */
		if (n > (ssize_t)io->strip)
			qemu_send_packet(io->nc, io->rbuf + io->strip, n - io->strip);
	}
}

static void io_readable(void *opaque)
{
	NetSocketIO *io = opaque;

	if (io->stream)
		read_stream(io);
	else
		read_dgram(io);
}

/* Sends what is left of the frame in out; true when it is all gone. */
static bool flush_out(NetSocketIO *io)
{
	while (io->out_pos < io->out_len) {
		ssize_t n = send(io->fd, io->out + io->out_pos, io->out_len - io->out_pos,
				 MSG_DONTWAIT | MSG_NOSIGNAL);

		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return false;
		if (n <= 0) {
			io_disconnect(io);
			return false;
		}
		io->out_pos += n;
	}
	g_free(io->out);
	io->out = NULL;
	io->out_pos = io->out_len = 0;
	return true;
}

static void io_writable(void *opaque)
{
	NetSocketIO *io = opaque;

	if (io->stream && !flush_out(io)) {
		if (io->fd < 0)
			return;
		io_handlers(io);
		return;
	}
	io->blocked = false;
	qemu_flush_queued_packets(io->nc);
	io_handlers(io);
}

static ssize_t send_stream(NetSocketIO *io, const uint8_t *buf, size_t len)
{
	uint8_t hdr[4] = { len >> 24, len >> 16, len >> 8, len };
	struct iovec iov[2] = { { hdr, 4 }, { (void *)buf, len } };
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2 };
	ssize_t n = sendmsg(io->fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);

	if (n < 0 && errno != EAGAIN && errno != EINTR) {
		io_disconnect(io);
		return len; /* the connection is gone: the frame with it */
	}
	if (n < 0)
		return 0; /* queued in the net layer until writable */
	if ((size_t)n < 4 + len) {
		/* the rest of a frame begun must follow it before anything else */
		io->out_len = 4 + len - n;
		io->out = g_malloc(io->out_len);
		if (n < 4) {
			memcpy(io->out, hdr + n, 4 - n);
			memcpy(io->out + 4 - n, buf, len);
		} else {
			memcpy(io->out, buf + n - 4, io->out_len);
		}
		io->out_pos = 0;
		io_handlers(io);
	}
	return len;
}

static ssize_t send_dgram(NetSocketIO *io, const uint8_t *buf, size_t len)
{
	static const uint8_t zero_hdr[NET_SOCKET_IO_MAX_STRIP];
	struct iovec iov[2] = { { (void *)zero_hdr, io->strip }, { (void *)buf, len } };
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2 };
	ssize_t n;

	if (io->file) {
		n = writev(io->fd, iov, 2);
	} else {
		msg.msg_name = io->dst_len ? &io->dst : NULL;
		msg.msg_namelen = io->dst_len;
		n = sendmsg(io->fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
	}
	if (n < 0 && errno == EAGAIN)
		return 0; /* ENOBUFS too is a full wire: the frame is lost, as QEMU loses it */
	return len;	  /* sent, or lost as a datagram may be (no listener, too big, link down) */
}

ssize_t net_socket_io_send(NetSocketIO *io, const uint8_t *buf, size_t len)
{
	ssize_t r;

	if (io->fd < 0)
		return len; /* not connected: the wire is unplugged */
	if (io->out_len > io->out_pos)
		return 0;
	r = io->stream ? send_stream(io, buf, len) : send_dgram(io, buf, len);
	if (r == 0 && io->fd >= 0) {
		io->blocked = true; /* wake on writable to flush the net layer's queue */
		io_handlers(io);
	}
	return r;
}

void net_socket_io_resume(NetSocketIO *io)
{
	if (io->fd < 0 || io->reading)
		return;
	io->reading = true;
	io_handlers(io);
	if (io->stream && io->rlen)
		read_stream(io); /* frames already buffered need no new bytes to go on */
}

ssize_t net_socket_io_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
	return net_socket_io_send(nc->opaque, buf, len);
}

void net_socket_io_peer_ready(NetClientState *nc)
{
	net_socket_io_resume(nc->opaque);
}

void net_socket_io_start(NetSocketIO *io, NetClientState *nc, int fd, bool stream)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	io->nc = nc;
	io->fd = fd;
	io->stream = stream;
	io->rbuf = g_malloc(stream ? RBUF_SIZE : NET_BUFSIZE);
	io->rpos = io->rlen = 0;
	io->reading = true;
	io_handlers(io);
}

void net_socket_io_stop(NetSocketIO *io)
{
	if (io->fd >= 0) {
		qemu_set_fd_handler(io->fd, NULL, NULL, NULL);
		close(io->fd);
	}
	io->fd = -1;
	io->reading = false;
	io->rpos = io->rlen = 0;
	io->blocked = false;
	g_free(io->rbuf);
	io->rbuf = NULL;
	g_free(io->out);
	io->out = NULL;
	io->out_pos = io->out_len = 0;
}
