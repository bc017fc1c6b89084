// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -netdev user: user-mode networking on libslirp. The guest's frames go into libslirp, which
 * keeps a virtual network (by default 10.0.2.0/24: gateway and host 10.0.2.2, DNS 10.0.2.3,
 * DHCP handing out 10.0.2.15 on) and carries the guest's connections on host sockets; its
 * frames for the guest go to the peer NIC. Its sockets and timers run in the main loop
 * through a poll hook. hostfwd= rules forward host ports to the guest; guestfwd= rules give
 * the guest an address:port whose connections reach a host command (cmd:) or a chardev.
 * Options, defaults and error texts are QEMU 7.2's.
 */
#include "qemu/osdep.h"
#include "net/net.h"
#include "qemu/main-loop.h"
#include "qemu/log.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"
#include <arpa/inet.h>
#include <poll.h>
#include <slirp/libslirp.h>

#define TYPE_NETDEV_USER NETDEV_TYPE_PREFIX "user"

typedef struct NetUser {
	Netdev parent_obj;
	Slirp *slirp;
	/* properties */
	bool ipv4, ipv6, restrict_;
	char *net, *host, *dhcpstart, *dns, *ipv6_net, *ipv6_host, *ipv6_dns;
	char *hostname, *domainname, *tftp, *tftp_server_name, *bootfile;
	char **dnssearch, **hostfwd, **guestfwd;
	GPtrArray *fwds; /* GuestFwd * of the chardev rules */
} NetUser;

/* A guestfwd= rule on a chardev: the guest's connection to server:port is the chardev. */
typedef struct GuestFwd {
	CharBackend be;
	Chardev *own; /* the chardev the rule's spec made (not a chardev:ID): deleted with it */
	Slirp *slirp;
	struct in_addr server;
	int port;
} GuestFwd;

#define NET_USER(obj) OBJECT_CHECK(NetUser, (obj), TYPE_NETDEV_USER)

/* ---- libslirp's callbacks ---- */

static ssize_t send_packet(const void *buf, size_t len, void *opaque)
{
	NetUser *s = opaque;

	qemu_send_packet(s->parent_obj.nc, buf, len);
	return len;
}

static void guest_error(const char *msg, void *opaque)
{
	qemu_log_mask(LOG_GUEST_ERROR, "slirp: %s\n", msg);
}

static int64_t clock_get_ns(void *opaque)
{
	return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

typedef struct SlirpTimer {
	QEMUTimer *timer;
	SlirpTimerCb cb;
	void *cb_opaque;
} SlirpTimer;

static void timer_fired(void *opaque)
{
	SlirpTimer *t = opaque;

	t->cb(t->cb_opaque);
}

static void *slirp_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
	SlirpTimer *t = g_new0(SlirpTimer, 1);

	t->cb = cb;
	t->cb_opaque = cb_opaque;
	t->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, timer_fired, t);
	return t;
}

static void slirp_timer_free(void *timer, void *opaque)
{
	SlirpTimer *t = timer;

	timer_free(t->timer);
	g_free(t);
}

static void slirp_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
	timer_mod(((SlirpTimer *)timer)->timer, expire_ms * SCALE_MS);
}

static void register_poll_fd(int fd, void *opaque)
{
}

static void notify(void *opaque)
{
	qemu_notify_event();
}

static const SlirpCb callbacks = {
	.send_packet = send_packet,
	.guest_error = guest_error,
	.clock_get_ns = clock_get_ns,
	.timer_new = slirp_timer_new,
	.timer_free = slirp_timer_free,
	.timer_mod = slirp_timer_mod,
	.register_poll_fd = register_poll_fd,
	.unregister_poll_fd = register_poll_fd,
	.notify = notify,
};

/* ---- polling ---- */

static const struct {
	int slirp;
	short poll;
} poll_bits[] = {
	{ SLIRP_POLL_IN, POLLIN },   { SLIRP_POLL_OUT, POLLOUT }, { SLIRP_POLL_PRI, POLLPRI },
	{ SLIRP_POLL_ERR, POLLERR }, { SLIRP_POLL_HUP, POLLHUP },
};

