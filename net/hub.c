// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hubs: -netdev hubport,id=ID,hubid=N[,netdev=ND], and what the legacy -net syntax builds on
 * them. A hub joins its ports like a dumb Ethernet hub: a frame one port's peer sends goes out
 * of every other port to its peer. Ports are netdevs, so a NIC takes one with netdev=; hub N
 * comes into being with its first port. Names, defaults and warnings are QEMU's.
 */
#include "qemu/osdep.h"
#include "net/hub.h"
#include "qemu/error.h"

#define TYPE_NETDEV_HUBPORT NETDEV_TYPE_PREFIX "hubport"

typedef struct NetHubPort {
	Netdev parent_obj;
	int32_t hubid; /* property "hubid" */
	char *netdev;  /* property "netdev": a backend to peer with */
	struct NetHub *hub;
} NetHubPort;

typedef struct NetHub {
	int id;
	GPtrArray *ports; /* NetHubPort *, in creation order */
} NetHub;

#define NET_HUB_PORT(obj) OBJECT_CHECK(NetHubPort, (obj), TYPE_NETDEV_HUBPORT)

static GPtrArray *hubs; /* NetHub * */

static NetHub *hub_get(int id)
{
	NetHub *h;

	for (guint i = 0; hubs && i < hubs->len; i++) {
		h = g_ptr_array_index(hubs, i);
		if (h->id == id)
			return h;
	}
	if (!hubs)
		hubs = g_ptr_array_new();
	h = g_new0(NetHub, 1);
	h->id = id;
	h->ports = g_ptr_array_new();
	g_ptr_array_add(hubs, h);
	return h;
}

/* A frame from this port's peer: out of every other port. */
static ssize_t port_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
	NetHubPort *p = nc->opaque;

	for (guint i = 0; i < p->hub->ports->len; i++) {
		NetHubPort *o = g_ptr_array_index(p->hub->ports, i);

		if (o != p)
			qemu_send_packet(o->parent_obj.nc, buf, len);
	}
	return len;
}

static const NetClientInfo port_info = {
	.type = "hubport",
	.receive = port_receive,
};

static bool port_init(Netdev *nd, Error **errp)
{
	NetHubPort *p = NET_HUB_PORT(nd);
	Netdev *peer = NULL;

	if (p->netdev) {
		peer = qemu_find_netdev(p->netdev);
		if (!peer) {
			error_setg(errp, "netdev '%s' not found", p->netdev);
			return false;
		}
		if (peer->nc->peer) {
			error_setg(errp, "netdev '%s' is already in use", p->netdev);
			return false;
		}
	}
	p->hub = hub_get(p->hubid);
	nd->nc = qemu_new_net_client(&port_info, nd->id, p);
	if (peer)
		qemu_net_connect(nd->nc, peer->nc);
	g_ptr_array_add(p->hub->ports, p);
	return true;
}

static void port_cleanup(Netdev *nd)
{
	NetHubPort *p = NET_HUB_PORT(nd);

	if (p->hub)
		g_ptr_array_remove(p->hub->ports, p);
}

char *net_hub_new_port_name(int hubid)
{
	return g_strdup_printf("hub%dport%u", hubid, hub_get(hubid)->ports->len);
}

/* QEMU's checks once the machine is complete: ports nobody uses, hubs with one side only. */
void net_hub_check_clients(void)
{
	for (guint i = 0; hubs && i < hubs->len; i++) {
		NetHub *h = g_ptr_array_index(hubs, i);
		bool nic = false, host = false;

		for (guint k = 0; k < h->ports->len; k++) {
			NetHubPort *p = g_ptr_array_index(h->ports, k);
			NetClientState *peer = p->parent_obj.nc->peer;

			if (!peer)
				warn_report("hub port %s has no peer", p->parent_obj.id);
			else if (!strcmp(peer->info->type, "nic"))
				nic = true;
			else
				host = true;
		}
		if (host && !nic)
			warn_report("hub %d with no nics", h->id);
		if (nic && !host)
			warn_report("hub %d is not connected to host network", h->id);
	}
}

bool net_hub_client_on_hub(NetClientState *nc)
{
	return nc->info == &port_info || (nc->peer && nc->peer->info == &port_info);
}

void net_hub_info(GString *out, void (*print)(GString *out, NetClientState *nc))
{
	for (guint i = hubs ? hubs->len : 0; i-- > 0;) {
		NetHub *h = g_ptr_array_index(hubs, i);

		g_string_append_printf(out, "hub %d\n", h->id);
		for (guint k = h->ports->len; k-- > 0;) {
			NetClientState *nc =
			    ((NetHubPort *)g_ptr_array_index(h->ports, k))->parent_obj.nc;

			g_string_append_printf(out, " \\ %s", nc->name);
			if (nc->peer) {
				g_string_append(out, ": ");
				print(out, nc->peer);
			} else {
				g_string_append(out, "\n");
			}
		}
	}
}

static const Property port_props[] = {
	PROP("hubid", prop_info_int32, NetHubPort, hubid, PROP_DEFAULT_U(0)),
	PROP("netdev", prop_info_string, NetHubPort, netdev),
	PROP_END,
};

static void port_class_init(ObjectClass *klass, const void *data)
{
	NetdevClass *nc = NETDEV_CLASS(klass);

	nc->init = port_init;
	nc->cleanup = port_cleanup;
	object_class_add_props(klass, port_props);
}

static void hub_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_NETDEV_HUBPORT,
		.parent = TYPE_NETDEV,
		.instance_size = sizeof(NetHubPort),
		.class_init = port_class_init,
	};
	type_register(&info);
}
type_init(hub_register_types)
