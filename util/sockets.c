// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host sockets shared by the chardev and netdev backends (include/qemu/sockets.h): name
 * resolution, "host:port" strings, and QEMU's SocketAddress checked, resolved and opened.
 * Error texts are those QEMU 7.2 prints for the same mistakes.
 */
#include "qemu/osdep.h"
#include "qemu/sockets.h"
#include <netinet/in.h>
#include <netinet/tcp.h>

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

struct addrinfo *inet_resolve(const char *host, const char *port, int family, int socktype,
			      int flags, Error **errp)
{
	struct addrinfo hints = { .ai_family = family, .ai_socktype = socktype, .ai_flags = flags };
	struct addrinfo *res = NULL;
	int rc;

	rc = getaddrinfo(host && *host ? host : NULL, port, &hints, &res);
	if (rc) {
		error_setg(errp, "address resolution failed for %s:%s: %s", host ? host : "", port,
			   gai_strerror(rc));
		return NULL;
	}
	return res;
}

char *sockaddr_string(const struct sockaddr *sa, socklen_t len)
{
	char host[NI_MAXHOST], serv[NI_MAXSERV];

	if ((sa->sa_family != AF_INET && sa->sa_family != AF_INET6) ||
	    getnameinfo(sa, len, host, sizeof(host), serv, sizeof(serv),
			NI_NUMERICHOST | NI_NUMERICSERV))
		return NULL;
	return g_strdup_printf("%s:%s", host, serv);
}

bool inet_split(const char *str, char **host, char **port, Error **errp)
{
	const char *colon = strrchr(str, ':');

	if (!colon) {
		error_setg(errp, "host address '%s' doesn't contain ':' separating host from port",
			   str);
		return false;
	}
	if (str[0] == '[' && colon > str && colon[-1] == ']')
		*host = g_strndup(str + 1, colon - str - 2);
	else
		*host = g_strndup(str, colon - str);
	*port = g_strdup(colon + 1);
	return true;
}

int socket_fd_from_str(const char *str, Error **errp)
{
	char *end;
	long fd = strtol(str, &end, 10);

	if (!*str || *end || fd < 0 || fd > INT_MAX) {
		error_setg(errp, "No file descriptor named %s found", str);
		return -1;
	}
	if (fcntl(fd, F_GETFD) < 0) {
		error_setg_errno(errp, errno, "Can't use file descriptor %ld", fd);
		return -1;
	}
	return fd;
}

/* ---- SocketAddress ---- */

bool socket_address_given(const SocketAddress *a)
{
	const char *const *m = (const char *const *)a;

	for (size_t i = 0; i < sizeof(*a) / sizeof(char *); i++)
		if (m[i])
			return true;
	return false;
}

SocketAddressKind socket_address_kind(const SocketAddress *a)
{
	return !strcmp(a->type, "unix") ? SOCKET_ADDRESS_UNIX
	       : !strcmp(a->type, "fd") ? SOCKET_ADDRESS_FD
					: SOCKET_ADDRESS_INET;
}

static bool parse_flag(const char *v, bool def)
{
	return v ? !strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "y")
		 : def;
}

static bool flag_ok(const char *v)
{
	static const char *const words[] = { "on", "yes", "true", "y", "off", "no", "false", "n" };

	for (size_t i = 0; v && i < ARRAY_SIZE(words); i++)
		if (!strcmp(v, words[i]))
			return true;
	return !v;
}

/* Members of each variant, in QEMU's declaration order (the first one missing is reported). */
struct member {
	const char *name;
	size_t offset;
	bool mandatory, flag;
};
#define M(n, f, mand, flag)                                                                        \
	{                                                                                          \
		n, offsetof(SocketAddress, f), mand, flag                                          \
	}
static const struct member inet_members[] = {
	M("host", host, true, false),
	M("port", port, true, false),
	M("numeric", numeric, false, true),
	M("to", to, false, false),
	M("ipv4", ipv4, false, true),
	M("ipv6", ipv6, false, true),
	M("keep-alive", keep_alive, false, true),
	M("mptcp", mptcp, false, true),
};
static const struct member unix_members[] = {
	M("path", path, true, false),
	M("abstract", abstract, false, true),
	M("tight", tight, false, true),
};
static const struct member fd_members[] = { M("str", str, true, false) };
static const struct member all_members[] = {
	M("host", host, 0, 0),
	M("port", port, 0, 0),
	M("numeric", numeric, 0, 0),
	M("to", to, 0, 0),
	M("ipv4", ipv4, 0, 0),
	M("ipv6", ipv6, 0, 0),
	M("keep-alive", keep_alive, 0, 0),
	M("mptcp", mptcp, 0, 0),
	M("path", path, 0, 0),
	M("abstract", abstract, 0, 0),
	M("tight", tight, 0, 0),
	M("str", str, 0, 0),
};
#undef M

