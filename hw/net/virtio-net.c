// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-net-device and virtio-net-pci (VIRTIO 1.2 section 5.1): one receive and one transmit
 * queue and the control queue, on a netdev (netdev=). Frames from the backend fill the
 * driver's receive buffers behind a virtio_net_hdr (several buffers per frame with mergeable
 * receive buffers); frames the driver queues for transmission go to the backend without it.
 * The control queue sets the receive filter (promiscuous, all-multicast, all-unicast, no
 * multicast/unicast/broadcast, the MAC table, VLANs), the MAC address, and acknowledges
 * announcements; the filter decides which frames reach the driver, as QEMU's does. Checksum
 * and segmentation offloads are offered only over a backend that carries virtio_net_hdr (tap):
 * the driver's header then goes out with each frame and the backend's comes in with it, and
 * the receive offloads the driver accepts (its guest_* features, or the control queue's
 * GUEST_OFFLOADS_SET) are set on the backend. Other backends (user networking, sockets) get
 * plain frames, as in QEMU. Frames that find no buffers wait in the net layer's queue until
 * the driver adds some.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-pci.h"
#include "net/net.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/bswap.h"

#define TYPE_VIRTIO_NET "virtio-net-device"
#define VIRTIO_NET(obj) OBJECT_CHECK(VirtIONet, (obj), TYPE_VIRTIO_NET)

/* Feature bits (spec 5.1.3) */
enum {
	F_CSUM = 0,
	F_GUEST_CSUM = 1,
	F_CTRL_GUEST_OFFLOADS = 2,
	F_MTU = 3,
	F_MAC = 5,
	F_GSO = 6,
	F_GUEST_TSO4 = 7,
	F_GUEST_TSO6 = 8,
	F_GUEST_ECN = 9,
	F_GUEST_UFO = 10,
	F_HOST_TSO4 = 11,
	F_HOST_TSO6 = 12,
	F_HOST_ECN = 13,
	F_HOST_UFO = 14,
	F_MRG_RXBUF = 15,
	F_STATUS = 16,
	F_CTRL_VQ = 17,
	F_CTRL_RX = 18,
	F_CTRL_VLAN = 19,
	F_CTRL_RX_EXTRA = 20,
	F_GUEST_ANNOUNCE = 21,
	F_MQ = 22,
	F_CTRL_MAC_ADDR = 23,
	F_SPEED_DUPLEX = 63,
};

/* Config space (spec 5.1.4), as far as the features offered reach: up to duplex. */
enum {
	CFG_MAC = 0,
	CFG_STATUS = 6,
	CFG_MAX_PAIRS = 8,
	CFG_MTU = 10,
	CFG_SPEED = 12,
	CFG_DUPLEX = 16,
	CFG_SIZE = 17,
};

enum { S_LINK_UP = 1, S_ANNOUNCE = 2 };

/* Control commands (spec 5.1.6.5) */
enum {
	CTRL_RX = 0,
	CTRL_MAC = 1,
	CTRL_VLAN = 2,
	CTRL_ANNOUNCE = 3,
	CTRL_MQ = 4,
	CTRL_GUEST_OFFLOADS = 5
};
enum { MQ_VQ_PAIRS_SET = 0 };
enum { RX_PROMISC, RX_ALLMULTI, RX_ALLUNI, RX_NOMULTI, RX_NOUNI, RX_NOBCAST };
enum { MAC_TABLE_SET = 0, MAC_ADDR_SET = 1 };
enum { VLAN_ADD = 0, VLAN_DEL = 1 };
enum { ANNOUNCE_ACK = 0 };
enum { NET_OK = 0, NET_ERR = 1 };

#define MAC_TABLE_ENTRIES 64 /* QEMU's; more entries mean "overflow": accept all of that kind */
#define MAX_VLAN	  4096
#define HDR_LEGACY	  10 /* struct virtio_net_hdr */
#define HDR_MRG		  12 /* ... with num_buffers, and every modern device's */
#define ETH_ALEN	  6
#define MAX_FRAME	  65550

typedef struct VirtIONet {
	VirtIODevice parent_obj;
	VirtQueue *rx, *tx, *ctrl;
	NICConf conf;
	NetClientState *nc;
	unsigned hdr_len;
	uint16_t status;
	/* receive filter */
	bool promisc, allmulti, alluni, nomulti, nouni, nobcast;
	uint8_t macs[MAC_TABLE_ENTRIES][ETH_ALEN];
	unsigned n_macs, first_multi; /* unicast entries first, multicast from first_multi */
	bool uni_overflow, multi_overflow;
	uint32_t vlans[MAX_VLAN / 32];
	/* properties */
	bool f_status, f_ctrl_vq, f_ctrl_rx, f_ctrl_vlan, f_ctrl_rx_extra, f_guest_announce;
	bool f_ctrl_mac_addr, f_mrg_rxbuf, f_mq;
	bool f_csum, f_guest_csum, f_gso, f_guest_tso4, f_guest_tso6, f_guest_ecn, f_guest_ufo;
	bool f_host_tso4, f_host_tso6, f_host_ecn, f_host_ufo, f_ctrl_guest_offloads;
	uint16_t rx_queue_size, tx_queue_size, host_mtu;
	int32_t speed;
	char *duplex;
	uint8_t *frame;	       /* a transmitted frame being gathered */
	bool peer_vnet;	       /* the backend carries virtio_net_hdr: offloads pass through */
	QEMUTimer *tx_timer;   /* transmission, due after the current CPU slice */
	bool tx_waiting;       /* the backend is full: transmission waits for its peer_ready */
	bool features_applied; /* FEATURES_OK seen since reset */
	uint64_t
	    guest_offloads; /* the guest_* offloads in force (GUEST_OFFLOADS_SET changes them) */
} VirtIONet;