static int add_poll(int fd, int events, void *opaque)
{
	short ev = 0;

	for (size_t i = 0; i < ARRAY_SIZE(poll_bits); i++)
		if (events & poll_bits[i].slirp)
			ev |= poll_bits[i].poll;
	return main_loop_poll_add(fd, ev);
}

static int get_revents(int idx, void *opaque)
{
	short rev = main_loop_poll_revents(idx);
	int events = 0;

	for (size_t i = 0; i < ARRAY_SIZE(poll_bits); i++)
		if (rev & poll_bits[i].poll)
			events |= poll_bits[i].slirp;
	return events;
}

static void poll_fill(void *opaque, int64_t *timeout_ns)
{
	NetUser *s = opaque;
	uint32_t timeout_ms = UINT32_MAX;

	slirp_pollfds_fill(s->slirp, &timeout_ms, add_poll, s);
	if (timeout_ms != UINT32_MAX)
		*timeout_ns = (int64_t)timeout_ms * SCALE_MS;
}

static void poll_dispatch(void *opaque, bool failed)
{
	NetUser *s = opaque;

	slirp_pollfds_poll(s->slirp, failed, get_revents, s);
	/* a guestfwd chardev held back for want of room in the guest's socket reads again */
	for (guint i = 0; s->fwds && i < s->fwds->len; i++) {
		GuestFwd *f = g_ptr_array_index(s->fwds, i);

		if (f->be.chr && slirp_socket_can_recv(s->slirp, f->server, f->port) > 0)
			qemu_chr_fe_accept_input(&f->be);
	}
}

/* ---- the guest's side ---- */

static ssize_t user_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
	NetUser *s = nc->opaque;

	slirp_input(s->slirp, buf, len);
	return len;
}

static const NetClientInfo user_info = {
	.type = "user",
	.receive = user_receive,
};

/* ---- options ---- */

/* "a.b.c.d[/bits|/mask]", as QEMU reads net=. */
static bool parse_net(const char *str, struct in_addr *net, struct in_addr *mask, Error **errp)
{
	char *copy = g_strdup(str), *slash = strchr(copy, '/');
	bool ok = false;

	if (slash) {
		char *end;
		long bits;

		*slash = 0;
		bits = strtol(slash + 1, &end, 10);
		if (*end == 0) {
			if (bits < 4 || bits > 32) {
				error_setg(errp,
					   "Invalid netmask provided (must be in range 4-32)");
				goto out;
			}
			mask->s_addr = htonl(bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits));
		} else if (!inet_aton(slash + 1, mask)) {
			error_setg(errp, "Failed to parse netmask");
			goto out;
		}
	} else {
		mask->s_addr = htonl(0xffffff00u);
	}
	if (!inet_aton(copy, net)) {
		error_setg(errp, "Failed to parse netmask");
		goto out;
	}
	net->s_addr &= mask->s_addr;
	ok = true;
out:
	g_free(copy);
	return ok;
}

/* An address inside the network: given, or the network's base plus the default offset. */
static bool pick_addr(const char *str, struct in_addr net, struct in_addr mask, uint32_t offset,
		      struct in_addr *out, const char *what, Error **errp)
{
	if (!str) {
		out->s_addr = net.s_addr | htonl(offset);
		return true;
	}
	if (!inet_aton(str, out)) {
		error_setg(errp, "Failed to parse %s", what);
		return false;
	}
	if ((out->s_addr & mask.s_addr) != net.s_addr) {
		error_setg(errp, "%s doesn't belong to network", what);
		return false;
	}
	return true;
}

/* The text up to sep, moved past; false if sep is not there. */
static bool take_field(const char **p, char sep, char *buf, size_t size)
{
	const char *end = strchr(*p, sep);

	if (!end || (size_t)(end - *p) >= size)
		return false;
	memcpy(buf, *p, end - *p);
	buf[end - *p] = 0;
	*p = end + 1;
	return true;
}

