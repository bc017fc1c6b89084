// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The "netfilter" base of network filters (include/net/filter.h): the netdev=, queue= and
 * status= properties every filter has, attaching to a backend's client, and handing frames
 * to the filters of a client.
 */
#include "qemu/osdep.h"
#include "net/filter.h"
#include "qom/object_interfaces.h"

bool net_filter_attach(NetFilter *nf, Error **errp)
{
	Netdev *nd;

	if (!nf->netdev_id) {
		error_setg(errp, "Parameter 'netdev' is missing");
		return false;
	}
	if (nf->status && strcmp(nf->status, "on") && strcmp(nf->status, "off")) {
		error_setg(errp, "Invalid value for status");
		return false;
	}
	nd = qemu_find_netdev(nf->netdev_id);
	if (!nd) {
		error_setg(errp, "Parameter 'netdev' expects a network backend id");
		return false;
	}
	nf->netdev = NETDEV(object_ref(OBJECT(nd)));
	if (!nd->nc->filters)
		nd->nc->filters = g_ptr_array_new();
	g_ptr_array_add(nd->nc->filters, nf);
	return true;
}

void net_filters_frame(NetClientState *nc, bool rx, const uint8_t *buf, size_t len)
{
	for (guint i = 0; nc->filters && i < nc->filters->len; i++) {
		NetFilter *nf = g_ptr_array_index(nc->filters, i);
		if ((nf->status && !strcmp(nf->status, "off")) ||
		    (nf->queue != NET_FILTER_ALL &&
		     nf->queue != (rx ? NET_FILTER_RX : NET_FILTER_TX)))
			continue;
		/* filters see the Ethernet frame, never the virtio_net_hdr before it */
		if (len > nc->vnet_hdr_len)
			NET_FILTER_CLASS(OBJECT(nf)->klass)
			    ->frame(nf, rx, buf + nc->vnet_hdr_len, len - nc->vnet_hdr_len);
	}
}

void net_filters_info(NetClientState *nc, GString *out)
{
	static const char *const queues[] = { "all", "rx", "tx" };

	if (!nc->filters || !nc->filters->len)
		return;
	g_string_append(out, "filters:\n");
	for (guint i = 0; i < nc->filters->len; i++) {
		NetFilter *nf = g_ptr_array_index(nc->filters, i);
		NetFilterClass *fc = NET_FILTER_CLASS(OBJECT(nf)->klass);

		g_string_append_printf(out, "  - %s: type=%s", OBJECT(nf)->name,
				       object_get_typename(OBJECT(nf)));
		if (fc->info)
			fc->info(nf, out);
		/* filters always sit at the tail of the chain here, as QEMU's default puts them */
		g_string_append_printf(
		    out, ",position=tail,status=%s,insert=behind,netdev=%s,queue=%s\n",
		    nf->status ? nf->status : "on", nf->netdev_id, queues[nf->queue]);
	}
}

static void filter_finalize(Object *obj)
{
	NetFilter *nf = NET_FILTER(obj);

	if (nf->netdev) {
		if (nf->netdev->nc) /* netdev_del took the client already */
			g_ptr_array_remove(nf->netdev->nc->filters, nf);
		object_unref(OBJECT(nf->netdev));
	}
}

static const char *const queue_names[] = { "all", "rx", "tx", NULL };
static const PropertyInfo queue_info = PROPERTY_INFO_ENUM("NetFilterDirection", queue_names);

static const Property filter_props[] = {
	PROP("netdev", prop_info_string_qom, NetFilter, netdev_id, PROP_MANDATORY),
	PROP("queue", queue_info, NetFilter, queue, PROP_DEFAULT_U(NET_FILTER_ALL)),
	PROP("status", prop_info_string_qom, NetFilter, status),
	PROP_END,
};

static void filter_class_init(ObjectClass *oc, const void *data)
{
	oc->complete_late = true;
	object_class_add_props(oc, filter_props);
}

static void filter_register_types(void)
{
	static const char *const ifaces[] = { TYPE_USER_CREATABLE, NULL };
	static const TypeInfo info = {
		.name = TYPE_NET_FILTER,
		.parent = TYPE_OBJECT,
		.abstract = true,
		.instance_size = sizeof(NetFilter),
		.class_size = sizeof(NetFilterClass),
		.instance_finalize = filter_finalize,
		.class_init = filter_class_init,
		.interfaces = ifaces,
	};
	type_register(&info);
}
type_init(filter_register_types)