/* The device users see: the virtio-net-pci proxy around us, or this virtio-net-device. */
static DeviceState *nic_dev(DeviceState *dev)
{
	DeviceState *proxy = dev->parent_bus ? dev->parent_bus->parent : NULL;

	return proxy && object_dynamic_cast(OBJECT(proxy), TYPE_VIRTIO_PCI) ? proxy : dev;
}

/* ---- receive filter ---- */

static bool vlan_allowed(VirtIONet *n, const uint8_t *buf, size_t len)
{
	unsigned vid;

	if (len < 16 || buf[12] != 0x81 || buf[13] != 0x00)
		return true;
	vid = (buf[14] << 8 | buf[15]) & 0xfff;
	return n->vlans[vid / 32] >> (vid % 32) & 1;
}

static bool in_table(VirtIONet *n, const uint8_t *mac, unsigned from, unsigned to)
{
	for (unsigned i = from; i < to; i++)
		if (!memcmp(n->macs[i], mac, ETH_ALEN))
			return true;
	return false;
}

static bool accept_frame(VirtIONet *n, const uint8_t *buf, size_t len)
{
	static const uint8_t bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (len < ETH_ALEN)
		return false;
	if (n->promisc)
		return true;
	if (!vlan_allowed(n, buf, len))
		return false;
	if (!memcmp(buf, bcast, ETH_ALEN))
		return !n->nobcast;
	if (buf[0] & 1) {
		if (n->nomulti)
			return false;
		return n->allmulti || n->multi_overflow ||
		       in_table(n, buf, n->first_multi, n->n_macs);
	}
	if (n->nouni)
		return false;
	return n->alluni || n->uni_overflow || !memcmp(buf, n->conf.macaddr.a, ETH_ALEN) ||
	       in_table(n, buf, 0, n->first_multi);
}

/* ---- receiving ---- */

static bool rx_ready(VirtIONet *n)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(n);

	return virtio_device_started(vdev) && virtio_queue_ready(n->rx) && !vdev->broken;
}

static bool net_can_receive(NetClientState *nc)
{
	VirtIONet *n = nc->opaque;

	if (!rx_ready(n))
		return false;
	if (virtio_queue_empty(n->rx)) {
		virtio_queue_set_notification(n->rx, true); /* tell us when buffers come */
		return !virtio_queue_empty(n->rx);	    /* they may have, meanwhile */
	}
	return true;
}

/* Gives back the elements popped for a frame that did not fit. */
static void unpop_all(VirtIONet *n, VirtQueueElement **e, unsigned count)
{
	for (unsigned i = count; i-- > 0;) {
		virtqueue_unpop(n->rx, e[i]);
		g_free(e[i]);
	}
}

