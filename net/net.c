// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The net layer's core (include/net/net.h): clients and their peers, the queue of frames a
 * busy client has not taken yet, backends created from -netdev by their QOM type, and the
 * NIC properties mac= and netdev=.
 */
#include "qemu/osdep.h"
#include "net/net.h"
#include "net/hub.h"
#include "net/filter.h"
#include "qemu/error.h"
#include "monitor/monitor.h"

static GPtrArray *netdevs; /* Netdev *, in creation order */
static GPtrArray *clients; /* NetClientState *, in creation order (info network) */

/* ---- clients ---- */

NetClientState *qemu_new_net_client(const NetClientInfo *info, const char *name, void *opaque)
{
	NetClientState *nc = g_new0(NetClientState, 1);

	nc->info = info;
	nc->name = g_strdup(name);
	nc->queue = g_queue_new();
	nc->opaque = opaque;
	if (!clients)
		clients = g_ptr_array_new();
	g_ptr_array_add(clients, nc);
	return nc;
}

static void drop_queue(NetClientState *nc)
{
	GByteArray *f;

	while ((f = g_queue_pop_head(nc->queue)))
		g_byte_array_unref(f);
	nc->queued_bytes = 0;
}

void qemu_del_net_client(NetClientState *nc)
{
	if (!nc)
		return;
	if (nc->peer) {
		if (nc->peer->conf_peer)
			*nc->peer->conf_peer = NULL; /* the NIC's netdev property: none now */
		nc->peer->peer = NULL;
		drop_queue(nc->peer); /* frames from nc */
	}
	drop_queue(nc);
	g_queue_free(nc->queue);
	if (nc->filters)
		g_ptr_array_free(nc->filters, TRUE);
	g_ptr_array_remove(clients, nc);
	g_free(nc->info_str);
	g_free(nc->model);
	g_free(nc->name);
	g_free(nc);
}

bool qemu_net_connect(NetClientState *a, NetClientState *b)
{
	if (a->peer || b->peer)
		return false;
	a->peer = b;
	b->peer = a;
	return true;
}

static bool can_receive(NetClientState *nc)
{
	return !nc->info->can_receive || nc->info->can_receive(nc);
}

/* Queues a frame for nc, or drops it when nc's queue is full. */
static void enqueue(NetClientState *nc, const uint8_t *buf, size_t len)
{
	GByteArray *f;

	if (nc->queued_bytes + len + NET_QUEUE_FRAME_COST > NET_QUEUE_MAX_BYTES)
		return;
	f = g_byte_array_sized_new(len);
	g_byte_array_append(f, buf, len);
	g_queue_push_tail(nc->queue, f);
	nc->queued_bytes += len + NET_QUEUE_FRAME_COST;
}

/* Hands one frame to nc's receive(); true if taken. Never re-entered for one client. */
static bool deliver(NetClientState *nc, const uint8_t *buf, size_t len)
{
	bool taken;

	nc->delivering = true;
	taken = can_receive(nc) && nc->info->receive(nc, buf, len) > 0;
	nc->delivering = false;
	return taken;
}

void qemu_send_packet(NetClientState *nc, const uint8_t *buf, size_t len)
{
	NetClientState *peer = nc->peer;

	/* an empty frame is no frame: dropped, never queued */
	if (!len || !peer || nc->link_down || peer->link_down)
		return;
	net_filters_frame(nc, false, buf, len);
	net_filters_frame(peer, true, buf, len);
	/* frames keep their order: while some wait (or one is being taken), new ones wait behind */
	if (g_queue_is_empty(peer->queue) && !peer->delivering && deliver(peer, buf, len))
		return;
	enqueue(peer, buf, len);
}

void qemu_flush_queued_packets(NetClientState *nc)
{
	GByteArray *f;

	/* called again from inside receive() (the guest's notification loops back): the outer
	 * flush goes on by itself */
	if (nc->delivering)
		return;
	while ((f = g_queue_pop_head(nc->queue))) {
		nc->queued_bytes -= f->len + NET_QUEUE_FRAME_COST;
		if (!deliver(nc, f->data, f->len)) {
			g_queue_push_head(nc->queue, f);
			nc->queued_bytes += f->len + NET_QUEUE_FRAME_COST;
			break;
		}
		g_byte_array_unref(f);
	}
	if (g_queue_is_empty(nc->queue) && nc->peer && nc->peer->info->peer_ready)
		nc->peer->info->peer_ready(nc->peer);
}

