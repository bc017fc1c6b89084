// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hubs (net/hub.c): ports are netdevs of type "hubport" (hubid=, netdev=); every frame into a
 * port leaves by all the others. The legacy -net syntax puts its NICs and backends on hub 0.
 */
#ifndef NET_HUB_H
#define NET_HUB_H

#include "net/net.h"

/* The name the next port of hub hubid gets, as QEMU names them: "hub0port1"; g_free it. */
char *net_hub_new_port_name(int hubid);
/* QEMU's warnings about ports without peers and hubs reaching only NICs or only backends. */
void net_hub_check_clients(void);
/* Whether nc is a hub port or a hub port's peer (info network shows those with the hub). */
bool net_hub_client_on_hub(NetClientState *nc);
/* info network's hubs, newest first: "hub N", then " \ PORT[: PEER]" per port, newest first. */
void net_hub_info(GString *out, void (*print)(GString *out, NetClientState *nc));

#endif
