// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -netdev stream (QEMU 7.2): two processes joined by one stream socket, frames
 * length-prefixed as -netdev socket's TCP ones. server=on listens on addr (inet with an
 * optional port range to=, unix, or an inherited listening fd) and takes one client at a
 * time, listening again when it leaves; server=off connects without holding up start-up,
 * and a failed connection only shows in info network ("connection error"), as in QEMU.
 */
#include "qemu/osdep.h"
#include "net/socket-io.h"
#include "qemu/sockets.h"
#include "qemu/main-loop.h"

#define TYPE_NETDEV_STREAM NETDEV_TYPE_PREFIX "stream"

typedef struct NetStream {
	Netdev parent_obj;
	NetSocketIO io;
	int listen_fd;
	int connecting_fd;
	bool bound; /* we made addr.path: remove it on close */
	/* properties */
	bool server;
	SocketAddress addr;
} NetStream;

#define NET_STREAM(obj) OBJECT_CHECK(NetStream, (obj), TYPE_NETDEV_STREAM)

static const NetClientInfo stream_info = {
	.type = "stream",
	.receive = net_socket_io_receive,
	.peer_ready = net_socket_io_peer_ready,
};

/* "tcp:HOST:PORT" of the other end, or "unix:PATH", as info network shows a connection. */
static void stream_set_info(NetStream *s, int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	g_autofree char *peer = NULL;

	if (socket_address_kind(&s->addr) == SOCKET_ADDRESS_UNIX) {
		qemu_set_info_str(s->parent_obj.nc, "unix:%s", s->addr.path);
		return;
	}
	if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0)
		peer = sockaddr_string((struct sockaddr *)&ss, len);
	qemu_set_info_str(s->parent_obj.nc, "%s%s", peer ? "tcp:" : "", peer ? peer : "");
}

static void stream_accept(void *opaque)
{
	NetStream *s = opaque;
	int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return;
	qemu_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
	stream_set_info(s, fd);
	net_socket_io_start(&s->io, s->parent_obj.nc, fd, true);
}

static void stream_disconnected(NetSocketIO *io)
{
	NetStream *s = io->opaque;

	qemu_set_info_str(s->parent_obj.nc, "%s", "");
	if (s->listen_fd >= 0)
		qemu_set_fd_handler(s->listen_fd, stream_accept, NULL, s);
}

static void stream_connect_done(void *opaque)
{
	NetStream *s = opaque;
	int fd = s->connecting_fd, err = 0;
	socklen_t len = sizeof(err);

	qemu_set_fd_handler(fd, NULL, NULL, NULL);
	s->connecting_fd = -1;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err) {
		qemu_set_info_str(s->parent_obj.nc, "connection error");
		close(fd);
		return;
	}
	stream_set_info(s, fd);
	net_socket_io_start(&s->io, s->parent_obj.nc, fd, true);
}

static bool stream_client(NetStream *s, Error **errp)
{
	Error *err = NULL;
	int fd = socket_address_connect(&s->addr, &err);

	if (fd < 0 && socket_address_kind(&s->addr) == SOCKET_ADDRESS_FD) {
		error_prepend(&err, "%s: ", s->parent_obj.id);
		error_propagate(errp, err);
		return false;
	}
	if (fd < 0) {
		/* as QEMU's asynchronous connect: the failure shows in info network */
		error_free(err);
		qemu_set_info_str(s->parent_obj.nc, "connection error");
		return true;
	}
	s->connecting_fd = fd;
	qemu_set_fd_handler(fd, NULL, stream_connect_done, s);
	return true;
}

static bool stream_init(Netdev *nd, Error **errp)
{
	NetStream *s = NET_STREAM(nd);

	if (!socket_address_check(&s->addr, "addr", errp))
		return false;
	nd->nc = qemu_new_net_client(&stream_info, nd->id, &s->io);
	if (!s->server)
		return stream_client(s, errp);
	s->listen_fd = socket_address_listen(&s->addr, errp);
	s->bound = s->listen_fd >= 0 && socket_address_is_file(&s->addr);
	if (s->listen_fd < 0) {
		if (socket_address_kind(&s->addr) == SOCKET_ADDRESS_FD)
			error_prepend(errp, "%s: ", nd->id);
		return false;
	}
	qemu_set_info_str(nd->nc, "%s", "");
	qemu_set_fd_handler(s->listen_fd, stream_accept, NULL, s);
	return true;
}

static void stream_cleanup(Netdev *nd)
{
	NetStream *s = NET_STREAM(nd);

	net_socket_io_stop(&s->io);
	for (int *fd = &s->listen_fd; fd <= &s->connecting_fd; fd++) {
		if (*fd >= 0) {
			qemu_set_fd_handler(*fd, NULL, NULL, NULL);
			close(*fd);
		}
		*fd = -1;
	}
	if (s->bound)
		unlink(s->addr.path);
	s->bound = false;
}

static void stream_instance_init(Object *obj)
{
	NetStream *s = NET_STREAM(obj);

	s->io.fd = s->listen_fd = s->connecting_fd = -1;
	s->io.opaque = s;
	s->io.disconnected = stream_disconnected;
}

static const Property stream_props[] = {
	PROP("server", prop_info_bool, NetStream, server, PROP_DEFAULT_U(false),
	     PROP_DESC("listen on addr (on) or connect to it (off)")),
	SOCKET_ADDRESS_PROPS("addr.", NetStream, addr),
	PROP_END,
};

static void stream_class_init(ObjectClass *klass, const void *data)
{
	NetdevClass *nc = NETDEV_CLASS(klass);

	nc->init = stream_init;
	nc->cleanup = stream_cleanup;
	nc->keyval = true;
	object_class_add_props(klass, stream_props);
}

static void stream_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_NETDEV_STREAM,
		.parent = TYPE_NETDEV,
		.instance_size = sizeof(NetStream),
		.instance_init = stream_instance_init,
		.class_init = stream_class_init,
	};
	type_register(&info);
}
type_init(stream_register_types)