bool qemu_can_send_packet(NetClientState *nc)
{
	NetClientState *peer = nc->peer;

	if (!peer || nc->link_down || peer->link_down)
		return true;
	return g_queue_is_empty(peer->queue) && !peer->delivering && can_receive(peer);
}

bool qemu_has_vnet_hdr(NetClientState *nc)
{
	return nc && nc->info->has_vnet_hdr && nc->info->has_vnet_hdr(nc);
}

bool qemu_has_ufo(NetClientState *nc)
{
	return nc && nc->info->has_ufo && nc->info->has_ufo(nc);
}

void qemu_set_vnet_hdr_len(NetClientState *nic, unsigned len)
{
	NetClientState *peer = nic->peer;

	if (!qemu_has_vnet_hdr(peer) || nic->vnet_hdr_len == len)
		return;
	drop_queue(nic);
	drop_queue(peer);
	nic->vnet_hdr_len = peer->vnet_hdr_len = len;
	peer->info->set_vnet_hdr_len(peer, len);
}

void qemu_set_offload(NetClientState *nic, unsigned offloads)
{
	NetClientState *peer = nic->peer;

	if (qemu_has_vnet_hdr(peer) && peer->info->set_offload)
		peer->info->set_offload(peer, offloads);
}

const GPtrArray *net_clients(void)
{
	if (!clients)
		clients = g_ptr_array_new();
	return clients;
}

void qemu_nic_rx_filter_changed(NetClientState *nc, const char *id, const char *path)
{
	QValue data = qv_dict();

	if (nc->rx_filter_reported)
		return; /* a guest changing its filter in a loop sends one event per query */
	nc->rx_filter_reported = true;
	if (id)
		qv_dict_put(&data, "name", qv_str(id));
	qv_dict_put(&data, "path", qv_str(path));
	qmp_event_send("NIC_RX_FILTER_CHANGED", &data);
	qv_clear(&data);
}

void qemu_set_info_str(NetClientState *nc, const char *fmt, ...)
{
	va_list ap;

	g_free(nc->info_str);
	va_start(ap, fmt);
	nc->info_str = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

/* ---- backends ---- */

Netdev *qemu_find_netdev(const char *id)
{
	for (guint i = 0; id && netdevs && i < netdevs->len; i++) {
		Netdev *nd = g_ptr_array_index(netdevs, i);

		if (!strcmp(nd->id, id))
			return nd;
	}
	return NULL;
}

void net_print_backends(GString *out)
{
	GSList *types = object_class_get_list(TYPE_NETDEV, false);

	g_string_append(out, "Available netdev backend types:\n");
	for (GSList *l = types; l; l = l->next)
		g_string_append_printf(out, "%s\n",
				       object_class_get_name(l->data) + strlen(NETDEV_TYPE_PREFIX));
	g_slist_free(types);
}

static NetdevClass *find_class(const char *name)
{
	char *type = g_strconcat(NETDEV_TYPE_PREFIX, name, NULL);
	ObjectClass *oc = object_class_by_name(type);

	g_free(type);
	return oc && object_class_dynamic_cast(oc, TYPE_NETDEV) && !object_class_is_abstract(oc)
		   ? NETDEV_CLASS(oc)
		   : NULL;
}

/*
 * As QEMU's QAPI parse of -netdev: type first, then id, then every option the type has (an
 * unknown one "is unexpected" where QEMU parses by QAPI: QMP and the newer backends).
 */
static NetdevClass *check_new(QemuOpts *opts, bool qapi, Error **errp)
{
	const char *type = qemu_opt_get(opts, "type"), *id = qemu_opt_get(opts, "id");
	NetdevClass *nc;

	if (!type) {
		error_setg(errp, "Parameter 'type' is missing");
		return NULL;
	}
	nc = find_class(type);
	if (!nc) {
		error_setg(errp, "Parameter 'type' does not accept value '%s'", type);
		return NULL;
	}
	if (!id) {
		error_setg(errp, "Parameter 'id' is missing");
		return NULL;
	}
	if (qemu_find_netdev(id)) {
		error_setg(errp, qapi ? "Duplicate ID '%s'" : "Duplicate ID '%s' for netdev", id);
		return NULL;
	}
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);

		if (strcmp(o->name, "type") && strcmp(o->name, "id") &&
		    !object_class_find_property(OBJECT_CLASS(nc), o->name)) {
			error_setg(errp,
				   qapi || nc->keyval ? "Parameter '%s' is unexpected"
						      : "Invalid parameter '%s'",
				   o->name);
			return NULL;
		}
	}
	return nc;
}

