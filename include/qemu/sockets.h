// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host sockets for the backends that talk to other processes (socket and udp chardevs, the
 * socket, stream and dgram netdevs): name resolution with QEMU's error texts, "host:port"
 * strings, and QEMU's SocketAddress (inet, unix or an inherited fd) as a set of string
 * properties prefixed "addr." or "local."/"remote.", checked as QEMU's keyval parser checks
 * them and turned into listening, connected or datagram sockets.
 */
#ifndef QEMU_SOCKETS_H
#define QEMU_SOCKETS_H

#include "qemu/error.h"
#include "qom/property.h"
#include <netdb.h>
#include <sys/socket.h>
#include <sys/un.h>

/*
 * getaddrinfo (host NULL or "" for any; flags AI_PASSIVE, AI_NUMERICHOST), reporting QEMU's
 * "address resolution failed for HOST:PORT: ..."; free the result with freeaddrinfo.
 */
struct addrinfo *inet_resolve(const char *host, const char *port, int family, int socktype,
			      int flags, Error **errp);
/* "host:port" (numeric) of an inet address; NULL for other families. */
char *sockaddr_string(const struct sockaddr *sa, socklen_t len);
/* Splits "host:port" or "[v6addr]:port" as QEMU's -netdev socket reads them. */
bool inet_split(const char *str, char **host, char **port, Error **errp);
/* An inherited descriptor named by number (or monitor fd name, which we do not have). */
int socket_fd_from_str(const char *str, Error **errp);

/* QEMU's SocketAddress: every member a string as given, NULL when absent. */
typedef struct SocketAddress {
	char *type; /* inet, unix, fd (vsock is not supported) */
	char *host, *port, *to, *numeric, *ipv4, *ipv6, *keep_alive, *mptcp;
	char *path, *abstract, *tight;
	char *str;
} SocketAddress;

/* The property table entries of a SocketAddress field named by prefix ("addr."). */
#define SOCKET_ADDRESS_PROPS(prefix, State, f)                                                     \
	PROP(prefix "type", prop_info_string, State, f.type,                                       \
	     PROP_DESC("address type: inet, unix or fd")),                                         \
	    PROP(prefix "host", prop_info_string, State, f.host),                                  \
	    PROP(prefix "port", prop_info_string, State, f.port),                                  \
	    PROP(prefix "to", prop_info_string, State, f.to,                                       \
		 PROP_DESC("a listener tries ports up to this one")),                              \
	    PROP(prefix "numeric", prop_info_string, State, f.numeric),                            \
	    PROP(prefix "ipv4", prop_info_string, State, f.ipv4),                                  \
	    PROP(prefix "ipv6", prop_info_string, State, f.ipv6),                                  \
	    PROP(prefix "keep-alive", prop_info_string, State, f.keep_alive),                      \
	    PROP(prefix "mptcp", prop_info_string, State, f.mptcp),                                \
	    PROP(prefix "path", prop_info_string, State, f.path),                                  \
	    PROP(prefix "abstract", prop_info_string, State, f.abstract),                          \
	    PROP(prefix "tight", prop_info_string, State, f.tight),                                \
	    PROP(prefix "str", prop_info_string, State, f.str)

typedef enum { SOCKET_ADDRESS_INET, SOCKET_ADDRESS_UNIX, SOCKET_ADDRESS_FD } SocketAddressKind;

/*
 * Checks a as QEMU's parser does ("Parameter 'addr.host' is missing", "... is unexpected",
 * bools on/off); name is the prefix without its dot. False with an error when a is absent.
 */
bool socket_address_check(const SocketAddress *a, const char *name, Error **errp);
bool socket_address_given(const SocketAddress *a);
SocketAddressKind socket_address_kind(const SocketAddress *a);
/* A unix address with a path in the file system (not abstract= on): one to unlink. */
bool socket_address_is_file(const SocketAddress *a);
/* A listening stream socket (non-blocking); for inet, the first free port of port..to. */
int socket_address_listen(const SocketAddress *a, Error **errp);
/* A stream socket connecting without blocking (connect may still be in progress). */
int socket_address_connect(const SocketAddress *a, Error **errp);
/* The sockaddr a names, resolved, for datagram use. */
bool socket_address_resolve(const SocketAddress *a, int socktype, struct sockaddr_storage *ss,
			    socklen_t *len, Error **errp);
/* "127.0.0.1:5000" or "/path" as QEMU's info strings show the address. */
char *socket_address_string(const SocketAddress *a);

#endif
