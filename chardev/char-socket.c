// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The socket backend: a TCP (host=, port=) or unix (path=) stream socket, or one inherited
 * (fd=), as a server (server=on: listen, one client at a time, wait=on blocks start-up until
 * the first connects) or a client (connect at start-up; reconnect=N retries every N seconds
 * from the main loop without ever blocking it). telnet=on negotiates a character-at-a-time
 * session and strips telnet commands from the input. Output is queued while nobody is connected, so a client that
 * connects late reads everything the guest wrote; only a full buffer holds the guest back.
 * A client going away makes a server listen again and a reconnecting client retry.
 */
#include "qemu/osdep.h"
#include "qemu/sockets.h"
#include "qemu/cutils.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "qom/property.h"
#include "sysemu/runstate.h"
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>

/* Telnet commands (RFC 854) and the options we offer (RFC 856, 857, 858). */
enum {
	TN_SE = 240,
	TN_BREAK = 243,
	TN_SB = 250,
	TN_WILL = 251,
	TN_DONT = 254,
	TN_IAC = 255,
	TN_OPT_BINARY = 0,
	TN_OPT_ECHO = 1,
	TN_OPT_SGA = 3,
};

/* Where the telnet input parser is: plain data, after IAC, before an option, in a subnegotiation. */
enum { TN_DATA, TN_CMD, TN_OPTION, TN_SUB, TN_SUB_IAC };

typedef struct SocketChardev {
	FdChardev parent;
	char *host, *port, *path, *fd; /* properties */
	bool server, nodelay, telnet;
	OnOffAuto wait; /* auto: on for a server; a client refuses it */
	uint64_t reconnect;
	int listen_fd;	  /* a server's listening socket, else -1 */
	bool inherited;	  /* fd= gave the socket */
	bool unlink_path; /* we bound path=: remove it on close */
	int tn_state;
	bool error_reported; /* reconnect: the first failure only is reported */
	QEMUTimer *reconnect_timer;
	int connecting_fd; /* reconnect: a connect still in progress, else -1 */
	char *peer;	   /* "127.0.0.1:54321" of a TCP client, for query-chardev */
} SocketChardev;

static SocketChardev *to_sock(Chardev *chr)
{
	return container_of(chr, SocketChardev, parent.parent);
}

static bool is_unix(SocketChardev *s)
{
	return s->path != NULL;
}

/* "tcp:127.0.0.1:4444,server=on" as QEMU names the chardev's address. */
static char *sock_address(SocketChardev *s)
{
	const char *host = s->host && *s->host ? s->host : "0.0.0.0";

	if (s->inherited)
		return g_strdup_printf("fd:%s%s", s->fd, s->server ? ",server=on" : "");
	if (is_unix(s))
		return g_strdup_printf("unix:%s%s", s->path, s->server ? ",server=on" : "");
	return g_strdup_printf("%s:%s:%s%s", s->telnet ? "telnet" : "tcp", host, s->port,
			       s->server ? ",server=on" : "");
}

static char *sock_filename(Chardev *chr)
{
	SocketChardev *s = to_sock(chr);
	g_autofree char *addr = sock_address(s);

	if (s->parent.fd_in < 0)
		return g_strdup_printf("disconnected:%s", addr);
	if (s->peer)
		return g_strdup_printf("%s <-> %s", addr, s->peer);
	return g_strdup(addr);
}

static void set_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* ---- addresses ---- */

/* The address as the shared socket code takes it (a client's blocking connect aside). */
static SocketAddress sock_addr(SocketChardev *s)
{
	SocketAddress a = { .type = is_unix(s) ? "unix" : "inet",
			    .path = s->path,
			    .host = s->host ? s->host : "",
			    .port = s->port };

	if (s->server && !*a.host)
		a.ipv4 = "on"; /* QEMU's empty listening host is 0.0.0.0 */
	return a;
}

/* ---- the connection ---- */

static void sock_telnet_init(int fd)
{
	static const uint8_t offer[] = { TN_IAC,	TN_WILL,    TN_OPT_ECHO, TN_IAC,
					 TN_WILL,	TN_OPT_SGA, TN_IAC,	 TN_WILL,
					 TN_OPT_BINARY, TN_IAC,	    TN_WILL + 2, TN_OPT_BINARY };
	ssize_t n;

	/* A fresh socket's buffer takes these few bytes at once. */
	do
		n = write(fd, offer, sizeof(offer));
	while (n < 0 && errno == EINTR);
}

