// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -netdev tap: the guest's NIC as a Linux tap interface (/dev/net/tun), so the host's own
 * network stack is the peer: ifname= names it (created, or an existing persistent one
 * attached), script=/downscript= configure it (QEMU's /etc/qemu-ifup and /etc/qemu-ifdown
 * by default, "no" for none), fd= takes one opened by a manager, helper=/br= ask QEMU's
 * bridge helper for one on a bridge (also -netdev bridge,br=,helper=). With vnet_hdr (on when the kernel has it) each frame
 * carries a virtio_net_hdr, so a virtio-net NIC passes checksum and segmentation offloads
 * straight through; behind a hub the header is dropped and added here. No vhost-net, no
 * multiqueue. Options and error texts are QEMU 7.2's.
 */
#include "qemu/osdep.h"
#include "net/socket-io.h"
#include "qemu/sockets.h"
#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#define TYPE_NETDEV_TAP	    NETDEV_TYPE_PREFIX "tap"
#define DEFAULT_SCRIPT	    "/etc/qemu-ifup"
#define DEFAULT_DOWNSCRIPT  "/etc/qemu-ifdown"
#define DEFAULT_HELPER	    "/usr/lib/qemu/qemu-bridge-helper"
#define DEFAULT_BRIDGE	    "br0"
#define VNET_HDR_LEN_LEGACY 10 /* struct virtio_net_hdr */

typedef struct NetTap {
	Netdev parent_obj;
	NetSocketIO io;
	char ifname[IFNAMSIZ];
	bool vnet_hdr;	  /* the fd carries a header before each frame */
	unsigned hdr_len; /* its length, as TUNSETVNETHDRSZ last set it */
	bool ufo;
	bool run_down; /* downscript at close */
	/* properties */
	char *ifname_opt, *fd, *fds, *script, *downscript, *br, *helper, *vhostfd, *vhostfds;
	char *vnet_hdr_opt, *vhost, *vhostforce;
	uint64_t sndbuf;
	uint32_t queues, poll_us;
} NetTap;

/* a netdev-tap or a netdev-bridge: the same state */
#define NET_TAP(obj) container_of(NETDEV(obj), NetTap, parent_obj)

static NetTap *to_tap(NetClientState *nc)
{
	return container_of((NetSocketIO *)nc->opaque, NetTap, io);
}

/* ---- the virtio_net_hdr ---- */

static bool tap_has_vnet_hdr(NetClientState *nc)
{
	return to_tap(nc)->vnet_hdr;
}

static bool tap_has_ufo(NetClientState *nc)
{
	return to_tap(nc)->ufo;
}

/* The NIC uses the header (len > 0) of that length, or not at all (the fd's stays, hidden). */
static void tap_set_vnet_hdr_len(NetClientState *nc, unsigned len)
{
	NetTap *t = to_tap(nc);

	if (len && len != t->hdr_len && ioctl(t->io.fd, TUNSETVNETHDRSZ, &(int){ len }) == 0)
		t->hdr_len = len;
	t->io.strip = len ? 0 : t->hdr_len;
}

static void tap_set_offload(NetClientState *nc, unsigned offloads)
{
	static const struct {
		unsigned net, tun;
	} map[] = {
		{ NET_OFFLOAD_CSUM, TUN_F_CSUM }, { NET_OFFLOAD_TSO4, TUN_F_TSO4 },
		{ NET_OFFLOAD_TSO6, TUN_F_TSO6 }, { NET_OFFLOAD_ECN, TUN_F_TSO_ECN },
		{ NET_OFFLOAD_UFO, TUN_F_UFO },
	};
	NetTap *t = to_tap(nc);
	unsigned flags = 0;

	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (offloads & map[i].net)
			flags |= map[i].tun;
	if (ioctl(t->io.fd, TUNSETOFFLOAD, flags) < 0 && (flags & TUN_F_UFO))
		ioctl(t->io.fd, TUNSETOFFLOAD, flags & ~TUN_F_UFO);
}