static bool parse_port(const char *s, int min, int *port)
{
	char *end;
	long v = strtol(s, &end, 0);

	*port = v;
	return *s && !*end && v >= min && v <= 65535;
}

/* hostfwd=[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport */
static bool add_hostfwd(NetUser *s, const char *rule, struct in_addr dhcp, Error **errp)
{
	struct in_addr haddr = { INADDR_ANY }, gaddr = dhcp;
	const char *p = rule, *why;
	char buf[256];
	int hport, gport;
	bool udp = false;

	why = "No : separators";
	if (!take_field(&p, ':', buf, sizeof(buf)))
		goto fail;
	why = "Bad protocol name";
	if (!strcmp(buf, "udp"))
		udp = true;
	else if (*buf && strcmp(buf, "tcp"))
		goto fail;
	why = "Bad host address";
	if (!take_field(&p, ':', buf, sizeof(buf)) || (*buf && !inet_aton(buf, &haddr)))
		goto fail;
	why = "Bad host port separator";
	if (!take_field(&p, '-', buf, sizeof(buf)))
		goto fail;
	why = "Bad host port";
	if (!parse_port(buf, 0, &hport))
		goto fail;
	why = "Missing guest address";
	if (!take_field(&p, ':', buf, sizeof(buf)))
		goto fail;
	why = "Bad guest address";
	if (*buf && !inet_aton(buf, &gaddr))
		goto fail;
	why = "Bad guest port";
	if (!parse_port(p, 1, &gport))
		goto fail;
	if (slirp_add_hostfwd(s->slirp, udp, haddr, hport, gaddr, gport) < 0) {
		error_setg(errp, "Could not set up host forwarding rule '%s'", rule);
		return false;
	}
	return true;
fail:
	error_setg(errp, "Invalid host forwarding rule '%s' (%s)", rule, why);
	return false;
}

static ssize_t guestfwd_write(const void *buf, size_t len, void *opaque)
{
	GuestFwd *f = opaque;

	return qemu_chr_fe_write_all(&f->be, buf, len);
}

static int guestfwd_can_read(void *opaque)
{
	GuestFwd *f = opaque;

	return slirp_socket_can_recv(f->slirp, f->server, f->port);
}

static void guestfwd_read(void *opaque, const uint8_t *buf, int size)
{
	GuestFwd *f = opaque;

	slirp_socket_recv(f->slirp, f->server, f->port, buf, size);
}

/* The chardev a rule names (QEMU's legacy syntax: tcp:, unix:, chardev:ID, ...). */
static bool guestfwd_chardev(NetUser *s, GuestFwd *f, const char *spec, Error **errp)
{
	g_autofree char *label = g_strdup_printf("guestfwd.tcp.%d", f->port);
	Error *err = NULL;
	bool bad = false;
	Chardev *chr = qemu_chr_new_spec(label, spec, &bad, &err);

	if (!chr) {
		/* QEMU says why the chardev failed, then what it was for */
		if (bad)
			error_report("'%s' is not a valid char driver", spec);
		else if (err && !g_str_has_prefix(spec, "chardev:"))
			error_report_err(err), err = NULL;
		error_free(err);
		error_setg(errp, "Could not open guest forwarding device '%s'", label);
		return false;
	}
	if (!g_str_has_prefix(spec, "chardev:"))
		f->own = chr;
	if (slirp_add_guestfwd(s->slirp, guestfwd_write, f, &f->server, f->port) < 0)
		return false;
	if (!qemu_chr_fe_init(&f->be, chr, errp))
		return false;
	qemu_chr_fe_set_handlers(&f->be, guestfwd_can_read, guestfwd_read, NULL, f);
	return true;
}