static ssize_t net_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
	VirtIONet *n = nc->opaque;
	bool mrg = virtio_vdev_has_feature(VIRTIO_DEVICE(n), F_MRG_RXBUF);
	size_t total = n->hdr_len + len, done = 0;
	uint8_t hdr[HDR_MRG] = { 0 };
	VirtQueueElement *e[VIRTQUEUE_MAX_SIZE] = { NULL };
	size_t used[VIRTQUEUE_MAX_SIZE];
	unsigned count = 0;

	if (!rx_ready(n))
		return 0;
	if (nc->vnet_hdr_len) {
		/* the backend's header (checksum state, GSO) leads the frame: the driver gets it */
		if (len <= nc->vnet_hdr_len)
			return len; /* no frame after it: dropped (taken, so the queue moves on) */
		memcpy(hdr, buf, MIN(nc->vnet_hdr_len, HDR_LEGACY));
		buf += nc->vnet_hdr_len;
		len -= nc->vnet_hdr_len;
		total = n->hdr_len + len;
	}
	if (!accept_frame(n, buf, len))
		return len; /* filtered: taken and dropped */
	/* take buffers until the header and the frame fit (one buffer without merging) */
	while (done < total) {
		VirtQueueElement *el;
		size_t room;

		if (count == VIRTQUEUE_MAX_SIZE || (!mrg && count == 1) ||
		    !(el = virtqueue_pop(n->rx, sizeof(VirtQueueElement)))) {
			unpop_all(n, e, count);
			if (!mrg && count == 1) {
				qemu_log_mask(LOG_GUEST_ERROR,
					      "virtio-net: receive buffer too small for a "
					      "%zu-byte frame: dropped\n",
					      len);
				return len;
			}
			virtio_queue_set_notification(n->rx, true);
			return 0; /* waits in the queue for more buffers */
		}
		room = virtio_iov_size(el->in_sg, el->in_num);
		if (count == 0 && room < n->hdr_len) {
			virtio_error(VIRTIO_DEVICE(n), "receive buffer smaller than the header");
			g_free(el);
			return len;
		}
		used[count] = MIN(room, total - done);
		e[count++] = el;
		done += used[count - 1];
	}
	/* header (num_buffers at offset 10), then the frame across the buffers */
	hdr[10] = count & 0xff;
	hdr[11] = count >> 8;
	virtio_iov_from_buf(e[0]->in_sg, e[0]->in_num, 0, hdr, n->hdr_len);
	done = 0;
	for (unsigned i = 0; i < count; i++) {
		size_t skip = i ? 0 : n->hdr_len;

		virtio_iov_from_buf(e[i]->in_sg, e[i]->in_num, skip, buf + done, used[i] - skip);
		done += used[i] - skip;
		virtqueue_push(n->rx, e[i], used[i]);
		g_free(e[i]);
	}
	virtio_notify(VIRTIO_DEVICE(n), n->rx);
	return len + nc->vnet_hdr_len;
}

static void handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
	VirtIONet *n = VIRTIO_NET(vdev);

	virtio_queue_set_notification(vq, false);
	qemu_flush_queued_packets(n->nc);
}

/* ---- transmitting ---- */

/*
 * Sends the frames the driver has queued while the backend takes them at once (a socket that
 * is full holds the rest in the ring, as a busy wire would, until peer_ready); false if the
 * device broke.
 */
static bool flush_tx(VirtIONet *n)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(n);
	VirtQueueElement *e = NULL;
	bool pushed = false;
	size_t skip;

	while ((n->tx_waiting = !qemu_can_send_packet(n->nc)) == false &&
	       (e = virtqueue_pop(n->tx, sizeof(*e)))) {
		size_t size = virtio_iov_size(e->out_sg, e->out_num);

		if (size < n->hdr_len) {
			virtio_error(vdev, "transmit buffer smaller than the header");
			g_free(e);
			return false;
		}
		/* the driver's header goes along when the backend takes it (same length) */
		skip = n->nc->vnet_hdr_len ? 0 : n->hdr_len;
		size = MIN(size - skip, MAX_FRAME + HDR_MRG);
		virtio_iov_to_buf(e->out_sg, e->out_num, skip, n->frame, size);
		qemu_send_packet(n->nc, n->frame, size);
		virtqueue_push(n->tx, e, 0);
		g_free(e);
		pushed = true;
	}
	if (pushed)
		virtio_notify(vdev, n->tx);
	return true;
}

/*
 * Transmission runs from the main loop, right after the CPU's current slice, with the
 * driver's notifications off meanwhile: the frames it queues in that time go in one batch
 * (one kick, one interrupt) instead of one exit from the guest each, as QEMU's tx=bh does.
 */
static void tx_run(void *opaque)
{
	VirtIONet *n = opaque;

	if (!virtio_device_started(VIRTIO_DEVICE(n)) || !flush_tx(n) || n->tx_waiting)
		return; /* waiting for the backend: peer_ready goes on */
	virtio_queue_set_notification(n->tx, true);
	if (!virtio_queue_empty(n->tx)) { /* queued after the last pop: go again */
		virtio_queue_set_notification(n->tx, false);
		timer_mod(n->tx_timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME));
	}
}

static void handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
	VirtIONet *n = VIRTIO_NET(vdev);

	if (!virtio_device_started(vdev) || timer_pending(n->tx_timer))
		return;
	virtio_queue_set_notification(vq, false);
	timer_mod(n->tx_timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME));
}

/* ---- the control queue ---- */

static uint8_t ctrl_rx(VirtIONet *n, uint8_t cmd, const uint8_t *d, size_t len)
{
	bool *flags[] = {
		&n->promisc, &n->allmulti, &n->alluni, &n->nomulti, &n->nouni, &n->nobcast
	};
	VirtIODevice *vdev = VIRTIO_DEVICE(n);

	if (len != 1 || cmd > RX_NOBCAST ||
	    (cmd > RX_ALLMULTI && !virtio_vdev_has_feature(vdev, F_CTRL_RX_EXTRA)))
		return NET_ERR;
	*flags[cmd] = d[0] != 0;
	return NET_OK;
}

