// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The net layer: clients exchanging Ethernet frames in pairs of peers, a NIC's client with a
 * backend's (a netdev). A frame sent by one client goes to its peer's receive(); a peer that
 * cannot take it now has it queued (up to NET_QUEUE_MAX_BYTES; beyond that frames are dropped,
 * as a full wire would) until it calls qemu_flush_queued_packets(). Backends are QOM types
 * "netdev-NAME" deriving from "netdev", one file each, their options class properties:
 * -netdev help and the options accepted come from those types. NICs name their backend with
 * the "netdev" property and carry a "mac" property.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include "qom/object.h"
#include "qom/property.h"
#include "qemu/option.h"

#define NET_QUEUE_MAX_BYTES  (4 << 20)
#define NET_QUEUE_FRAME_COST 64 /* what a queued frame costs beyond its bytes */
#define TYPE_NETDEV	     "netdev"
#define NETDEV_TYPE_PREFIX   "netdev-"

typedef struct NetClientState NetClientState;

typedef struct NetClientInfo {
	const char *type; /* "user", "nic", ... as info network shows them */
	/* Takes one frame; returns len when taken, 0 when it cannot now (the frame is queued). */
	ssize_t (*receive)(NetClientState *nc, const uint8_t *buf, size_t len);
	/* Whether receive() would take a frame now; NULL means always. */
	bool (*can_receive)(NetClientState *nc);
	/* The peer's link went up or down. */
	void (*link_status_changed)(NetClientState *nc);
	/* The peer took every frame queued for it: nc may send again (see qemu_can_send_packet). */
	void (*peer_ready)(NetClientState *nc);
	/*
	 * Backends that can carry a virtio_net_hdr before each frame (tap): whether they can,
	 * and whether UDP fragmentation offload too; the NIC then sets the header's length
	 * (0: plain frames) and the offloads its driver accepts (NET_OFFLOAD_*).
	 */
	bool (*has_vnet_hdr)(NetClientState *nc);
	bool (*has_ufo)(NetClientState *nc);
	void (*set_vnet_hdr_len)(NetClientState *nc, unsigned len);
	void (*set_offload)(NetClientState *nc, unsigned offloads);
	/* A NIC's receive filter as QMP's query-rx-filter reports it (RxFilterInfo). */
	QValue (*query_rx_filter)(NetClientState *nc);
} NetClientInfo;

/* Receive offloads a driver accepts (its virtio guest_* features). */
enum {
	NET_OFFLOAD_CSUM = 1,
	NET_OFFLOAD_TSO4 = 2,
	NET_OFFLOAD_TSO6 = 4,
	NET_OFFLOAD_ECN = 8,
	NET_OFFLOAD_UFO = 16,
};

struct NetClientState {
	const NetClientInfo *info;
	char *name;
	NetClientState *peer;
	GQueue *queue;	     /* frames waiting for this client (GByteArray *) */
	size_t queued_bytes; /* frames' bytes plus NET_QUEUE_FRAME_COST each */
	bool link_down;
	bool delivering;    /* inside receive(): a flush from there must not deliver again */
	GPtrArray *filters; /* NetFilter * watching this client's frames (net/filter.c) */
	char *info_str;	    /* what info network says of the backend: "socket: connected to ..." */
	unsigned vnet_hdr_len; /* the virtio_net_hdr before each frame between the pair, or 0 */
	char *model;	       /* a NIC's device type ("virtio-net-pci"); NULL for backends */
	NetClientState **conf_peer; /* a NIC's NICConf.peer, cleared when its backend goes */
	bool rx_filter_reported;    /* NIC_RX_FILTER_CHANGED sent, no query-rx-filter since */
	void *opaque;
};

NetClientState *qemu_new_net_client(const NetClientInfo *info, const char *name, void *opaque);
void qemu_del_net_client(NetClientState *nc);
/* Pairs two clients; false if either already has a peer. */
bool qemu_net_connect(NetClientState *a, NetClientState *b);
/* Sends a frame to nc's peer (dropped without a peer or with the link down). */
void qemu_send_packet(NetClientState *nc, const uint8_t *buf, size_t len);
/* nc can receive again: delivers the frames waiting for it while it takes them. */
void qemu_flush_queued_packets(NetClientState *nc);
/*
 * Whether a frame nc sends now is taken at once (or dropped for want of a peer or link)
 * rather than queued: a backend reading a host socket stops reading while this is false, so
 * the host's flow control holds the sender back, and reads again from info->peer_ready.
 */