/* guestfwd=[tcp]:server:port-cmd:COMMAND or guestfwd=[tcp]:server:port-CHARDEV */
static bool add_guestfwd(NetUser *s, const char *rule, Error **errp)
{
	const char *p = rule;
	char buf[256];
	GuestFwd *f = g_new0(GuestFwd, 1);
	Error *err = NULL;
	bool ok;

	f->slirp = s->slirp;
	if (!take_field(&p, ':', buf, sizeof(buf)) || (*buf && strcmp(buf, "tcp")) ||
	    !take_field(&p, ':', buf, sizeof(buf)) || (*buf && !inet_aton(buf, &f->server)) ||
	    !take_field(&p, '-', buf, sizeof(buf)) || !parse_port(buf, 1, &f->port)) {
		g_free(f);
		error_setg(errp, "Invalid guest forwarding rule '%s'", rule);
		return false;
	}
	if (g_str_has_prefix(p, "cmd:")) {
		ok = slirp_add_exec(s->slirp, p + 4, &f->server, f->port) >= 0;
		g_free(f);
	} else {
		ok = guestfwd_chardev(s, f, p, &err);
		g_ptr_array_add(s->fwds, f);
		if (err) {
			error_propagate(errp, err);
			return false;
		}
	}
	if (!ok)
		error_setg(errp, "Conflicting/invalid host:port in guest forwarding rule '%s'",
			   rule);
	return ok;
}

static bool parse_ipv6(NetUser *s, SlirpConfig *cfg, Error **errp)
{
	char *copy = g_strdup(s->ipv6_net ? s->ipv6_net : "fec0::/64"), *slash = strchr(copy, '/');
	bool ok = false;
	long len = 64;

	if (slash) {
		*slash = 0;
		len = strtol(slash + 1, NULL, 10);
	}
	if (inet_pton(AF_INET6, copy, &cfg->vprefix_addr6) != 1) {
		error_setg(errp, "Failed to parse IPv6 prefix");
		goto out;
	}
	if (len < 0 || len > 126) {
		error_setg(
		    errp,
		    "Invalid IPv6 prefix provided (IPv6 prefix length must be between 0 and 126)");
		goto out;
	}
	cfg->vprefix_len = len;
	cfg->vhost6 = cfg->vprefix_addr6;
	cfg->vhost6.s6_addr[15] |= 2;
	cfg->vnameserver6 = cfg->vprefix_addr6;
	cfg->vnameserver6.s6_addr[15] |= 3;
	if ((s->ipv6_host && inet_pton(AF_INET6, s->ipv6_host, &cfg->vhost6) != 1) ||
	    (s->ipv6_dns && inet_pton(AF_INET6, s->ipv6_dns, &cfg->vnameserver6) != 1)) {
		error_setg(errp, "Failed to parse IPv6 address");
		goto out;
	}
	ok = true;
out:
	g_free(copy);
	return ok;
}

static bool user_init(Netdev *nd, Error **errp)
{
	NetUser *s = NET_USER(nd);
	SlirpConfig cfg = { .version = 1 };
	struct in_addr net, mask;

	if (!s->ipv4 && !s->ipv6) {
		error_setg(errp, "IPv4 and IPv6 disabled");
		return false;
	}
	if (!parse_net(s->net ? s->net : "10.0.2.0/24", &net, &mask, errp) ||
	    !pick_addr(s->host, net, mask, 2, &cfg.vhost, "Host", errp) ||
	    !pick_addr(s->dhcpstart, net, mask, 15, &cfg.vdhcp_start, "DHCP", errp) ||
	    !pick_addr(s->dns, net, mask, 3, &cfg.vnameserver, "DNS", errp) ||
	    !parse_ipv6(s, &cfg, errp))
		return false;
	cfg.restricted = s->restrict_;
	cfg.in_enabled = s->ipv4;
	cfg.vnetwork = net;
	cfg.vnetmask = mask;
	cfg.in6_enabled = s->ipv6;
	cfg.vhostname = s->hostname;
	cfg.tftp_server_name = s->tftp_server_name;
	cfg.tftp_path = s->tftp;
	cfg.bootfile = s->bootfile;
	cfg.vdnssearch = (const char **)s->dnssearch;
	cfg.vdomainname = s->domainname;
	s->slirp = slirp_new(&cfg, &callbacks, s);
	nd->nc = qemu_new_net_client(&user_info, nd->id, s);
	qemu_set_info_str(nd->nc, "net=%s,restrict=%s", inet_ntoa(net),
			  s->restrict_ ? "on" : "off");
	main_loop_add_poll_hook(poll_fill, poll_dispatch, s);
	for (char **r = s->hostfwd; r && *r; r++)
		if (!add_hostfwd(s, *r, cfg.vdhcp_start, errp))
			return false;
	s->fwds = g_ptr_array_new();
	for (char **r = s->guestfwd; r && *r; r++)
		if (!add_guestfwd(s, *r, errp))
			return false;
	return true;
}