/* TABLE_SET: {le32 count, count MACs} for unicast, then the same for multicast. */
static uint8_t ctrl_mac(VirtIONet *n, uint8_t cmd, const uint8_t *d, size_t len)
{
	uint8_t macs[2 * MAC_TABLE_ENTRIES][ETH_ALEN];
	size_t off = 0;
	unsigned got = 0, first_multi = 0;
	bool overflow[2] = { false, false };

	if (cmd == MAC_ADDR_SET) {
		if (len != ETH_ALEN || !virtio_vdev_has_feature(VIRTIO_DEVICE(n), F_CTRL_MAC_ADDR))
			return NET_ERR;
		memcpy(n->conf.macaddr.a, d, ETH_ALEN);
		return NET_OK;
	}
	if (cmd != MAC_TABLE_SET)
		return NET_ERR;
	for (int t = 0; t < 2; t++) {
		uint32_t count;

		if (len - off < 4)
			return NET_ERR;
		count = ldl_le_p(d + off);
		off += 4;
		if (count > (len - off) / ETH_ALEN)
			return NET_ERR;
		if (t == 1)
			first_multi = got;
		if (got + count > MAC_TABLE_ENTRIES)
			overflow[t] = true;
		else
			for (uint32_t i = 0; i < count; i++)
				memcpy(macs[got++], d + off + i * ETH_ALEN, ETH_ALEN);
		off += (size_t)count * ETH_ALEN;
	}
	if (off != len)
		return NET_ERR;
	memcpy(n->macs, macs, got * ETH_ALEN);
	n->n_macs = got;
	n->first_multi = first_multi;
	n->uni_overflow = overflow[0];
	n->multi_overflow = overflow[1];
	return NET_OK;
}

static uint8_t ctrl_vlan(VirtIONet *n, uint8_t cmd, const uint8_t *d, size_t len)
{
	unsigned vid;

	if (len != 2)
		return NET_ERR;
	vid = d[0] | d[1] << 8;
	if (vid >= MAX_VLAN || cmd > VLAN_DEL)
		return NET_ERR;
	if (cmd == VLAN_ADD)
		n->vlans[vid / 32] |= 1u << (vid % 32);
	else
		n->vlans[vid / 32] &= ~(1u << (vid % 32));
	return NET_OK;
}

/* The guest_* receive offloads in a feature set, as the backend's NET_OFFLOAD_* bits. */
static unsigned offloads_of(uint64_t features)
{
	static const struct {
		int bit;
		unsigned offload;
	} map[] = {
		{ F_GUEST_CSUM, NET_OFFLOAD_CSUM }, { F_GUEST_TSO4, NET_OFFLOAD_TSO4 },
		{ F_GUEST_TSO6, NET_OFFLOAD_TSO6 }, { F_GUEST_ECN, NET_OFFLOAD_ECN },
		{ F_GUEST_UFO, NET_OFFLOAD_UFO },
	};
	unsigned o = 0;

	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (features >> map[i].bit & 1)
			o |= map[i].offload;
	return o;
}

#define GUEST_OFFLOAD_BITS                                                                         \
	(1ULL << F_GUEST_CSUM | 1ULL << F_GUEST_TSO4 | 1ULL << F_GUEST_TSO6 |                      \
	 1ULL << F_GUEST_ECN | 1ULL << F_GUEST_UFO)

/* GUEST_OFFLOADS_SET: le64 of guest_* feature bits, within those negotiated (spec 5.1.6.5.6). */
static uint8_t ctrl_guest_offloads(VirtIONet *n, uint8_t cmd, const uint8_t *d, size_t len)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(n);
	uint64_t want;

	if (cmd != 0 || len != 8)
		return NET_ERR;
	want = ldl_le_p(d) | (uint64_t)ldl_le_p(d + 4) << 32;
	if (want & ~(vdev->guest_features & GUEST_OFFLOAD_BITS))
		return NET_ERR;
	n->guest_offloads = want;
	qemu_set_offload(n->nc, offloads_of(want));
	return NET_OK;
}

static uint8_t ctrl_command(VirtIONet *n, const uint8_t *d, size_t len)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(n);
	uint8_t cls = d[0], cmd = d[1];

	d += 2;
	len -= 2;
	switch (cls) {
	case CTRL_RX:
		return virtio_vdev_has_feature(vdev, F_CTRL_RX) ? ctrl_rx(n, cmd, d, len) : NET_ERR;
	case CTRL_MAC:
		return virtio_vdev_has_feature(vdev, F_CTRL_RX) ? ctrl_mac(n, cmd, d, len)
								: NET_ERR;
	case CTRL_VLAN:
		return virtio_vdev_has_feature(vdev, F_CTRL_VLAN) ? ctrl_vlan(n, cmd, d, len)
								  : NET_ERR;
	case CTRL_GUEST_OFFLOADS:
		return virtio_vdev_has_feature(vdev, F_CTRL_GUEST_OFFLOADS)
			   ? ctrl_guest_offloads(n, cmd, d, len)
			   : NET_ERR;
	case CTRL_MQ:
		/* one queue pair: the backends here have one queue, as QEMU's max_queue_pairs then */
		if (cmd != MQ_VQ_PAIRS_SET || len != 2 || !virtio_vdev_has_feature(vdev, F_MQ))
			return NET_ERR;
		return (d[0] | d[1] << 8) == 1 ? NET_OK : NET_ERR;
	case CTRL_ANNOUNCE:
		if (cmd != ANNOUNCE_ACK || len || !virtio_vdev_has_feature(vdev, F_GUEST_ANNOUNCE))
			return NET_ERR;
		n->status &= ~S_ANNOUNCE;
		return NET_OK;
	}
	return NET_ERR;
}

