// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -netdev socket: QEMU's original way for emulators to share a network. listen=[host]:port
 * waits for one TCP client at a time and connect=host:port is that client (frames
 * length-prefixed); mcast=group:port[,localaddr=] puts every process on a multicast group on
 * one segment and udp=host:port,localaddr=host:port joins two processes by datagrams; fd=
 * takes an inherited socket of either kind. Options, checks and error texts are QEMU 7.2's.
 */
#include "qemu/osdep.h"
#include "net/socket-io.h"
#include "qemu/sockets.h"
#include "qemu/main-loop.h"
#include <arpa/inet.h>
#include <netinet/in.h>

#define TYPE_NETDEV_SOCKET NETDEV_TYPE_PREFIX "socket"

typedef struct NetSocket {
	Netdev parent_obj;
	NetSocketIO io;
	int listen_fd;
	int connecting_fd; /* connect=: until the connection is made, else -1 */
	/* properties */
	char *fd, *listen, *connect, *mcast, *udp, *localaddr;
} NetSocket;

#define NET_SOCKET(obj) OBJECT_CHECK(NetSocket, (obj), TYPE_NETDEV_SOCKET)

/* ---- frames ---- */

static const NetClientInfo socket_info = {
	.type = "socket",
	.receive = net_socket_io_receive,
	.peer_ready = net_socket_io_peer_ready,
};

/* ---- addresses, as QEMU's parse_host_port reads them (IPv4) ---- */

static bool parse_host_port(const char *str, struct sockaddr_in *sin, Error **errp)
{
	g_autofree char *host = NULL, *port = NULL;
	char *end;
	long p;

	if (!inet_split(str, &host, &port, errp))
		return false;
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (!*host) {
		sin->sin_addr.s_addr = INADDR_ANY;
	} else if (!inet_aton(host, &sin->sin_addr)) {
		struct addrinfo hints = { .ai_family = AF_INET }, *res;

		if (getaddrinfo(host, NULL, &hints, &res)) {
			error_setg(errp, "can't resolve host address '%s'", host);
			return false;
		}
		sin->sin_addr = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
		freeaddrinfo(res);
	}
	p = strtol(port, &end, 0);
	if (end == port || *end || p < 0 || p > 65535) {
		error_setg(errp, "port number '%s' is invalid", port);
		return false;
	}
	sin->sin_port = htons(p);
	return true;
}

static char *sin_str(const struct sockaddr_in *sin)
{
	return g_strdup_printf("%s:%d", inet_ntoa(sin->sin_addr), ntohs(sin->sin_port));
}

static int bound_socket(int type, const struct sockaddr_in *sin, Error **errp)
{
	int fd = socket(AF_INET, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), one = 1;

	if (fd < 0) {
		error_setg_errno(errp, errno, "can't create socket");
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)sin, sizeof(*sin)) < 0) {
		error_setg_errno(errp, errno, "can't bind ip=%s to socket",
				 inet_ntoa(sin->sin_addr));
		close(fd);
		return -1;
	}
	return fd;
}

/* ---- listen= ---- */

static void socket_accept(void *opaque)
{
	NetSocket *s = opaque;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int fd = accept4(s->listen_fd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC);
	g_autofree char *peer = NULL;

	if (fd < 0)
		return;
	/* one client at a time: the next waits in the backlog until this one leaves */
	qemu_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
	peer = sockaddr_string((struct sockaddr *)&ss, len);
	qemu_set_info_str(s->parent_obj.nc, "socket: connection from %s", peer ? peer : "?");
	net_socket_io_start(&s->io, s->parent_obj.nc, fd, true);
}

static void socket_disconnected(NetSocketIO *io)
{
	NetSocket *s = io->opaque;

	qemu_set_info_str(s->parent_obj.nc, "%s", "");
	if (s->listen_fd >= 0)
		qemu_set_fd_handler(s->listen_fd, socket_accept, NULL, s);
}

