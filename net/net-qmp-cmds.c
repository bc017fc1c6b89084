// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QMP's commands on the network: set_link (a NIC's or a backend's link up or down),
 * query-rx-filter (the NICs' receive filters), and netdev_add/netdev_del. netdev_add's arguments are QEMU's Netdev: scalars, lists of
 * {"str": ...} for repeatable options (hostfwd), and nested addresses (stream's addr) that
 * become the dotted keys -netdev takes.
 */
#include "qemu/osdep.h"
#include "net/net.h"
#include "monitor/qmp.h"

static void qmp_set_link(const QValue *args, QValue *ret, Error **errp)
{
	qemu_set_link(qv_dict_get_str(args, "name"), qv_dict_get(args, "up")->b, errp);
}

static void append_opt(GString *s, const char *key, const char *val)
{
	g_string_append_printf(s, ",%s=", key);
	for (; *val; val++) {
		if (*val == ',') /* commas double, as in -netdev's syntax */
			g_string_append_c(s, ',');
		g_string_append_c(s, *val);
	}
}

/* One argument as -netdev option text; false (with QEMU's error) for what no option takes. */
static bool flatten(GString *s, const char *key, const QValue *v, Error **errp)
{
	g_autofree char *text = NULL;

	switch (v->kind) {
	case QV_STR:
		append_opt(s, key, v->s);
		return true;
	case QV_BOOL:
		append_opt(s, key, v->b ? "on" : "off");
		return true;
	case QV_INT:
		text = g_strdup_printf("%" PRId64, v->i);
		break;
	case QV_UINT:
		text = g_strdup_printf("%" PRIu64, v->u);
		break;
	case QV_LIST:
		for (guint i = 0; i < v->list->len; i++) {
			const QValue *item = g_ptr_array_index(v->list, i);
			const char *str = qv_dict_get_str(item, "str");

			if (!str) {
				error_setg(
				    errp, "Invalid parameter type for '%s', expected: string", key);
				return false;
			}
			append_opt(s, key, str);
		}
		return true;
	case QV_DICT:
		for (guint i = 0; i < v->dict->len; i++) {
			const QValueEntry *e = g_ptr_array_index(v->dict, i);
			g_autofree char *sub = g_strdup_printf("%s.%s", key, e->key);

			if (!flatten(s, sub, &e->value, errp))
				return false;
		}
		return true;
	default:
		error_setg(errp, "Invalid parameter type for '%s', expected: string", key);
		return false;
	}
	append_opt(s, key, text);
	return true;
}

static void qmp_netdev_add(const QValue *args, QValue *ret, Error **errp)
{
	g_autoptr(GString) s = g_string_new("");
	QemuOpts *opts;

	for (guint i = 0; i < args->dict->len; i++) {
		const QValueEntry *e = g_ptr_array_index(args->dict, i);

		if (!flatten(s, e->key, &e->value, errp))
			return;
	}
	if (is_help_option(qv_dict_get_str(args, "type"))) { /* no backend list on QMP */
		error_setg(errp, "Parameter 'type' does not accept value '%s'",
			   qv_dict_get_str(args, "type"));
		return;
	}
	opts = qemu_opts_parse(s->str + 1, NULL, errp);
	if (opts)
		qemu_netdev_add(opts, true, errp);
	qemu_opts_free(opts);
}

static void qmp_netdev_del(const QValue *args, QValue *ret, Error **errp)
{
	qemu_netdev_del(qv_dict_get_str(args, "id"), errp);
}

static void qmp_query_rx_filter(const QValue *args, QValue *ret, Error **errp)
{
	const char *name = qv_dict_get_str(args, "name");
	const GPtrArray *clients = net_clients();
	bool found = false;

	*ret = qv_list();
	for (guint i = 0; i < clients->len; i++) {
		NetClientState *nc = g_ptr_array_index(clients, i);

		if (name && strcmp(nc->name, name))
			continue;
		found = true;
		if (!nc->model) {
			if (name) {
				error_setg(errp, "net client(%s) isn't a NIC", name);
				qv_clear(ret);
				return;
			}
			continue;
		}
		if (nc->info->query_rx_filter) {
			qv_list_append(ret, nc->info->query_rx_filter(nc));
			nc->rx_filter_reported = false;
		}
	}
	if (name && !found) {
		error_setg(errp, "invalid net client name: %s", name);
		qv_clear(ret);
	}
}

static const QmpArg query_rx_filter_args[] = {
	{ "name", QV_STR, true },
	{ NULL },
};

static const QmpArg netdev_add_args[] = {
	{ "type", QV_STR },
	{ "id", QV_STR },
	{ "*", QMP_ANY, true },
	{ NULL },
};

static const QmpArg netdev_del_args[] = {
	{ "id", QV_STR },
	{ NULL },
};

static const QmpArg set_link_args[] = {
	{ "name", QV_STR },
	{ "up", QV_BOOL },
	{ NULL },
};

static const QmpCommand net_commands[] = {
	{ "set_link", qmp_set_link, set_link_args },
	{ "netdev_add", qmp_netdev_add, netdev_add_args },
	{ "netdev_del", qmp_netdev_del, netdev_del_args },
	{ "query-rx-filter", qmp_query_rx_filter, query_rx_filter_args },
	{ NULL },
};

static void net_commands_register(void)
{
	qmp_register_commands(net_commands);
}
qmp_init(net_commands_register)