/* query-rx-filter: the filter as the driver set it (QEMU's RxFilterInfo). */
static QValue net_query_rx_filter(NetClientState *nc)
{
	VirtIONet *n = nc->opaque;
	QValue info = qv_dict(), vlans = qv_list(), uni = qv_list(), multi = qv_list();
	bool vlan_filter = virtio_vdev_has_feature(VIRTIO_DEVICE(n), F_CTRL_VLAN);
	char mac[18];

	qv_dict_put(&info, "name", qv_str(nc->name));
	qv_dict_put(&info, "promiscuous", qv_bool(n->promisc));
	qv_dict_put(&info, "multicast",
		    qv_str(n->nomulti	 ? "none"
			   : n->allmulti ? "all"
					 : "normal"));
	qv_dict_put(&info, "unicast", qv_str(n->nouni ? "none" : n->alluni ? "all" : "normal"));
	/* the VLANs that pass, highest first as QEMU lists them */
	for (int vid = MAX_VLAN - 1; vid >= 0; vid--)
		if (n->vlans[vid / 32] >> (vid % 32) & 1)
			qv_list_append(&vlans, qv_int(vid));
	qv_dict_put(&info, "vlan",
		    qv_str(!vlan_filter	     ? "all"
			   : vlans.list->len ? "normal"
					     : "none"));
	/* QEMU 7.2 reports nobcast here, the opposite; we report what the name says */
	qv_dict_put(&info, "broadcast-allowed", qv_bool(!n->nobcast));
	qv_dict_put(&info, "multicast-overflow", qv_bool(n->multi_overflow));
	qv_dict_put(&info, "unicast-overflow", qv_bool(n->uni_overflow));
	for (unsigned i = n->n_macs; i-- > 0;) { /* newest first, as QEMU lists the tables */
		const uint8_t *a = n->macs[i];

		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3],
			 a[4], a[5]);
		qv_list_append(i < n->first_multi ? &uni : &multi, qv_str(mac));
	}
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", n->conf.macaddr.a[0],
		 n->conf.macaddr.a[1], n->conf.macaddr.a[2], n->conf.macaddr.a[3],
		 n->conf.macaddr.a[4], n->conf.macaddr.a[5]);
	qv_dict_put(&info, "main-mac", qv_str(mac));
	qv_dict_put(&info, "vlan-table", vlans);
	qv_dict_put(&info, "unicast-table", uni);
	qv_dict_put(&info, "multicast-table", multi);
	return info;
}

static void handle_ctrl(VirtIODevice *vdev, VirtQueue *vq)
{
	VirtIONet *n = VIRTIO_NET(vdev);
	VirtQueueElement *e;

	while ((e = virtqueue_pop(vq, sizeof(*e)))) {
		size_t len = virtio_iov_size(e->out_sg, e->out_num);
		uint8_t *d, ack;

		if (len < 2 || len > 4096 || virtio_iov_size(e->in_sg, e->in_num) < 1) {
			virtio_error(vdev, "malformed control command");
			g_free(e);
			return;
		}
		d = g_malloc(len);
		virtio_iov_to_buf(e->out_sg, e->out_num, 0, d, len);
		ack = ctrl_command(n, d, len);
		if (ack == NET_OK && (d[0] == CTRL_RX || d[0] == CTRL_MAC || d[0] == CTRL_VLAN)) {
			DeviceState *dev = nic_dev(DEVICE(n));
			g_autofree char *path = object_get_canonical_path(OBJECT(dev));

			qemu_nic_rx_filter_changed(n->nc, dev->id, path);
		}
		g_free(d);
		virtio_iov_from_buf(e->in_sg, e->in_num, 0, &ack, 1);
		virtqueue_push(vq, e, 1);
		g_free(e);
		virtio_notify(vdev, vq);
	}
}

/* ---- the device ---- */