static void sock_listen_handlers(SocketChardev *s, bool on);

static void sock_connected(SocketChardev *s, int fd)
{
	FdChardev *f = &s->parent;
	int one = 1;

	set_nonblock(fd);
	if (!is_unix(s) && s->nodelay)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (s->telnet)
		sock_telnet_init(fd);
	s->tn_state = TN_DATA;
	f->fd_in = f->fd_out = fd;
	f->own_in = f->own_out = true; /* closed at the end by the fd core */
	f->discarding = false;
	f->in_eof = f->out_dead = false;
	f->reading = true;
	sock_listen_handlers(s, false);
	qemu_chr_fd_kick(f);
	qemu_chr_be_event(&f->parent, CHR_EVENT_OPENED);
}

static void sock_record_peer(SocketChardev *s, struct sockaddr_storage *ss, socklen_t len)
{
	g_free(s->peer);
	s->peer = sockaddr_string((struct sockaddr *)ss, len);
}

static bool sock_accept(SocketChardev *s)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int fd = accept4(s->listen_fd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC);

	if (fd < 0)
		return false;
	sock_record_peer(s, &ss, len);
	sock_connected(s, fd);
	return true;
}

static void sock_listen_ready(void *opaque)
{
	sock_accept(opaque);
}

static void sock_listen_handlers(SocketChardev *s, bool on)
{
	if (s->listen_fd >= 0)
		qemu_set_fd_handler(s->listen_fd, on ? sock_listen_ready : NULL, NULL, s);
}

static void sock_schedule_reconnect(SocketChardev *s)
{
	timer_mod(s->reconnect_timer,
		  qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + s->reconnect * NANOSECONDS_PER_SECOND);
}

/* The peer went away: a server listens again, a reconnecting client tries again later. */
static void sock_hangup(FdChardev *f)
{
	SocketChardev *s = container_of(f, SocketChardev, parent);

	if (f->fd_in < 0)
		return;
	qemu_set_fd_handler(f->fd_in, NULL, NULL, NULL);
	close(f->fd_in);
	f->fd_in = f->fd_out = -1;
	f->own_in = f->own_out = false;
	f->reading = false;
	g_free(s->peer);
	s->peer = NULL;
	qemu_chr_be_event(&f->parent, CHR_EVENT_CLOSED);
	if (s->server)
		sock_listen_handlers(s, true);
	else if (s->reconnect)
		sock_schedule_reconnect(s);
}

/* Telnet commands are taken out of the input; IAC IAC is a data byte 255. */
static int sock_filter_telnet(FdChardev *f, uint8_t *buf, int len)
{
	SocketChardev *s = container_of(f, SocketChardev, parent);
	int out = 0;

	for (int i = 0; i < len; i++) {
		uint8_t c = buf[i];

		switch (s->tn_state) {
		case TN_DATA:
			if (c == TN_IAC)
				s->tn_state = TN_CMD;
			else
				buf[out++] = c;
			break;
		case TN_CMD:
			s->tn_state = TN_DATA;
			if (c == TN_IAC)
				buf[out++] = c;
			else if (c >= TN_WILL && c <= TN_DONT)
				s->tn_state = TN_OPTION;
			else if (c == TN_SB)
				s->tn_state = TN_SUB;
			else if (c == TN_BREAK)
				qemu_chr_be_event(&f->parent, CHR_EVENT_BREAK);
			break;
		case TN_OPTION:
			s->tn_state = TN_DATA;
			break;
		case TN_SUB:
			if (c == TN_IAC)
				s->tn_state = TN_SUB_IAC;
			break;
		case TN_SUB_IAC:
			s->tn_state = c == TN_SE ? TN_DATA : TN_SUB;
			break;
		}
	}
	return out;
}

/* ---- client ---- */

static int sock_connect_unix(SocketChardev *s, Error **errp)
{
	SocketAddress a = sock_addr(s);

	return socket_address_connect(&a, errp);
}

/* Connects to the first address that answers (blocking: a client's start-up waits, as QEMU's). */
static int sock_connect_tcp(SocketChardev *s, Error **errp)
{
	struct addrinfo *res = inet_resolve(s->host, s->port, AF_UNSPEC, SOCK_STREAM, 0, errp);
	int fd = -1, err = ECONNREFUSED;

	for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
			err = errno;
			close(fd);
			fd = -1;
		}
	}
	if (res && fd < 0)
		error_setg_errno(errp, err, "Failed to connect to '%s:%s'", s->host, s->port);
	if (res)
		freeaddrinfo(res);
	return fd;
}

