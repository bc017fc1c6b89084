// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Network filters (-object filter-*,netdev=ND,queue=all|rx|tx,status=on|off): objects that
 * see the frames passing through a backend, those it receives from its peer (rx) and those
 * it sends (tx). Each filter type is one file deriving from "netfilter"; its frame() is called
 * for every frame in the queues it watches. Created after the backends (QEMU's late objects).
 */
#ifndef NET_FILTER_H
#define NET_FILTER_H

#include "net/net.h"

#define TYPE_NET_FILTER "netfilter"

enum { NET_FILTER_ALL, NET_FILTER_RX, NET_FILTER_TX };

typedef struct NetFilter {
	Object parent_obj;
	char *netdev_id; /* property "netdev" */
	int queue;	 /* property "queue": NET_FILTER_ALL, _RX, _TX */
	char *status;	 /* property "status": on, off */
	Netdev *netdev;	 /* held while attached */
} NetFilter;

typedef struct NetFilterClass {
	ObjectClass parent_class;
	/* A frame the filter's backend received (rx) or sent. */
	void (*frame)(NetFilter *nf, bool rx, const uint8_t *buf, size_t len);
	/* For info network: ",name=value" of the type's own properties. */
	void (*info)(NetFilter *nf, GString *out);
} NetFilterClass;

#define NET_FILTER(obj)	     OBJECT_CHECK(NetFilter, (obj), TYPE_NET_FILTER)
#define NET_FILTER_CLASS(oc) OBJECT_CLASS_CHECK(NetFilterClass, (oc), TYPE_NET_FILTER)

/* For a filter's complete(): checks the common properties and starts watching the backend. */
bool net_filter_attach(NetFilter *nf, Error **errp);
/* The net layer: frame crossing nc, which received it (rx) or sent it. */
void net_filters_frame(NetClientState *nc, bool rx, const uint8_t *buf, size_t len);
/* info network's "filters:" lines for the filters watching nc, as QEMU prints them. */
void net_filters_info(NetClientState *nc, GString *out);

#endif