static Netdev *netdev_new(QemuOpts *opts, bool qapi, Error **errp)
{
	NetdevClass *nc = check_new(opts, qapi, errp);
	Netdev *nd;

	if (!nc)
		return NULL;
	nd = NETDEV(object_new(object_class_get_name(OBJECT_CLASS(nc))));
	nd->id = g_strdup(qemu_opt_get(opts, "id"));
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);

		if (strcmp(o->name, "type") && strcmp(o->name, "id") &&
		    !object_property_parse(OBJECT(nd), o->name, o->str, errp))
			goto fail;
	}
	if (!nc->init(nd, errp))
		goto fail;
	if (!netdevs)
		netdevs = g_ptr_array_new();
	g_ptr_array_add(netdevs, nd);
	return nd;
fail:
	object_unref(OBJECT(nd));
	return NULL;
}

Netdev *net_netdev_new(QemuOpts *opts, Error **errp)
{
	const char *type = qemu_opt_get(opts, "type");

	if (is_help_option(type) || (opts->help && !type)) {
		g_autoptr(GString) out = g_string_new(NULL);

		net_print_backends(out);
		fputs(out->str, stdout);
		return NULL;
	}
	return netdev_new(opts, false, errp);
}

/* Closes the backend's host side (sockets, a tap and its downscript) once. */
static void netdev_close(Netdev *nd)
{
	NetdevClass *nc = NETDEV_GET_CLASS(OBJECT(nd));

	if (!nd->closed && nc->cleanup)
		nc->cleanup(nd);
	nd->closed = true;
}

Netdev *qemu_netdev_add(QemuOpts *opts, bool qmp, Error **errp)
{
	return netdev_new(opts, qmp, errp);
}

bool qemu_netdev_del(const char *id, Error **errp)
{
	Netdev *nd = qemu_find_netdev(id);

	if (!nd) {
		error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found", id);
		return false;
	}
	g_ptr_array_remove(netdevs, nd);
	netdev_close(nd);
	/* the client goes now, though a filter may keep the object a while */
	qemu_del_net_client(nd->nc);
	nd->nc = NULL;
	object_unref(OBJECT(nd));
	return true;
}

static void netdev_finalize(Object *obj)
{
	Netdev *nd = NETDEV(obj);

	netdev_close(nd);
	qemu_del_net_client(nd->nc);
	g_free(nd->id);
}

void net_check_clients(void)
{
	net_hub_check_clients();
	for (guint i = 0; netdevs && i < netdevs->len; i++) {
		Netdev *nd = g_ptr_array_index(netdevs, i);

		if (!nd->nc->peer)
			warn_report("netdev %s has no peer", nd->id);
	}
}

void net_cleanup(void)
{
	/* every backend closes at exit, even one a filter still holds */
	for (guint i = 0; netdevs && i < netdevs->len; i++)
		netdev_close(g_ptr_array_index(netdevs, i));
	while (netdevs && netdevs->len)
		object_unref(OBJECT(g_ptr_array_steal_index(netdevs, netdevs->len - 1)));
}

static void netdev_register_types(void)
{
	static const TypeInfo info = {
		.name = TYPE_NETDEV,
		.parent = TYPE_OBJECT,
		.abstract = true,
		.instance_size = sizeof(Netdev),
		.instance_finalize = netdev_finalize,
		.class_size = sizeof(NetdevClass),
	};
	type_register(&info);
}
type_init(netdev_register_types)

    /* ---- NICs ---- */

    void qemu_macaddr_default_if_unset(NICConf *conf)
{
	static unsigned next = 0x56;

	if (conf->mac_set)
		return;
	conf->macaddr = (MACAddr){ { 0x52, 0x54, 0x00, 0x12, 0x34, next++ } };
	conf->mac_set = true;
}

NetClientState *qemu_new_nic(const NetClientInfo *info, NICConf *conf, const char *model,
			     const char *id, void *opaque)
{
	g_autofree char *name = NULL;
	const uint8_t *a = conf->macaddr.a;
	NetClientState *nc;
	unsigned n = 0;

	for (guint i = 0; !id && clients && i < clients->len; i++) {
		NetClientState *c = g_ptr_array_index(clients, i);

		n += c->model && !strcmp(c->model, model);
	}
	name = id ? g_strdup(id) : g_strdup_printf("%s.%u", model, n);
	nc = qemu_new_net_client(info, name, opaque);
	nc->model = g_strdup(model);
	nc->conf_peer = &conf->peer;
	qemu_set_info_str(nc, "model=%s,macaddr=%02x:%02x:%02x:%02x:%02x:%02x", model, a[0], a[1],
			  a[2], a[3], a[4], a[5]);
	if (conf->peer)
		qemu_net_connect(nc, conf->peer);
	return nc;
}