static bool socket_listen(NetSocket *s, Error **errp)
{
	struct sockaddr_in sin;

	if (!parse_host_port(s->listen, &sin, errp))
		return false;
	s->listen_fd = bound_socket(SOCK_STREAM, &sin, errp);
	if (s->listen_fd < 0)
		return false;
	if (listen(s->listen_fd, 1) < 0) {
		error_setg_errno(errp, errno, "can't listen on socket");
		return false;
	}
	qemu_set_fd_handler(s->listen_fd, socket_accept, NULL, s);
	return true;
}

/* ---- connect= ---- */

static void socket_connect_done(void *opaque)
{
	NetSocket *s = opaque;
	int fd = s->connecting_fd, err = 0;
	socklen_t len = sizeof(err);

	qemu_set_fd_handler(fd, NULL, NULL, NULL);
	s->connecting_fd = -1;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err) {
		warn_report("netdev %s: can't connect to %s: %s", s->parent_obj.id, s->connect,
			    strerror(err ? err : errno));
		qemu_set_info_str(s->parent_obj.nc, "%s", "");
		close(fd);
		return;
	}
	net_socket_io_start(&s->io, s->parent_obj.nc, fd, true);
}

/* The connection completes in the main loop, as QEMU's: a slow peer does not hold start-up. */
static bool socket_connect(NetSocket *s, Error **errp)
{
	struct sockaddr_in sin;
	g_autofree char *addr = NULL;
	int fd;

	if (!parse_host_port(s->connect, &sin, errp))
		return false;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 ||
	    (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 && errno != EINPROGRESS)) {
		error_setg_errno(errp, errno, "can't connect socket");
		if (fd >= 0)
			close(fd);
		return false;
	}
	addr = sin_str(&sin);
	qemu_set_info_str(s->parent_obj.nc, "socket: connect to %s", addr);
	s->connecting_fd = fd; /* frames are dropped until it is connected */
	qemu_set_fd_handler(fd, NULL, socket_connect_done, s);
	return true;
}

/* ---- mcast= and udp= ---- */

static bool socket_mcast(NetSocket *s, Error **errp)
{
	struct sockaddr_in group, local = { .sin_addr.s_addr = INADDR_ANY };
	struct ip_mreq mreq;
	g_autofree char *addr = NULL;
	int fd, one = 1;

	if (!parse_host_port(s->mcast, &group, errp))
		return false;
	if (!IN_MULTICAST(ntohl(group.sin_addr.s_addr))) {
		error_setg(errp,
			   "specified mcastaddr %s (0x%08x) does not contain a multicast address",
			   inet_ntoa(group.sin_addr), ntohl(group.sin_addr.s_addr));
		return false;
	}
	if (s->localaddr && !inet_aton(s->localaddr, &local.sin_addr)) {
		error_setg(errp, "localaddr '%s' is not a valid IPv4 address", s->localaddr);
		return false;
	}
	fd = bound_socket(SOCK_DGRAM, &group, errp);
	if (fd < 0)
		return false;
	mreq.imr_multiaddr = group.sin_addr;
	mreq.imr_interface = local.sin_addr;
	if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq)) < 0) {
		error_setg_errno(errp, errno, "can't add socket to multicast group %s",
				 inet_ntoa(group.sin_addr));
		close(fd);
		return false;
	}
	/* every process on the group, this host's included, hears each frame */
	setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &one, sizeof(one));
	if (s->localaddr)
		setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &local.sin_addr,
			   sizeof(local.sin_addr));
	memcpy(&s->io.dst, &group, sizeof(group));
	s->io.dst_len = sizeof(group);
	addr = sin_str(&group);
	qemu_set_info_str(s->parent_obj.nc, "socket: mcast=%s", addr);
	net_socket_io_start(&s->io, s->parent_obj.nc, fd, false);
	return true;
}

static bool socket_udp(NetSocket *s, Error **errp)
{
	struct sockaddr_in remote, local;
	g_autofree char *addr = NULL;
	int fd;

	if (!s->localaddr) {
		error_setg(errp, "localaddr= is mandatory with udp=");
		return false;
	}
	if (!parse_host_port(s->localaddr, &local, errp) || !parse_host_port(s->udp, &remote, errp))
		return false;
	fd = bound_socket(SOCK_DGRAM, &local, errp);
	if (fd < 0)
		return false;
	memcpy(&s->io.dst, &remote, sizeof(remote));
	s->io.dst_len = sizeof(remote);
	addr = sin_str(&remote);
	qemu_set_info_str(s->parent_obj.nc, "socket: udp=%s", addr);
	net_socket_io_start(&s->io, s->parent_obj.nc, fd, false);
	return true;
}

