// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -global DRIVER.PROP=VALUE: default property values for every device of a type (or of a type
 * deriving from it), applied when such a device is created, before the properties its creator
 * sets, as in QEMU. After the machine is built, globals that matched nothing are reported.
 */
#ifndef HW_QDEV_GLOBAL_H
#define HW_QDEV_GLOBAL_H

#include "hw/qdev-core.h"

/* Parses "DRIVER.PROP=VALUE" or "driver=D,property=P,value=V" and registers it. */
bool qdev_global_option(const char *arg, Error **errp);
void qdev_prop_register_global(const char *driver, const char *property, const char *value);
/* Applies the globals matching dev's type; QEMU's "can't apply global" error on failure. */
bool qdev_prop_set_globals(DeviceState *dev, Error **errp);
/* Warns about globals naming no device type, or a machine-only type nothing used. */
void qdev_prop_check_globals(void);

#endif