/* The offloads offered over a backend that carries virtio_net_hdr (UFO if it does UFO). */
static uint64_t offload_features(VirtIONet *n)
{
	bool ufo = qemu_has_ufo(n->nc->peer);
	const struct {
		bool on;
		int bit;
	} bits[] = {
		{ n->f_csum, F_CSUM },
		{ n->f_guest_csum, F_GUEST_CSUM },
		{ n->f_gso, F_GSO },
		{ n->f_guest_tso4 && n->f_guest_csum, F_GUEST_TSO4 },
		{ n->f_guest_tso6 && n->f_guest_csum, F_GUEST_TSO6 },
		{ n->f_guest_ecn && n->f_guest_csum, F_GUEST_ECN },
		{ n->f_guest_ufo && n->f_guest_csum && ufo, F_GUEST_UFO },
		{ n->f_host_tso4 && n->f_csum, F_HOST_TSO4 },
		{ n->f_host_tso6 && n->f_csum, F_HOST_TSO6 },
		{ n->f_host_ecn && n->f_csum, F_HOST_ECN },
		{ n->f_host_ufo && n->f_csum && ufo, F_HOST_UFO },
		{ n->f_ctrl_guest_offloads && n->f_ctrl_vq, F_CTRL_GUEST_OFFLOADS },
	};
	uint64_t f = 0;

	for (size_t i = 0; i < ARRAY_SIZE(bits); i++)
		if (bits[i].on)
			f |= 1ULL << bits[i].bit;
	return f;
}

static uint64_t net_get_features(VirtIODevice *vdev)
{
	VirtIONet *n = VIRTIO_NET(vdev);
	uint64_t f = 1ULL << F_MAC | 1ULL << F_SPEED_DUPLEX;

	f |= (uint64_t)n->f_status << F_STATUS | (uint64_t)n->f_mrg_rxbuf << F_MRG_RXBUF;
	if (n->f_ctrl_vq) {
		f |= (uint64_t)n->f_ctrl_vq << F_CTRL_VQ | (uint64_t)n->f_ctrl_rx << F_CTRL_RX;
		f |= (uint64_t)n->f_ctrl_vlan << F_CTRL_VLAN;
		f |= (uint64_t)n->f_ctrl_rx_extra << F_CTRL_RX_EXTRA;
		f |= (uint64_t)n->f_guest_announce << F_GUEST_ANNOUNCE;
		f |= (uint64_t)n->f_ctrl_mac_addr << F_CTRL_MAC_ADDR;
		f |= (uint64_t)n->f_mq << F_MQ; /* with max_virtqueue_pairs 1 */
	}
	if (n->host_mtu)
		f |= 1ULL << F_MTU;
	if (n->peer_vnet)
		f |= offload_features(n);
	return f;
}

static void net_get_config(VirtIODevice *vdev, uint8_t *cfg)
{
	VirtIONet *n = VIRTIO_NET(vdev);

	memcpy(cfg + CFG_MAC, n->conf.macaddr.a, ETH_ALEN);
	stw_le_p(cfg + CFG_STATUS, n->status);
	stw_le_p(cfg + CFG_MAX_PAIRS, 1);
	stw_le_p(cfg + CFG_MTU, n->host_mtu);
	stl_le_p(cfg + CFG_SPEED, n->speed);
	cfg[CFG_DUPLEX] = !n->duplex ? 0xff : !strcmp(n->duplex, "full") ? 1 : 0;
}

/* A legacy driver without CTRL_MAC_ADDR sets the address through the config space. */
static void net_set_config(VirtIODevice *vdev, const uint8_t *cfg)
{
	VirtIONet *n = VIRTIO_NET(vdev);

	if (!virtio_vdev_has_feature(vdev, F_CTRL_MAC_ADDR) &&
	    !virtio_vdev_has_feature(vdev, VIRTIO_F_VERSION_1))
		memcpy(n->conf.macaddr.a, cfg + CFG_MAC, ETH_ALEN);
}

static void net_set_status(VirtIODevice *vdev, uint8_t status)
{
	VirtIONet *n = VIRTIO_NET(vdev);

	n->hdr_len = virtio_vdev_has_feature(vdev, F_MRG_RXBUF) ||
			     virtio_vdev_has_feature(vdev, VIRTIO_F_VERSION_1)
			 ? HDR_MRG
			 : HDR_LEGACY;
	/* once the features are in: without VLAN filtering every VLAN passes, with it none yet */
	if ((status & VIRTIO_CONFIG_S_FEATURES_OK) && !n->features_applied) {
		memset(n->vlans, virtio_vdev_has_feature(vdev, F_CTRL_VLAN) ? 0 : 0xff,
		       sizeof(n->vlans));
		n->features_applied = true;
		n->guest_offloads = vdev->guest_features & GUEST_OFFLOAD_BITS;
		qemu_set_offload(n->nc, offloads_of(vdev->guest_features));
	}
	if (n->peer_vnet)
		qemu_set_vnet_hdr_len(n->nc, n->hdr_len);
	if (status & VIRTIO_CONFIG_S_DRIVER_OK)
		qemu_flush_queued_packets(n->nc);
}

