// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -netdev dgram (QEMU 7.2): frames as datagrams, one frame each. local= and remote= are
 * both inet (UDP) or both unix (datagram sockets by path): frames go to remote from a socket
 * bound to local. A remote multicast group needs no local (its local.host picks the
 * interface): every process on the group is one segment. local.type=fd takes an inherited
 * datagram socket. Checks and error texts are QEMU 7.2's.
 */
#include "qemu/osdep.h"
#include "net/socket-io.h"
#include "qemu/sockets.h"
#include <arpa/inet.h>
#include <netinet/in.h>

#define TYPE_NETDEV_DGRAM NETDEV_TYPE_PREFIX "dgram"

typedef struct NetDgram {
	Netdev parent_obj;
	NetSocketIO io;
	/* properties */
	SocketAddress local, remote;
} NetDgram;

#define NET_DGRAM(obj) OBJECT_CHECK(NetDgram, (obj), TYPE_NETDEV_DGRAM)

static const NetClientInfo dgram_info = {
	.type = "dgram",
	.receive = net_socket_io_receive,
	.peer_ready = net_socket_io_peer_ready,
};

static int bind_to(int family, const struct sockaddr *sa, socklen_t len, const char *what,
		   Error **errp)
{
	int fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), one = 1;

	if (fd < 0) {
		error_setg_errno(errp, errno, "can't create datagram socket");
		return -1;
	}
	if (family != AF_UNIX)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, sa, len) < 0) {
		error_setg_errno(errp, errno, "can't bind ip=%s to socket", what);
		close(fd);
		return -1;
	}
	return fd;
}

static bool is_multicast(const struct sockaddr_storage *ss)
{
	return ss->ss_family == AF_INET &&
	       IN_MULTICAST(ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr));
}

static bool dgram_mcast(NetDgram *s, struct sockaddr_in *group, Error **errp)
{
	struct ip_mreq mreq = { .imr_multiaddr = group->sin_addr };
	int fd, one = 1;

	if (s->local.host && inet_pton(AF_INET, s->local.host, &mreq.imr_interface) != 1) {
		error_setg(errp, "localaddr '%s' is not a valid IPv4 address", s->local.host);
		return false;
	}
	fd = bind_to(AF_INET, (struct sockaddr *)group, sizeof(*group), s->remote.host, errp);
	if (fd < 0)
		return false;
	if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq)) < 0) {
		error_setg_errno(errp, errno, "can't add socket to multicast group %s",
				 s->remote.host);
		close(fd);
		return false;
	}
	setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &one, sizeof(one));
	if (s->local.host)
		setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq.imr_interface,
			   sizeof(mreq.imr_interface));
	qemu_set_info_str(s->parent_obj.nc, "mcast=%s:%s", s->remote.host, s->remote.port);
	net_socket_io_start(&s->io, s->parent_obj.nc, fd, false);
	return true;
}

static bool dgram_fd(NetDgram *s, Error **errp)
{
	int fd = socket_fd_from_str(s->local.str, errp);

	if (fd < 0) {
		error_prepend(errp, "%s: ", s->parent_obj.id);
		return false;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	qemu_set_info_str(s->parent_obj.nc, "fd=%d", fd);
	net_socket_io_start(&s->io, s->parent_obj.nc, fd, false);
	return true;
}

static bool dgram_check(NetDgram *s, Error **errp)
{
	bool local = socket_address_given(&s->local), remote = socket_address_given(&s->remote);

	if ((local && !socket_address_check(&s->local, "local", errp)) ||
	    (remote && !socket_address_check(&s->remote, "remote", errp)))
		return false;
	if (local && socket_address_kind(&s->local) == SOCKET_ADDRESS_FD) {
		if (remote) {
			error_setg(errp, "don't set remote with local.fd");
			return false;
		}
		return true;
	}
	if (local && !remote) {
		error_setg(errp, "type=inet or type=unix requires remote parameter");
		return false;
	}
	if (local && remote && strcmp(s->local.type, s->remote.type)) {
		error_setg(errp, "remote and local types must be the same");
		return false;
	}
	return true;
}

static bool dgram_init(Netdev *nd, Error **errp)
{
	NetDgram *s = NET_DGRAM(nd);
	struct sockaddr_storage local, *remote = &s->io.dst;
	socklen_t local_len;
	g_autofree char *l = NULL, *r = NULL;
	int fd;

	if (!dgram_check(s, errp))
		return false;
	nd->nc = qemu_new_net_client(&dgram_info, nd->id, &s->io);
	if (socket_address_given(&s->local) && socket_address_kind(&s->local) == SOCKET_ADDRESS_FD)
		return dgram_fd(s, errp);
	if (!socket_address_given(&s->remote) ||
	    (!socket_address_given(&s->local) &&
	     socket_address_kind(&s->remote) != SOCKET_ADDRESS_INET)) {
		error_setg(errp, "dgram requires local= parameter");
		return false;
	}
	if (!socket_address_resolve(&s->remote, SOCK_DGRAM, remote, &s->io.dst_len, errp))
		return false;
	if (is_multicast(remote))
		return dgram_mcast(s, (struct sockaddr_in *)remote, errp);
	if (!socket_address_given(&s->local)) {
		error_setg(errp, "dgram requires local= parameter");
		return false;
	}
	if (!socket_address_resolve(&s->local, SOCK_DGRAM, &local, &local_len, errp))
		return false;
	if (socket_address_is_file(&s->local))
		unlink(s->local.path); /* a stale socket from an earlier run */
	fd = bind_to(local.ss_family, (struct sockaddr *)&local, local_len,
		     s->local.host ? s->local.host : s->local.path, errp);
	if (fd < 0)
		return false;
	l = socket_address_string(&s->local);
	r = socket_address_string(&s->remote);
	qemu_set_info_str(nd->nc, "udp=%s%s%s", l,
			  socket_address_kind(&s->local) == SOCKET_ADDRESS_UNIX ? ":" : "/", r);
	net_socket_io_start(&s->io, nd->nc, fd, false);
	return true;
}

static void dgram_cleanup(Netdev *nd)
{
	NetDgram *s = NET_DGRAM(nd);
	bool bound = s->io.fd >= 0;

	net_socket_io_stop(&s->io);
	if (bound && socket_address_is_file(&s->local) && socket_address_given(&s->remote))
		unlink(s->local.path);
}

static void dgram_instance_init(Object *obj)
{
	NetDgram *s = NET_DGRAM(obj);

	s->io.fd = -1;
	s->io.opaque = s;
}

static const Property dgram_props[] = {
	SOCKET_ADDRESS_PROPS("local.", NetDgram, local),
	SOCKET_ADDRESS_PROPS("remote.", NetDgram, remote),
	PROP_END,
};

static void dgram_class_init(ObjectClass *klass, const void *data)
{
	NetdevClass *nc = NETDEV_CLASS(klass);

	nc->init = dgram_init;
	nc->cleanup = dgram_cleanup;
	nc->keyval = true;
	object_class_add_props(klass, dgram_props);
}

static void dgram_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_NETDEV_DGRAM,
		.parent = TYPE_NETDEV,
		.instance_size = sizeof(NetDgram),
		.instance_init = dgram_instance_init,
		.class_init = dgram_class_init,
	};
	type_register(&info);
}
type_init(dgram_register_types)