bool qemu_can_send_packet(NetClientState *nc);
void qemu_set_info_str(NetClientState *nc, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Whether nc (a NIC's peer) carries virtio_net_hdr, and UFO. */
bool qemu_has_vnet_hdr(NetClientState *nc);
bool qemu_has_ufo(NetClientState *nc);
/*
 * A NIC's choice for the frames between it and its peer: each led by a virtio_net_hdr of
 * len bytes (0: none). Frames waiting in either direction, led by the old length, are dropped.
 */
void qemu_set_vnet_hdr_len(NetClientState *nic, unsigned len);
void qemu_set_offload(NetClientState *nic, unsigned offloads);

/* ---- backends ---- */

typedef struct Netdev {
	Object parent_obj;
	char *id;
	NetClientState *nc;
	bool closed; /* cleanup() ran */
} Netdev;

typedef struct NetdevClass {
	ObjectClass parent_class;
	/* Opens the backend from its properties and makes nd->nc. */
	bool (*init)(Netdev *nd, Error **errp);
	void (*cleanup)(Netdev *nd);
	/* Options parsed as QEMU parses the newer backends (stream, dgram): dotted keys, and
	 * an unknown one "is unexpected" rather than "Invalid parameter". */
	bool keyval;
} NetdevClass;

#define NETDEV(obj)	      OBJECT_CHECK(Netdev, (obj), TYPE_NETDEV)
#define NETDEV_CLASS(klass)   OBJECT_CLASS_CHECK(NetdevClass, (klass), TYPE_NETDEV)
#define NETDEV_GET_CLASS(obj) OBJECT_GET_CLASS(NetdevClass, (obj), TYPE_NETDEV)

/*
 * -netdev TYPE,id=ID,... (opts parsed with implied key "type"). "help" prints the backends
 * and returns NULL without an error (the caller exits 0).
 */
Netdev *net_netdev_new(QemuOpts *opts, Error **errp);
Netdev *qemu_find_netdev(const char *id);
/* -netdev help's text: "Available netdev backend types:" and a line each. */
void net_print_backends(GString *out);
/* QEMU's warnings once the machine is complete: hub ports and backends without a peer. */
void net_check_clients(void);
/* Closes every backend (at exit). */
void net_cleanup(void);

/* ---- NICs ---- */

typedef struct MACAddr {
	uint8_t a[6];
} MACAddr;

/* The configuration every NIC has: its address and its backend's client. */
typedef struct NICConf {
	MACAddr macaddr;
	bool mac_set;	      /* mac= given */
	NetClientState *peer; /* netdev= */
} NICConf;

/* "mac": an Ethernet address; "netdev": a backend by id, which a NIC may take only once. */
extern const PropertyInfo prop_info_macaddr;
extern const PropertyInfo prop_info_netdev;

/* The next of QEMU's default addresses, 52:54:00:12:34:56 then up, unless mac= was given. */
void qemu_macaddr_default_if_unset(NICConf *conf);
/*
 * A NIC's client, peered with conf's backend if any: named id, or as QEMU names an anonymous
 * one, MODEL.N (N counting the NICs of that model before it).
 */
NetClientState *qemu_new_nic(const NetClientInfo *info, NICConf *conf, const char *model,
			     const char *id, void *opaque);

/*
 * QMP's set_link: the link of the clients named name goes up or down; a NIC peer's with it
 * (a backend's or hub port's own stays), and both are told. "Device 'NAME' not found".
 */
bool qemu_set_link(const char *name, bool up, Error **errp);

/*
 * netdev_add from options as -netdev takes them (qmp: with the error texts of QMP's typed
 * arguments, else HMP's), and netdev_del: the backend goes, a NIC on it is left without one.
 */
Netdev *qemu_netdev_add(QemuOpts *opts, bool qmp, Error **errp);
bool qemu_netdev_del(const char *id, Error **errp);

/* Every client, in creation order (QMP's queries walk them). */
const GPtrArray *net_clients(void);
/*
 * A NIC's driver changed its receive filter: NIC_RX_FILTER_CHANGED with the device's id (if
 * any) and QOM path, once until QMP queries the filter again (query-rx-filter re-arms it).
 */
void qemu_nic_rx_filter_changed(NetClientState *nc, const char *id, const char *path);

/* HMP's "info network": NICs with their backends, backends alone, hubs, filters; QEMU's text. */
void net_info_network(GString *out);

#endif