static const char *member_of(const SocketAddress *a, const struct member *m)
{
	return *(char *const *)((const char *)a + m->offset);
}

static bool in_variant(const struct member *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return true;
	return false;
}

bool socket_address_check(const SocketAddress *a, const char *name, Error **errp)
{
	const struct member *v;
	size_t n;

	if (!socket_address_given(a)) {
		error_setg(errp, "Parameter '%s' is missing", name);
		return false;
	}
	if (!a->type) {
		error_setg(errp, "Parameter '%s.type' is missing", name);
		return false;
	}
	if (!strcmp(a->type, "inet")) {
		v = inet_members, n = ARRAY_SIZE(inet_members);
	} else if (!strcmp(a->type, "unix")) {
		v = unix_members, n = ARRAY_SIZE(unix_members);
	} else if (!strcmp(a->type, "fd")) {
		v = fd_members, n = ARRAY_SIZE(fd_members);
	} else if (!strcmp(a->type, "vsock")) {
		error_setg(errp, "%s.type=vsock: vsock addresses are not supported", name);
		return false;
	} else {
		error_setg(errp, "Parameter 'type' does not accept value '%s'", a->type);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const char *val = member_of(a, &v[i]);

		if (v[i].mandatory && !val) {
			error_setg(errp, "Parameter '%s.%s' is missing", name, v[i].name);
			return false;
		}
		if (v[i].flag && !flag_ok(val)) {
			error_setg(errp, "Parameter '%s.%s' expects 'on' or 'off'", name,
				   v[i].name);
			return false;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(all_members); i++)
		if (member_of(a, &all_members[i]) && !in_variant(v, n, all_members[i].name)) {
			error_setg(errp, "Parameter '%s.%s' is unexpected", name,
				   all_members[i].name);
			return false;
		}
	return true;
}

static int inet_family(const SocketAddress *a)
{
	bool v4 = parse_flag(a->ipv4, false), v6 = parse_flag(a->ipv6, false);

	return v4 && !v6 ? AF_INET : v6 && !v4 ? AF_INET6 : AF_UNSPEC;
}

bool socket_address_is_file(const SocketAddress *a)
{
	return a->type && socket_address_kind(a) == SOCKET_ADDRESS_UNIX && a->path &&
	       !parse_flag(a->abstract, false);
}

static bool unix_sockaddr(const SocketAddress *a, struct sockaddr_un *un, socklen_t *len,
			  Error **errp)
{
	bool abstract = parse_flag(a->abstract, false);
	size_t n = strlen(a->path);

	memset(un, 0, sizeof(*un));
	un->sun_family = AF_UNIX;
	if (n + abstract >= sizeof(un->sun_path)) {
		error_setg(errp, "UNIX socket path '%s' is too long", a->path);
		return false;
	}
	memcpy(un->sun_path + abstract, a->path, n);
	/* an abstract name is exactly its bytes when tight (QEMU's default), else the whole array */
	*len = abstract && !parse_flag(a->tight, true)
		   ? sizeof(*un)
		   : offsetof(struct sockaddr_un, sun_path) + abstract + n + 1;
	if (abstract && parse_flag(a->tight, true))
		(*len)--;
	return true;
}

static void inet_sockopts(const SocketAddress *a, int fd)
{
	int one = 1;

	if (parse_flag(a->keep_alive, false))
		setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
}

static int inet_socket(const SocketAddress *a, const struct addrinfo *ai)
{
	int proto = parse_flag(a->mptcp, false) ? IPPROTO_MPTCP : ai->ai_protocol;
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, proto);

	if (fd >= 0)
		inet_sockopts(a, fd);
	return fd;
}

static struct addrinfo *inet_lookup(const SocketAddress *a, const char *port, int socktype,
				    bool passive, Error **errp)
{
	int flags =
	    (passive ? AI_PASSIVE : 0) | (parse_flag(a->numeric, false) ? AI_NUMERICHOST : 0);

	return inet_resolve(a->host, port, inet_family(a), socktype, flags, errp);
}

static bool port_number(const char *s, long *out)
{
	char *end;

	*out = strtol(s, &end, 10);
	return *s && !*end && *out >= 0 && *out <= 65535;
}

