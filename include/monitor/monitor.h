// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Monitors: QMP (-qmp, -qmp-pretty, -mon mode=control) and the human monitor (-monitor,
 * -mon mode=readline, Ctrl-A c on a mux) on chardevs. Each runs from the main loop between
 * execution slices. Events go to every QMP monitor that has finished capabilities
 * negotiation.
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include "chardev/char.h"
#include "qom/qvalue.h"

/* A QMP monitor on chr; pretty indents replies as -qmp-pretty does. */
bool monitor_new_qmp(Chardev *chr, bool pretty, Error **errp);
/* A human monitor on chr. */
bool monitor_new_hmp(Chardev *chr, Error **errp);
/* Closes every monitor (at exit). */
void monitor_cleanup_all(void);

/* Sends event NAME with data (owned; NULL for none) to every QMP monitor. */
void qmp_event_send(const char *name, QValue *data);

/* -mon chardev=ID[,mode=readline|control][,pretty=on|off] */
bool monitor_new_from_opts(QemuOpts *opts, Error **errp);

#endif