static void net_reset(VirtIODevice *vdev)
{
	VirtIONet *n = VIRTIO_NET(vdev);

	n->promisc = true;
	n->allmulti = n->alluni = n->nomulti = n->nouni = n->nobcast = false;
	n->n_macs = n->first_multi = 0;
	n->uni_overflow = n->multi_overflow = false;
	memset(n->vlans, 0xff, sizeof(n->vlans));
	n->features_applied = false;
	n->status = n->nc && n->nc->link_down ? 0 : S_LINK_UP;
	n->hdr_len = HDR_LEGACY;
	if (n->tx_timer)
		timer_del(n->tx_timer);
	n->tx_waiting = false;
	if (n->peer_vnet) {
		qemu_set_vnet_hdr_len(n->nc, n->hdr_len);
		qemu_set_offload(n->nc, 0);
	}
}

/* The backend took what was queued for it: transmission goes on. */
static void net_peer_ready(NetClientState *nc)
{
	VirtIONet *n = nc->opaque;

	if (n->tx_waiting && !timer_pending(n->tx_timer))
		timer_mod(n->tx_timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME));
}

/* set_link: the driver sees the link in the status field, with a config interrupt. */
static void net_link_status_changed(NetClientState *nc)
{
	VirtIONet *n = nc->opaque;
	uint16_t old = n->status;

	if (nc->link_down || (nc->peer && nc->peer->link_down))
		n->status &= ~S_LINK_UP;
	else
		n->status |= S_LINK_UP;
	if (n->status != old && virtio_vdev_has_feature(VIRTIO_DEVICE(n), F_STATUS))
		virtio_notify_config(VIRTIO_DEVICE(n));
}

static const NetClientInfo nic_info = {
	.type = "nic",
	.receive = net_receive,
	.can_receive = net_can_receive,
	.link_status_changed = net_link_status_changed,
	.peer_ready = net_peer_ready,
	.query_rx_filter = net_query_rx_filter,
};

static bool queue_size_ok(uint16_t size, const char *what, Error **errp)
{
	if (size < 256 || size > VIRTQUEUE_MAX_SIZE || (size & (size - 1))) {
		error_setg(errp,
			   "Invalid %s_queue_size (= %u), must be a power of 2 between 256 and %d.",
			   what, size, VIRTQUEUE_MAX_SIZE);
		return false;
	}
	return true;
}

static bool net_realize(VirtIODevice *vdev, Error **errp)
{
	VirtIONet *n = VIRTIO_NET(vdev);
	DeviceState *dev = DEVICE(vdev);

	if (!queue_size_ok(n->rx_queue_size, "rx", errp) ||
	    !queue_size_ok(n->tx_queue_size, "tx", errp))
		return false;
	if (n->duplex && strcmp(n->duplex, "half") && strcmp(n->duplex, "full")) {
		error_setg(errp, "'duplex' must be 'half' or 'full'");
		return false;
	}
	qemu_macaddr_default_if_unset(&n->conf);
	virtio_init(vdev, "virtio-net", VIRTIO_ID_NET, CFG_SIZE);
	n->rx = virtio_add_queue(vdev, n->rx_queue_size, handle_rx);
	n->tx = virtio_add_queue(vdev, n->tx_queue_size, handle_tx);
	if (n->f_ctrl_vq)
		n->ctrl = virtio_add_queue(vdev, 64, handle_ctrl);
	n->frame = g_malloc(MAX_FRAME + HDR_MRG);
	n->tx_timer = timer_new_ns(QEMU_CLOCK_REALTIME, tx_run, n);
	n->nc = qemu_new_nic(&nic_info, &n->conf, object_get_typename(OBJECT(nic_dev(dev))),
			     nic_dev(dev)->id, n);
	n->peer_vnet = qemu_has_vnet_hdr(n->nc->peer);
	net_reset(vdev);
	return true;
}

static void net_unrealize(VirtIODevice *vdev)
{
	VirtIONet *n = VIRTIO_NET(vdev);

	qemu_del_net_client(n->nc);
	n->nc = NULL;
	g_free(n->frame);
	n->frame = NULL;
	timer_free(n->tx_timer);
	n->tx_timer = NULL;
	virtio_cleanup(vdev);
}

#define FEATURE(name, field, def) PROP(name, prop_info_bit, VirtIONet, field, PROP_DEFAULT_U(def))