/* ---- fd= ---- */

static bool socket_fd(NetSocket *s, Error **errp)
{
	int fd = socket_fd_from_str(s->fd, errp), type = 0;
	socklen_t len = sizeof(type);

	if (fd < 0) {
		error_prepend(errp, "%s: ", s->parent_obj.id);
		return false;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 ||
	    (type != SOCK_DGRAM && type != SOCK_STREAM)) {
		error_setg(errp,
			   "socket type=%d for fd=%d must be either SOCK_DGRAM or SOCK_STREAM",
			   type, fd);
		return false;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	qemu_set_info_str(s->parent_obj.nc, "socket: fd=%d", fd);
	net_socket_io_start(&s->io, s->parent_obj.nc, fd, type == SOCK_STREAM);
	return true;
}

static bool socket_init(Netdev *nd, Error **errp)
{
	NetSocket *s = NET_SOCKET(nd);

	if (!!s->fd + !!s->listen + !!s->connect + !!s->mcast + !!s->udp != 1) {
		error_setg(errp, "exactly one of listen=, connect=, mcast= or udp= is required");
		return false;
	}
	if (s->localaddr && !s->mcast && !s->udp) {
		error_setg(errp, "localaddr= is only valid with mcast= or udp=");
		return false;
	}
	nd->nc = qemu_new_net_client(&socket_info, nd->id, &s->io);
	return s->fd	    ? socket_fd(s, errp)
	       : s->listen  ? socket_listen(s, errp)
	       : s->connect ? socket_connect(s, errp)
	       : s->mcast   ? socket_mcast(s, errp)
			    : socket_udp(s, errp);
}

static void socket_cleanup(Netdev *nd)
{
	NetSocket *s = NET_SOCKET(nd);

	net_socket_io_stop(&s->io);
	for (int *fd = &s->listen_fd; fd <= &s->connecting_fd; fd++) {
		if (*fd >= 0) {
			qemu_set_fd_handler(*fd, NULL, NULL, NULL);
			close(*fd);
		}
		*fd = -1;
	}
}

static void socket_instance_init(Object *obj)
{
	NetSocket *s = NET_SOCKET(obj);

	s->io.fd = -1;
	s->io.opaque = s;
	s->io.disconnected = socket_disconnected;
	s->listen_fd = s->connecting_fd = -1;
}

static const Property socket_props[] = {
	PROP("fd", prop_info_string, NetSocket, fd, PROP_DESC("an inherited socket")),
	PROP("listen", prop_info_string, NetSocket, listen,
	     PROP_DESC("[host]:port to wait on for one TCP peer")),
	PROP("connect", prop_info_string, NetSocket, connect,
	     PROP_DESC("host:port of a TCP peer listening")),
	PROP("mcast", prop_info_string, NetSocket, mcast,
	     PROP_DESC("multicast group:port shared with other processes")),
	PROP("udp", prop_info_string, NetSocket, udp, PROP_DESC("host:port of a UDP peer")),
	PROP("localaddr", prop_info_string, NetSocket, localaddr,
	     PROP_DESC("local address (mcast=: an IPv4 interface; udp=: host:port)")),
	PROP_END,
};

static void socket_class_init(ObjectClass *klass, const void *data)
{
	NetdevClass *nc = NETDEV_CLASS(klass);

	nc->init = socket_init;
	nc->cleanup = socket_cleanup;
	object_class_add_props(klass, socket_props);
}

static void socket_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_NETDEV_SOCKET,
		.parent = TYPE_NETDEV,
		.instance_size = sizeof(NetSocket),
		.instance_init = socket_instance_init,
		.class_init = socket_class_init,
	};
	type_register(&info);
}
type_init(socket_register_types)
