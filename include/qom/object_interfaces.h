// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * User-creatable objects: the types implementing TYPE_USER_CREATABLE, which -object creates
 * under /objects/ID from "TYPE,id=ID,prop=value,..." (rng-random, memory-backend-ram, ...).
 * As in QEMU, an option is checked when it is read (type, id, every property and the mandatory
 * ones, with the option named in errors), the object joins the tree when the machine's backends
 * are created, and then its class's complete() opens what it stands for.
 */
#ifndef QOM_OBJECT_INTERFACES_H
#define QOM_OBJECT_INTERFACES_H

#include "qom/object.h"
#include "qemu/option.h"

/* -object help, -object TYPE,help: true when opts asked for help (printed to out). */
bool user_creatable_help(QemuOpts *opts, FILE *out);
/* Parses and checks one -object (implied key "qom-type"); the object is not in the tree yet. */
Object *user_creatable_parse(QemuOpts *opts, Error **errp);
/* Adds a parsed object as /objects/ID (refusing a duplicate id); takes the caller's reference. */
bool user_creatable_add(Object *obj, const char *id, Error **errp);
/* Runs the class's complete() of an object in the tree. */
bool user_creatable_complete(Object *obj, Error **errp);
/* /objects/ID, or NULL. */
Object *object_find_user_created(const char *id);

#endif
