// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The udp backend: a datagram socket bound to localaddr:localport (any address, a free port
 * by default) and connected to host:port, as QEMU's. Each write goes out as one datagram;
 * each datagram that comes in is handed to the frontend, the rest of it held (and the socket
 * left unread) until the frontend takes more. UDP itself may drop datagrams; errors of a send
 * (nobody listening yet) are ignored, and the chardev never counts as opened, as in QEMU.
 */
#include "qemu/osdep.h"
#include "qemu/sockets.h"
#include "chardev/char.h"
#include "qemu/main-loop.h"
#include "qom/property.h"
#include <netdb.h>
#include <sys/socket.h>

typedef struct UdpChardev {
	Chardev parent;
	char *host, *port, *localaddr, *localport;
	bool ipv4, ipv6;
	int fd;
	uint8_t buf[65536]; /* the datagram being delivered */
	int len, pos;
} UdpChardev;

#define UDP_CHARDEV(obj) OBJECT_CHECK(UdpChardev, (obj), CHARDEV_TYPE_PREFIX "udp")

static void udp_read(void *opaque);

static void udp_deliver(UdpChardev *s)
{
	Chardev *chr = &s->parent;
	int room;

	while (s->pos < s->len && (room = qemu_chr_be_can_write(chr)) > 0) {
		int n = MIN(room, s->len - s->pos);

		qemu_chr_be_write(chr, s->buf + s->pos, n);
		s->pos += n;
	}
	/* read the next datagram only once this one is taken */
	qemu_set_fd_handler(s->fd, s->pos < s->len ? NULL : udp_read, NULL, s);
}

static void udp_read(void *opaque)
{
	UdpChardev *s = opaque;
	ssize_t n = recv(s->fd, s->buf, sizeof(s->buf), MSG_DONTWAIT);

	if (n <= 0)
		return; /* a refused earlier send reports here, or nothing after all */
	s->len = n;
	s->pos = 0;
	udp_deliver(s);
}

static bool udp_open(Chardev *chr, Error **errp)
{
	UdpChardev *s = UDP_CHARDEV(chr);
	int family = s->ipv4 && !s->ipv6 ? AF_INET : s->ipv6 && !s->ipv4 ? AF_INET6 : AF_UNSPEC;
	const char *host = s->host && *s->host ? s->host : "localhost";
	const char *laddr = s->localaddr && *s->localaddr ? s->localaddr : NULL;
	struct addrinfo *remote, *local;
	bool ok = false;

	if (!s->port) {
		error_setg(errp, "chardev: udp: remote port not specified");
		return false;
	}
	remote = inet_resolve(host, s->port, family, SOCK_DGRAM, 0, errp);
	if (!remote)
		return false;
	local = inet_resolve(laddr, s->localport ? s->localport : "0", remote->ai_family,
			     SOCK_DGRAM, AI_PASSIVE, errp);
	if (local) {
		s->fd = socket(remote->ai_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if (s->fd < 0 || bind(s->fd, local->ai_addr, local->ai_addrlen) < 0)
			error_setg_errno(errp, errno, "Failed to bind socket");
		else if (connect(s->fd, remote->ai_addr, remote->ai_addrlen) < 0)
			error_setg_errno(errp, errno, "Failed to connect socket");
		else
			ok = true;
		freeaddrinfo(local);
	}
	freeaddrinfo(remote);
	if (!ok)
		return false;
	qemu_set_fd_handler(s->fd, udp_read, NULL, s);
	/* no connection to speak of: frontends get no CHR_EVENT_OPENED (a monitor no greeting) */
	chr->be_open = false;
	return true;
}

#define UDP_MAX_PAYLOAD 65507 /* the most one IPv4 datagram carries */

static int udp_write(Chardev *chr, const uint8_t *buf, int len, bool all)
{
	UdpChardev *s = UDP_CHARDEV(chr);

	for (int off = 0; off < len; off += UDP_MAX_PAYLOAD)
		(void)!send(s->fd, buf + off, MIN(len - off, UDP_MAX_PAYLOAD), MSG_DONTWAIT);
	return len;
}

static void udp_accept_input(Chardev *chr)
{
	udp_deliver(UDP_CHARDEV(chr));
}

static void udp_close(Chardev *chr)
{
	UdpChardev *s = UDP_CHARDEV(chr);

	if (s->fd >= 0) {
		qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
		close(s->fd);
	}
	s->fd = -1;
}

static char *udp_filename(Chardev *chr)
{
	UdpChardev *s = UDP_CHARDEV(chr);

	return g_strdup_printf("udp:%s:%s", s->host ? s->host : "", s->port);
}

static void udp_init(Object *obj)
{
	UDP_CHARDEV(obj)->fd = -1;
}

static const Property udp_props[] = {
	PROP("host", prop_info_string, UdpChardev, host),
	PROP("port", prop_info_string, UdpChardev, port),
	PROP("localaddr", prop_info_string, UdpChardev, localaddr),
	PROP("localport", prop_info_string, UdpChardev, localport),
	PROP("ipv4", prop_info_bool, UdpChardev, ipv4),
	PROP("ipv6", prop_info_bool, UdpChardev, ipv6),
	PROP_END,
};

static void udp_class_init(ObjectClass *oc, const void *data)
{
	ChardevClass *cc = CHARDEV_CLASS(oc);

	cc->open = udp_open;
	cc->write = udp_write;
	cc->accept_input = udp_accept_input;
	cc->close = udp_close;
	cc->filename = udp_filename;
	object_class_add_props(oc, udp_props);
}

static void udp_register_types(void)
{
	static const TypeInfo info = {
		.name = CHARDEV_TYPE_PREFIX "udp",
		.parent = TYPE_CHARDEV,
		.instance_size = sizeof(UdpChardev),
		.instance_init = udp_init,
		.class_init = udp_class_init,
	};
	type_register(&info);
}
type_init(udp_register_types)