static void set_link(NetClientState *nc, bool up)
{
	nc->link_down = !up;
	if (nc->info->link_status_changed)
		nc->info->link_status_changed(nc);
}

bool qemu_set_link(const char *name, bool up, Error **errp)
{
	bool found = false;

	for (guint i = 0; clients && i < clients->len; i++) {
		NetClientState *nc = g_ptr_array_index(clients, i);

		if (strcmp(nc->name, name))
			continue;
		found = true;
		set_link(nc, up);
		if (nc->peer && nc->peer->model)
			set_link(nc->peer, up);
		else if (nc->peer && nc->peer->info->link_status_changed)
			nc->peer->info->link_status_changed(nc->peer);
	}
	if (!found)
		error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found", name);
	return found;
}

/* "NAME: index=0,type=TYPE,INFO" and the filters watching the client. */
static void print_client(GString *out, NetClientState *nc)
{
	g_string_append_printf(out, "%s: index=0,type=%s,%s\n", nc->name, nc->info->type,
			       nc->info_str ? nc->info_str : "");
	net_filters_info(nc, out);
}

void net_info_network(GString *out)
{
	net_hub_info(out, print_client);
	for (guint i = 0; clients && i < clients->len; i++) {
		NetClientState *nc = g_ptr_array_index(clients, i);
		bool nic = nc->model != NULL;

		if (net_hub_client_on_hub(nc))
			continue; /* shown with its hub */
		if (!nc->peer || nic)
			print_client(out, nc);
		if (nc->peer && nic) {
			g_string_append(out, " \\ ");
			print_client(out, nc->peer);
		}
	}
}

static void *field(Object *obj, const Property *prop)
{
	return (char *)obj + prop->offset;
}

static bool mac_parse(const Property *prop, const char *str, QValue *v, Error **errp)
{
	*v = qv_str(str);
	return true;
}

static bool mac_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	NICConf *conf = field(obj, prop);
	unsigned b[6];
	char end;

	if (v->kind != QV_STR ||
	    sscanf(v->s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
		   &end) != 6 ||
	    strlen(v->s) != 17) {
		error_setg(errp, "Property '%s.%s' doesn't take value '%s'",
			   object_get_typename(obj), prop->name, v->kind == QV_STR ? v->s : "");
		return false;
	}
	for (int i = 0; i < 6; i++)
		conf->macaddr.a[i] = b[i];
	conf->mac_set = true;
	return true;
}

static void mac_get(Object *obj, const Property *prop, QValue *v)
{
	NICConf *conf = field(obj, prop);
	const uint8_t *a = conf->macaddr.a;
	char *s =
	    g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);

	*v = qv_str(s);
	g_free(s);
}

const PropertyInfo prop_info_macaddr = {
	.type = "str",
	.description = "Ethernet 6-byte MAC Address, example: 52:54:00:12:34:56",
	.parse = mac_parse,
	.get = mac_get,
	.set = mac_set,
};

static bool netdev_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	NICConf *conf = container_of((NetClientState **)field(obj, prop), NICConf, peer);
	const char *id = v->kind == QV_STR ? v->s : "";
	Netdev *nd = qemu_find_netdev(id);

	if (!nd) {
		error_setg(errp, "Property '%s.%s' can't find value '%s'", object_get_typename(obj),
			   prop->name, id);
		return false;
	}
	if (nd->nc->peer || conf->peer) {
		error_setg(errp, "Property '%s.%s' can't take value '%s', it's in use",
			   object_get_typename(obj), prop->name, id);
		return false;
	}
	conf->peer = nd->nc;
	return true;
}

static void netdev_get(Object *obj, const Property *prop, QValue *v)
{
	NetClientState *peer = *(NetClientState **)field(obj, prop);
	Netdev *nd = NULL;

	for (guint i = 0; peer && netdevs && i < netdevs->len; i++)
		if (((Netdev *)g_ptr_array_index(netdevs, i))->nc == peer)
			nd = g_ptr_array_index(netdevs, i);
	*v = qv_str(nd ? nd->id : "");
}

const PropertyInfo prop_info_netdev = {
	.type = "str",
	.description = "ID of a netdev to use as a backend",
	.get = netdev_get,
	.set = netdev_set,
};