static const Property net_props[] = {
	PROP("mac", prop_info_macaddr, VirtIONet, conf),
	PROP("netdev", prop_info_netdev, VirtIONet, conf.peer),
	FEATURE("status", f_status, true),
	FEATURE("ctrl_vq", f_ctrl_vq, true),
	FEATURE("ctrl_rx", f_ctrl_rx, true),
	FEATURE("ctrl_vlan", f_ctrl_vlan, true),
	FEATURE("ctrl_rx_extra", f_ctrl_rx_extra, true),
	FEATURE("ctrl_mac_addr", f_ctrl_mac_addr, true),
	FEATURE("guest_announce", f_guest_announce, true),
	FEATURE("mrg_rxbuf", f_mrg_rxbuf, true),
	FEATURE("mq", f_mq, false),
	FEATURE("csum", f_csum, true),
	FEATURE("guest_csum", f_guest_csum, true),
	FEATURE("gso", f_gso, true),
	FEATURE("guest_tso4", f_guest_tso4, true),
	FEATURE("guest_tso6", f_guest_tso6, true),
	FEATURE("guest_ecn", f_guest_ecn, true),
	FEATURE("guest_ufo", f_guest_ufo, true),
	FEATURE("host_tso4", f_host_tso4, true),
	FEATURE("host_tso6", f_host_tso6, true),
	FEATURE("host_ecn", f_host_ecn, true),
	FEATURE("host_ufo", f_host_ufo, true),
	FEATURE("ctrl_guest_offloads", f_ctrl_guest_offloads, true),
	PROP("rx_queue_size", prop_info_uint16, VirtIONet, rx_queue_size, PROP_DEFAULT_U(256)),
	PROP("tx_queue_size", prop_info_uint16, VirtIONet, tx_queue_size, PROP_DEFAULT_U(256)),
	PROP("host_mtu", prop_info_uint16, VirtIONet, host_mtu, PROP_DEFAULT_U(0)),
	PROP("speed", prop_info_int32, VirtIONet, speed, PROP_DEFAULT_U(-1)),
	PROP("duplex", prop_info_string, VirtIONet, duplex),
	PROP_END,
};

/*
 * The backend follows the restored device (offloads, header length), the link is the one the
 * backend has now, and held packets and the transmit queue move again.
 */
static int net_post_load(void *opaque)
{
	VirtIONet *n = opaque;
	VirtIODevice *vdev = VIRTIO_DEVICE(n);

	if (n->n_macs > MAC_TABLE_ENTRIES || n->first_multi > n->n_macs ||
	    (n->hdr_len != HDR_LEGACY && n->hdr_len != HDR_MRG))
		return -EINVAL;
	if (n->peer_vnet) {
		qemu_set_vnet_hdr_len(n->nc, n->hdr_len);
		qemu_set_offload(n->nc, n->features_applied ? offloads_of(n->guest_offloads) : 0);
	}
	net_link_status_changed(n->nc);
	n->tx_waiting = false;
	if (virtio_device_started(vdev)) {
		qemu_flush_queued_packets(n->nc);
		timer_mod(n->tx_timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME));
	}
	return 0;
}

static const VMStateDescription vmstate_virtio_net = {
	.name = "virtio-net",
	.version = 1,
	.post_load = net_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_VIRTIO_DEVICE(VirtIONet),
		VMSTATE_BYTES(conf.macaddr.a, VirtIONet),
		VMSTATE_UINT32(hdr_len, VirtIONet),
		VMSTATE_UINT16(status, VirtIONet),
		VMSTATE_BOOL(promisc, VirtIONet),
		VMSTATE_BOOL(allmulti, VirtIONet),
		VMSTATE_BOOL(alluni, VirtIONet),
		VMSTATE_BOOL(nomulti, VirtIONet),
		VMSTATE_BOOL(nouni, VirtIONet),
		VMSTATE_BOOL(nobcast, VirtIONet),
		VMSTATE_BYTES(macs, VirtIONet),
		VMSTATE_UINT32(n_macs, VirtIONet),
		VMSTATE_UINT32(first_multi, VirtIONet),
		VMSTATE_BOOL(uni_overflow, VirtIONet),
		VMSTATE_BOOL(multi_overflow, VirtIONet),
		VMSTATE_UINT32_ARRAY(vlans, VirtIONet, MAX_VLAN / 32),
		VMSTATE_BOOL(features_applied, VirtIONet),
		VMSTATE_UINT64(guest_offloads, VirtIONet),
		VMSTATE_END,
	    },
};

static void net_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_virtio_net;
	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_NETWORK;
	vdc->realize = net_realize;
	vdc->unrealize = net_unrealize;
	vdc->get_features = net_get_features;
	vdc->get_config = net_get_config;
	vdc->set_config = net_set_config;
	vdc->set_status = net_set_status;
	vdc->reset = net_reset;
	object_class_add_props(klass, net_props);
}

static void net_register_types(void)
{
	static const VirtIOPCITypeInfo pci_info = {
		.name = "virtio-net-pci",
		.alias = "virtio-net",
		.vdev_type = TYPE_VIRTIO_NET,
		.class_id = 0x0200, /* Ethernet */
		.transitional_id = 0x1000,
		.category = DEVICE_CATEGORY_NETWORK,
	};
	static const TypeInfo info = {
		.name = TYPE_VIRTIO_NET,
		.parent = TYPE_VIRTIO_DEVICE,
		.instance_size = sizeof(VirtIONet),
		.class_init = net_class_init,
	};

	type_register(&info);
	virtio_pci_register_type(&pci_info);
}
type_init(net_register_types)