static const NetClientInfo tap_info = {
	.type = "tap",
	.receive = net_socket_io_receive,
	.peer_ready = net_socket_io_peer_ready,
	.has_vnet_hdr = tap_has_vnet_hdr,
	.has_ufo = tap_has_ufo,
	.set_vnet_hdr_len = tap_set_vnet_hdr_len,
	.set_offload = tap_set_offload,
};

/* ---- opening ---- */

static int tap_open(NetTap *t, bool want_vnet_hdr, bool need_vnet_hdr, Error **errp)
{
	struct ifreq ifr = { .ifr_flags = IFF_TAP | IFF_NO_PI };
	unsigned features = 0;
	int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		error_setg_errno(errp, errno, "could not open %s", "/dev/net/tun");
		return -1;
	}
	if (ioctl(fd, TUNGETFEATURES, &features) < 0)
		features = 0;
	if (want_vnet_hdr && (features & IFF_VNET_HDR))
		ifr.ifr_flags |= IFF_VNET_HDR;
	else if (need_vnet_hdr) {
		error_setg(
		    errp, "vnet_hdr=1 requested, but no kernel support for IFF_VNET_HDR available");
		close(fd);
		return -1;
	}
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", t->ifname_opt ? t->ifname_opt : "tap%d");
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		error_setg_errno(errp, errno, "could not configure %s (%s)", "/dev/net/tun",
				 ifr.ifr_name);
		close(fd);
		return -1;
	}
	snprintf(t->ifname, sizeof(t->ifname), "%s", ifr.ifr_name);
	t->vnet_hdr = ifr.ifr_flags & IFF_VNET_HDR;
	return fd;
}

/* Runs script with the interface name, as QEMU does; its status is the wait status. */
static bool run_script(const char *script, const char *ifname, Error **errp)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl(script, script, ifname, (char *)NULL);
		_exit(1);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		error_setg(errp, "network script %s failed with status %d", script,
			   pid < 0 ? -1 : status);
		return false;
	}
	return true;
}

/* QEMU's bridge helper: it opens a tap on the bridge and passes the fd back over a socket. */
static int tap_from_helper(NetTap *t, Error **errp)
{
	const char *helper = t->helper ? t->helper : DEFAULT_HELPER;
	int sv[2], fd = -1, status;
	char byte, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
		error_setg_errno(errp, errno, "socketpair() failed");
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		g_autofree char *fdarg = g_strdup_printf("--fd=%d", sv[1]);
		g_autofree char *brarg = g_strdup_printf("--br=%s", t->br ? t->br : DEFAULT_BRIDGE);

		close(sv[0]);
		execl(helper, helper, "--use-vnet", fdarg, brarg, (char *)NULL);
		_exit(1);
	}
	close(sv[1]);
	if (pid > 0) {
		while (recvmsg(sv[0], &msg, 0) < 0 && errno == EINTR)
			;
		c = CMSG_FIRSTHDR(&msg);
		if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(fd));
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	close(sv[0]);
	if (fd < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		error_setg(errp, "bridge helper failed");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* An fd from elsewhere (fd=, the helper): its name and whether it has IFF_VNET_HDR. */
static bool tap_adopt(NetTap *t, int fd, Error **errp)
{
	struct ifreq ifr = { 0 };

	if (ioctl(fd, TUNGETIFF, &ifr) < 0) {
		error_setg_errno(errp, errno, "Unable to query TUNGETIFF on FD %d", fd);
		return false;
	}
	snprintf(t->ifname, sizeof(t->ifname), "%s", ifr.ifr_name);
	t->vnet_hdr = ifr.ifr_flags & IFF_VNET_HDR;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return true;
}

static bool flag_on(const char *v)
{
	return v &&
	       (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "y"));
}