/* Binds and listens on the first address of host:port that takes it, or -1 (errno set). */
static int inet_listen_port(const SocketAddress *a, const char *port, Error **errp)
{
	struct addrinfo *res = inet_lookup(a, port, SOCK_STREAM, true, errp);
	int err = EADDRINUSE, one = 1;

	if (!res)
		return -2;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		int fd = inet_socket(a, ai);

		if (fd < 0) {
			err = errno;
			continue;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
			freeaddrinfo(res);
			return fd;
		}
		err = errno;
		close(fd);
	}
	freeaddrinfo(res);
	errno = err;
	return -1;
}

/* The first port of port..to that is free (a named service: that one only). */
static int inet_listen(const SocketAddress *a, Error **errp)
{
	long first, last;
	int fd = -1;

	if (!port_number(a->port, &first))
		first = last = -1;
	else
		last = first;
	if (a->to && first >= 0 && (!port_number(a->to, &last) || last < first)) {
		error_setg(errp, "Parameter '%s' expects a port number from %ld to 65535", "to",
			   first);
		return -1;
	}
	for (long p = first; p <= last; p++) {
		char port[8];

		snprintf(port, sizeof(port), "%ld", p);
		fd = inet_listen_port(a, first < 0 ? a->port : port, errp);
		if (fd >= 0 || fd == -2)
			break;
	}
	if (fd == -1)
		error_setg_errno(errp, errno, "Failed to find an available port");
	return fd < 0 ? -1 : fd;
}

static int unix_listen(const SocketAddress *a, Error **errp)
{
	struct sockaddr_un un;
	socklen_t len;
	int fd;

	if (!unix_sockaddr(a, &un, &len, errp))
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (!parse_flag(a->abstract, false))
		unlink(a->path); /* a stale socket from an earlier run */
	if (fd < 0 || bind(fd, (struct sockaddr *)&un, len) < 0 || listen(fd, 1) < 0) {
		error_setg_errno(errp, errno, "Failed to bind socket to %s", a->path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int socket_address_listen(const SocketAddress *a, Error **errp)
{
	switch (socket_address_kind(a)) {
	case SOCKET_ADDRESS_UNIX:
		return unix_listen(a, errp);
	case SOCKET_ADDRESS_FD:
		return socket_fd_from_str(a->str, errp);
	default:
		return inet_listen(a, errp);
	}
}

static int stream_connect(const SocketAddress *a, Error **errp)
{
	struct sockaddr_un un;
	struct addrinfo *res;
	socklen_t len;
	int fd, err;

	if (socket_address_kind(a) == SOCKET_ADDRESS_UNIX) {
		if (!unix_sockaddr(a, &un, &len, errp))
			return -1;
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&un, len) == 0)
			return fd;
		error_setg_errno(errp, errno, "Failed to connect to '%s'", a->path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	res = inet_lookup(a, a->port, SOCK_STREAM, false, errp);
	if (!res)
		return -1;
	fd = inet_socket(a, res);
	if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) < 0 && errno != EINPROGRESS) {
		err = errno;
		close(fd);
		fd = -1;
		errno = err;
	}
	if (fd < 0)
		error_setg_errno(errp, errno, "Failed to connect to '%s:%s'", a->host, a->port);
	freeaddrinfo(res);
	return fd;
}

int socket_address_connect(const SocketAddress *a, Error **errp)
{
	if (socket_address_kind(a) == SOCKET_ADDRESS_FD)
		return socket_fd_from_str(a->str, errp);
	return stream_connect(a, errp);
}

bool socket_address_resolve(const SocketAddress *a, int socktype, struct sockaddr_storage *ss,
			    socklen_t *len, Error **errp)
{
	struct addrinfo *res;

	memset(ss, 0, sizeof(*ss));
	if (socket_address_kind(a) == SOCKET_ADDRESS_UNIX)
		return unix_sockaddr(a, (struct sockaddr_un *)ss, len, errp);
	res = inet_lookup(a, a->port, socktype, false, errp);
	if (!res)
		return false;
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return true;
}

char *socket_address_string(const SocketAddress *a)
{
	switch (socket_address_kind(a)) {
	case SOCKET_ADDRESS_UNIX:
		return g_strdup(a->path);
	case SOCKET_ADDRESS_FD:
		return g_strdup_printf("fd=%s", a->str);
	default:
		return g_strdup_printf("%s:%s", a->host, a->port);
	}
}
