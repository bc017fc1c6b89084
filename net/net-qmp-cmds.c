// SPDX-License-Identifier: GPL-2.0-or-later
/* QMP's commands on the network: set_link (a NIC's or a backend's link up or down). */
#include "qemu/osdep.h"
#include "net/net.h"
#include "monitor/qmp.h"

static void qmp_set_link(const QValue *args, QValue *ret, Error **errp)
{
	qemu_set_link(qv_dict_get_str(args, "name"), qv_dict_get(args, "up")->b, errp);
}

static const QmpArg set_link_args[] = {
	{ "name", QV_STR },
	{ "up", QV_BOOL },
	{ NULL },
};

static const QmpCommand net_commands[] = {
	{ "set_link", qmp_set_link, set_link_args },
	{ NULL },
};

static void net_commands_register(void)
{
	qmp_register_commands(net_commands);
}
qmp_init(net_commands_register)