static bool tap_check(NetTap *t, Error **errp)
{
	const char *flags[] = { t->vnet_hdr_opt, t->vhost, t->vhostforce };
	const char *names[] = { "vnet_hdr", "vhost", "vhostforce" };

	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
		if (flags[i] && !flag_on(flags[i]) && strcmp(flags[i], "off") &&
		    strcmp(flags[i], "no") && strcmp(flags[i], "false") && strcmp(flags[i], "n")) {
			error_setg(errp, "Parameter '%s' expects 'on' or 'off'", names[i]);
			return false;
		}
	if (t->fd && (t->ifname_opt || t->script || t->downscript || t->vnet_hdr_opt || t->helper ||
		      t->queues || t->fds || t->vhostfds)) {
		error_setg(errp,
			   "ifname=, script=, downscript=, vnet_hdr=, helper=, queues=, fds=, "
			   "and vhostfds= are invalid with fd=");
		return false;
	}
	if (t->helper &&
	    (t->ifname_opt || t->script || t->downscript || t->queues || t->fds || t->vhostfds)) {
		error_setg(errp, "ifname=, script=, downscript=, queues=, fds=, and vhostfds= are "
				 "invalid with helper=");
		return false;
	}
	if (flag_on(t->vhost) || flag_on(t->vhostforce) || t->vhostfd || t->vhostfds) {
		error_setg(errp, "vhost-net requested but could not be initialized");
		error_append_hint(errp, "Quicksilver has no vhost-net: use vhost=off.\n");
		return false;
	}
	if (t->queues > 1 || (t->fds && strchr(t->fds, ':'))) {
		error_setg(errp, "multiqueue tap is not supported: use one queue");
		return false;
	}
	return true;
}

/* The tap is open: probe its header and offloads, and start moving frames. */
static void tap_start(NetTap *t, int fd)
{
	Netdev *nd = &t->parent_obj;

	/* as QEMU: no limit on what the kernel queues for the interface unless sndbuf= says */
	ioctl(fd, TUNSETSNDBUF, &(int){ t->sndbuf ? MIN(t->sndbuf, (uint64_t)INT_MAX) : INT_MAX });
	t->hdr_len = t->vnet_hdr ? VNET_HDR_LEN_LEGACY : 0;
	t->ufo = t->vnet_hdr && ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_UFO) == 0;
	if (t->vnet_hdr)
		ioctl(fd, TUNSETOFFLOAD, 0); /* none until a driver asks */
	nd->nc = qemu_new_net_client(&tap_info, nd->id, &t->io);
	t->io.file = true;
	t->io.strip = t->hdr_len; /* until a NIC takes the header */
	net_socket_io_start(&t->io, nd->nc, fd, false);
}

static bool tap_init(Netdev *nd, Error **errp)
{
	NetTap *t = NET_TAP(nd);
	const char *fdstr = t->fd ? t->fd : t->fds;
	int fd;

	if (!tap_check(t, errp))
		return false;
	if (fdstr) {
		fd = socket_fd_from_str(fdstr, errp);
		if (fd < 0) {
			error_prepend(errp, "%s: ", nd->id);
			return false;
		}
		if (!tap_adopt(t, fd, errp))
			return false;
	} else if (t->helper || t->br) {
		fd = tap_from_helper(t, errp);
		if (fd < 0)
			return false;
		if (!tap_adopt(t, fd, errp)) {
			close(fd);
			return false;
		}
	} else {
		const char *up = t->script ? t->script : DEFAULT_SCRIPT;

		fd = tap_open(t, !t->vnet_hdr_opt || flag_on(t->vnet_hdr_opt),
			      flag_on(t->vnet_hdr_opt), errp);
		if (fd < 0)
			return false;
		if (*up && strcmp(up, "no") && !run_script(up, t->ifname, errp)) {
			close(fd);
			return false;
		}
		t->run_down = true;
	}
	tap_start(t, fd);
	qemu_set_info_str(nd->nc, "ifname=%s,script=%s,downscript=%s", t->ifname,
			  t->script ? t->script : DEFAULT_SCRIPT,
			  t->downscript ? t->downscript : DEFAULT_DOWNSCRIPT);
	return true;
}