static bool sock_connect(SocketChardev *s, Error **errp)
{
	int fd = is_unix(s) ? sock_connect_unix(s, errp) : sock_connect_tcp(s, errp);
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (fd < 0)
		return false;
	if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0)
		sock_record_peer(s, &ss, len);
	sock_connected(s, fd);
	return true;
}

static void sock_reconnect_failed(SocketChardev *s, Error *err)
{
	if (!s->error_reported)
		error_report("Unable to connect character device %s: %s", s->parent.parent.label,
			     error_get_pretty(err));
	s->error_reported = true;
	error_free(err);
	sock_schedule_reconnect(s);
}

/* The connect of a reconnecting client finished, one way or the other. */
static void sock_connect_done(void *opaque)
{
	SocketChardev *s = opaque;
	int fd = s->connecting_fd, err = 0;
	socklen_t len = sizeof(err);
	struct sockaddr_storage ss;
	Error *local = NULL;

	qemu_set_fd_handler(fd, NULL, NULL, NULL);
	s->connecting_fd = -1;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err) {
		close(fd);
		error_setg_errno(&local, err ? err : errno, "Failed to connect to '%s:%s'", s->host,
				 s->port);
		sock_reconnect_failed(s, local);
		return;
	}
	len = sizeof(ss);
	if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0)
		sock_record_peer(s, &ss, len);
	sock_connected(s, fd);
}

/*
 * A reconnecting TCP client connects without blocking: the main loop (the guest, the
 * monitors) goes on while a peer is slow to answer, and the fd's writability ends the wait.
 */
static bool sock_start_connect(SocketChardev *s, Error **errp)
{
	SocketAddress a = sock_addr(s);
	int fd = socket_address_connect(&a, errp);

	if (fd < 0)
		return false;
	s->connecting_fd = fd;
	qemu_set_fd_handler(fd, NULL, sock_connect_done, s);
	return true;
}

static void sock_reconnect(void *opaque)
{
	SocketChardev *s = opaque;
	Error *err = NULL;

	if (s->parent.fd_in >= 0 || s->connecting_fd >= 0)
		return;
	if (is_unix(s) ? sock_connect(s, &err) : sock_start_connect(s, &err))
		return;
	sock_reconnect_failed(s, err);
}

/* ---- server ---- */

static int sock_listen(SocketChardev *s, Error **errp)
{
	SocketAddress a = sock_addr(s);
	int fd = socket_address_listen(&a, errp);

	s->unlink_path = fd >= 0 && is_unix(s);
	return fd;
}

/* wait=on: start-up blocks until the first client, as QEMU's; a signal still ends the wait. */
static bool sock_wait_client(SocketChardev *s, Error **errp)
{
	g_autofree char *addr = sock_address(s);

	info_report("QEMU waiting for connection on: disconnected:%s", addr);
	for (;;) {
		struct pollfd pfd = { .fd = s->listen_fd, .events = POLLIN };

		if (qemu_shutdown_pending())
			exit(0);
		if (poll(&pfd, 1, 100) > 0 && sock_accept(s))
			return true;
	}
}

/* ---- the class ---- */

static bool sock_check_opts(SocketChardev *s, Error **errp)
{
	int n = !!s->path + !!s->fd + !!s->host;

	if (n > 1) {
		error_setg(errp, "None or one of 'path', 'fd' or 'host' option required.");
		return false;
	}
	if (!s->path && !s->fd && !s->host) {
		error_setg(errp, "Unable to parse FD number ");
		return false;
	}
	if (s->host && !s->port) {
		error_setg(errp, "chardev: socket: no port given");
		return false;
	}
	if (s->server && s->reconnect) {
		error_setg(errp, "'reconnect' option is incompatible with socket in server listen "
				 "mode");
		return false;
	}
	if (!s->server && s->wait != ON_OFF_AUTO_AUTO) {
		error_setg(errp,
			   "'wait' option is incompatible with socket in client connect mode");
		return false;
	}
	return true;
}