static void user_cleanup(Netdev *nd)
{
	NetUser *s = NET_USER(nd);

	for (guint i = 0; s->fwds && i < s->fwds->len; i++) {
		GuestFwd *f = g_ptr_array_index(s->fwds, i);

		qemu_chr_fe_deinit(&f->be);
		if (f->own) /* netdev_del then netdev_add again finds the label free */
			qemu_chr_delete(f->own);
		g_free(f);
	}
	if (s->fwds)
		g_ptr_array_free(s->fwds, TRUE);
	s->fwds = NULL;
	if (!s->slirp)
		return;
	main_loop_remove_poll_hook(s);
	slirp_cleanup(s->slirp);
	s->slirp = NULL;
}

#define STR(name, field, desc) PROP(name, prop_info_string, NetUser, field, PROP_DESC(desc))

static const Property user_props[] = {
	PROP("ipv4", prop_info_bool, NetUser, ipv4, PROP_DEFAULT_U(true)),
	PROP("ipv6", prop_info_bool, NetUser, ipv6, PROP_DEFAULT_U(true)),
	PROP("restrict", prop_info_bool, NetUser, restrict_, PROP_DEFAULT_U(false)),
	STR("net", net, "IPv4 network and netmask, a.b.c.d[/bits|/mask]"),
	STR("host", host, "the gateway's (host's) IPv4 address in the network"),
	STR("dhcpstart", dhcpstart, "the first address the DHCP server hands out"),
	STR("dns", dns, "the DNS server's IPv4 address in the network"),
	STR("ipv6-net", ipv6_net, "IPv6 prefix and length"),
	STR("ipv6-host", ipv6_host, "the gateway's IPv6 address"),
	STR("ipv6-dns", ipv6_dns, "the DNS server's IPv6 address"),
	STR("hostname", hostname, "the client hostname DHCP reports"),
	STR("domainname", domainname, "the DNS domain DHCP reports"),
	STR("tftp", tftp, "directory the TFTP server serves"),
	STR("tftp-server-name", tftp_server_name, "TFTP server name DHCP reports"),
	STR("bootfile", bootfile, "boot file name DHCP reports"),
	PROP("dnssearch", prop_info_strlist, NetUser, dnssearch,
	     PROP_DESC("a DNS search domain DHCP reports (repeatable)")),
	PROP("hostfwd", prop_info_strlist, NetUser, hostfwd,
	     PROP_DESC("[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport (repeatable)")),
	PROP("guestfwd", prop_info_strlist, NetUser, guestfwd,
	     PROP_DESC("[tcp]:server:port-cmd:COMMAND or -CHARDEV (repeatable)")),
	PROP_END,
};

static void user_class_init(ObjectClass *klass, const void *data)
{
	NetdevClass *nc = NETDEV_CLASS(klass);

	nc->init = user_init;
	nc->cleanup = user_cleanup;
	object_class_add_props(klass, user_props);
}

static void user_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_NETDEV_USER,
		.parent = TYPE_NETDEV,
		.instance_size = sizeof(NetUser),
		.class_init = user_class_init,
	};
	type_register(&info);
}
type_init(user_register_types)