/* -netdev bridge: a tap the bridge helper opens on br= (br0 by default). */
static bool bridge_init(Netdev *nd, Error **errp)
{
	NetTap *t = NET_TAP(nd);
	int fd = tap_from_helper(t, errp);

	if (fd < 0)
		return false;
	if (!tap_adopt(t, fd, errp)) {
		close(fd);
		return false;
	}
	tap_start(t, fd);
	qemu_set_info_str(nd->nc, "helper=%s,br=%s", t->helper ? t->helper : DEFAULT_HELPER,
			  t->br ? t->br : DEFAULT_BRIDGE);
	return true;
}

static void tap_cleanup(Netdev *nd)
{
	NetTap *t = NET_TAP(nd);
	const char *down = t->downscript ? t->downscript : DEFAULT_DOWNSCRIPT;
	Error *err = NULL;

	if (t->run_down && *down && strcmp(down, "no") && !run_script(down, t->ifname, &err))
		error_report_err(err);
	t->run_down = false;
	net_socket_io_stop(&t->io);
}

static void tap_instance_init(Object *obj)
{
	NetTap *t = NET_TAP(obj);

	t->io.fd = -1;
	t->io.opaque = t;
}

#define STR(name, field, desc) PROP(name, prop_info_string, NetTap, field, PROP_DESC(desc))

static const Property tap_props[] = {
	STR("ifname", ifname_opt, "interface name (created if it does not exist; default tapN)"),
	STR("fd", fd, "an open tap device"),
	STR("fds", fds, "open tap devices, one per queue (one only)"),
	STR("script", script, "run on the interface at start (default /etc/qemu-ifup; no: none)"),
	STR("downscript", downscript,
	    "run on the interface at exit (default /etc/qemu-ifdown; no: none)"),
	STR("br", br, "bridge the helper attaches the interface to (default br0)"),
	STR("helper", helper, "program that opens the tap (default QEMU's bridge helper)"),
	PROP("sndbuf", prop_info_size, NetTap, sndbuf, PROP_DESC("send buffer limit in bytes")),
	STR("vnet_hdr", vnet_hdr_opt,
	    "on/off: frames with a virtio_net_hdr (default: when possible)"),
	STR("vhost", vhost, "on/off: vhost-net (off only)"),
	STR("vhostfd", vhostfd, "vhost-net device (not supported)"),
	STR("vhostfds", vhostfds, "vhost-net devices (not supported)"),
	STR("vhostforce", vhostforce, "on/off: vhost-net (off only)"),
	PROP("queues", prop_info_uint32, NetTap, queues, PROP_DESC("number of queues (1 only)")),
	PROP("poll-us", prop_info_uint32, NetTap, poll_us,
	     PROP_DESC("vhost-net busy polling (vhost only)")),
	PROP_END,
};

static const Property bridge_props[] = {
	STR("br", br, "bridge the helper attaches the interface to (default br0)"),
	STR("helper", helper, "program that opens the tap (default QEMU's bridge helper)"),
	PROP_END,
};

static void bridge_class_init(ObjectClass *klass, const void *data)
{
	NetdevClass *nc = NETDEV_CLASS(klass);

	nc->init = bridge_init;
	nc->cleanup = tap_cleanup;
	object_class_add_props(klass, bridge_props);
}

static void tap_class_init(ObjectClass *klass, const void *data)
{
	NetdevClass *nc = NETDEV_CLASS(klass);

	nc->init = tap_init;
	nc->cleanup = tap_cleanup;
	object_class_add_props(klass, tap_props);
}

static void tap_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_NETDEV_TAP,
		.parent = TYPE_NETDEV,
		.instance_size = sizeof(NetTap),
		.instance_init = tap_instance_init,
		.class_init = tap_class_init,
	};
	static const TypeInfo bridge = {
		.name = NETDEV_TYPE_PREFIX "bridge",
		.parent = TYPE_NETDEV,
		.instance_size = sizeof(NetTap),
		.instance_init = tap_instance_init,
		.class_init = bridge_class_init,
	};

	type_register(&info);
	type_register(&bridge);
}
type_init(tap_register_types)