/* fd=N: a socket the caller opened; a listening one when server=on. */
static int sock_inherited(SocketChardev *s, Error **errp)
{
	struct stat st;
	int64_t fd;

	if (qemu_strtoi64(s->fd, &fd) < 0 || fd < 0 || fd > INT_MAX) {
		error_setg(errp, "Unable to parse FD number %s", s->fd);
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode)) {
		error_setg(errp, "File descriptor '%s' is not a socket", s->fd);
		return -1;
	}
	s->inherited = true;
	return fd;
}

static void sock_close(Chardev *chr);

/* Listens or connects, as the options say. */
static bool sock_start(SocketChardev *s, Error **errp)
{
	FdChardev *f = &s->parent;
	int fd;

	if (s->fd) {
		fd = sock_inherited(s, errp);
		if (fd < 0)
			return false;
		if (!s->server) {
			sock_connected(s, fd);
			return true;
		}
		s->listen_fd = fd;
	} else if (s->server) {
		s->listen_fd = sock_listen(s, errp);
		if (s->listen_fd < 0)
			return false;
	} else if (s->reconnect) {
		/* The first try runs from the main loop, so its report names no option (QEMU's). */
		timer_mod(s->reconnect_timer, 0);
		return true;
	} else {
		return sock_connect(s, errp);
	}
	set_nonblock(s->listen_fd);
	if (s->wait != ON_OFF_AUTO_OFF && !sock_wait_client(s, errp))
		return false;
	if (f->fd_in < 0)
		sock_listen_handlers(s, true);
	return true;
}

static bool sock_open(Chardev *chr, Error **errp)
{
	SocketChardev *s = to_sock(chr);
	FdChardev *f = &s->parent;

	if (!sock_check_opts(s, errp))
		return false;
	qemu_chr_fd_init(f, -1, false, -1, false);
	f->hold_output = true;
	f->hangup = sock_hangup;
	if (s->telnet)
		f->filter_input = sock_filter_telnet;
	s->reconnect_timer = timer_new_ns(QEMU_CLOCK_REALTIME, sock_reconnect, s);
	if (sock_start(s, errp))
		return true;
	sock_close(chr); /* the core frees only the object */
	return false;
}

static void sock_close(Chardev *chr)
{
	SocketChardev *s = to_sock(chr);

	qemu_chr_fd_close(chr);
	if (s->listen_fd >= 0) {
		qemu_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
		close(s->listen_fd);
	}
	if (s->unlink_path)
		unlink(s->path);
	if (s->reconnect_timer)
		timer_free(s->reconnect_timer);
	if (s->connecting_fd >= 0) {
		qemu_set_fd_handler(s->connecting_fd, NULL, NULL, NULL);
		close(s->connecting_fd);
	}
	s->connecting_fd = -1;
	g_free(s->peer);
	s->listen_fd = -1;
	s->unlink_path = false;
	s->reconnect_timer = NULL;
	s->peer = NULL;
}

static const Property sock_props[] = {
	PROP("host", prop_info_string, SocketChardev, host),
	PROP("port", prop_info_string, SocketChardev, port),
	PROP("path", prop_info_string, SocketChardev, path),
	PROP("fd", prop_info_string, SocketChardev, fd),
	PROP("server", prop_info_bool, SocketChardev, server),
	PROP("wait", prop_info_on_off_auto, SocketChardev, wait),
	PROP("nodelay", prop_info_bool, SocketChardev, nodelay),
	PROP("telnet", prop_info_bool, SocketChardev, telnet),
	PROP("reconnect", prop_info_number, SocketChardev, reconnect),
	PROP_END,
};

static void sock_init(Object *obj)
{
	SocketChardev *s = to_sock(CHARDEV(obj));

	s->listen_fd = -1;
	s->connecting_fd = -1;
}

static void sock_class_init(ObjectClass *oc, const void *data)
{
	ChardevClass *cc = CHARDEV_CLASS(oc);

	cc->open = sock_open;
	cc->close = sock_close;
	cc->filename = sock_filename;
	object_class_add_props(oc, sock_props);
}

static void sock_register_types(void)
{
	static const TypeInfo info = {
		.name = CHARDEV_TYPE_PREFIX "socket",
		.parent = TYPE_CHARDEV_FD,
		.instance_size = sizeof(SocketChardev),
		.instance_init = sock_init,
		.class_init = sock_class_init,
	};
	type_register(&info);
}
type_init(sock_register_types)
