// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Ethernet frames over a host socket (or a tap device), for the socket, stream, dgram and tap
 * netdevs. On a stream
 * (TCP, unix) each frame goes as a 4-byte big-endian length and the frame, as QEMU frames
 * them, so either end may be QEMU; on a datagram socket each datagram is one frame. Both
 * directions keep the host's flow control: a frame the socket cannot take waits in the net
 * layer's queue (receive() returns 0) until the socket is writable, and the socket is read
 * only while the NIC takes frames at once, so nothing is dropped between two live peers.
 */
#ifndef NET_SOCKET_IO_H
#define NET_SOCKET_IO_H

#include "net/net.h"
#include <sys/socket.h>

#define NET_BUFSIZE		(4096 + 65536) /* the largest frame QEMU sends or accepts */
#define NET_SOCKET_IO_MAX_STRIP 12	       /* the longest virtio_net_hdr */

typedef struct NetSocketIO {
	NetClientState *nc; /* the backend's client */
	int fd;		    /* -1: no connection */
	bool stream;
	bool file; /* a tap device: read and write rather than recv and send, a frame each */
	/* bytes of virtio_net_hdr the fd has and the peer does not use: dropped from frames
	 * read, zeros written before frames sent (a tap with IFF_VNET_HDR behind a hub) */
	unsigned strip;
	/* datagrams go to dst (dst_len 0: the socket is connected) */
	struct sockaddr_storage dst;
	socklen_t dst_len;
	/* received bytes not yet delivered: whole stream frames, or one datagram */
	uint8_t *rbuf;
	size_t rpos, rlen;
	bool reading;
	/* the unsent rest of a stream frame */
	uint8_t *out;
	size_t out_pos, out_len;
	bool blocked; /* a send found the socket full: flush the net layer's queue when writable */
	/* the stream ended (EOF, error, a malformed length): the owner closes or listens again */
	void (*disconnected)(struct NetSocketIO *io);
	void *opaque;
} NetSocketIO;

/* Starts moving frames over fd (owned from now on). */
void net_socket_io_start(NetSocketIO *io, NetClientState *nc, int fd, bool stream);
/* Closes the fd and forgets what was half sent or received. */
void net_socket_io_stop(NetSocketIO *io);
/* For the backend's receive(): sends a frame to the socket. */
ssize_t net_socket_io_send(NetSocketIO *io, const uint8_t *buf, size_t len);
/* Reads again (the NIC takes frames again). */
void net_socket_io_resume(NetSocketIO *io);
/* A backend's NetClientInfo callbacks, for a client whose opaque is its NetSocketIO. */
ssize_t net_socket_io_receive(NetClientState *nc, const uint8_t *buf, size_t len);
void net_socket_io_peer_ready(NetClientState *nc);

#endif
