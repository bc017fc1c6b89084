// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The block-device property kinds: drive= (a BlockBackend found by name and attached to the
 * device while the property holds it) and the logical/physical block sizes. Texts are QEMU's,
 * including its "Property ID.NAME" form for block sizes where ID is the device id (empty
 * for a device without one, hence QEMU's "Property .logical_block_size ...").
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "hw/block/block-props.h"
#include "hw/qdev-core.h"
#include "sysemu/block-backend.h"

static void *field(Object *obj, const Property *prop)
{
	return (char *)obj + prop->offset;
}

/* drive= */

static void drive_release(Object *obj, const Property *prop)
{
	BlockBackend **p = field(obj, prop);

	if (*p)
		blk_detach_dev(*p, obj);
	*p = NULL;
}

static bool drive_set(Object *obj, const Property *prop, const QValue *v, Error **errp)
{
	BlockBackend **p = field(obj, prop);
	BlockBackend *blk;
	const char *value = v->s;

	if (v->kind != QV_STR) {
		error_setg(errp, "Invalid parameter type for '%s', expected: string", prop->name);
		return false;
	}
	if (!*value) {
		drive_release(obj, prop);
		return true;
	}
	blk = blk_by_name(value);
	if (!blk) {
		error_setg(errp, "Property '%s.%s' can't find value '%s'", object_get_typename(obj),
			   prop->name, value);
		return false;
	}
	/* The same drive twice (drive=a,drive=a) is one setting, as in QEMU. */
	if (*p == blk)
		return true;
	drive_release(obj, prop);
	if (!blk_attach_dev(blk, obj, errp))
		return false;
	*p = blk;
	return true;
}

static void drive_get(Object *obj, const Property *prop, QValue *v)
{
	BlockBackend *blk = *(BlockBackend **)field(obj, prop);

	*v = qv_str(blk ? blk_name(blk) : "");
}

const PropertyInfo prop_info_drive = {
	.type = "str",
	.description = "Node name or ID of a block device to use as a backend",
	.get = drive_get,
	.set = drive_set,
	.release = drive_release,
};

/* logical_block_size=, physical_block_size= */

static const char *device_id(Object *obj)
{
	DeviceState *dev = (DeviceState *)object_dynamic_cast(obj, TYPE_DEVICE);

	return dev && dev->id ? dev->id : "";
}

static bool blocksize_parse(const Property *prop, const char *str, QValue *v, Error **errp)
{
	uint64_t u;

	if (!parse_option_size(prop->name, str, &u, errp))
		return false;
	*v = qv_uint(u);
	return true;
}

static bool blocksize_set(Object *obj, const Property *prop, const QValue *qv, Error **errp)
{
	uint64_t v;

	if (!qv_get_uint(qv, &v)) {
		error_setg(errp, "Invalid parameter type for '%s', expected: integer", prop->name);
		return false;
	}
	if (v < BLOCKSIZE_MIN || v > BLOCKSIZE_MAX) {
		error_setg(errp,
			   "Property %s.%s doesn't take value %" PRIu64 " (minimum: %d, "
			   "maximum: %d)",
			   device_id(obj), prop->name, v, BLOCKSIZE_MIN, BLOCKSIZE_MAX);
		return false;
	}
	if (v & (v - 1)) {
		error_setg(errp,
			   "Property %s.%s doesn't take value '%" PRIu64 "', it's not a power "
			   "of 2",
			   device_id(obj), prop->name, v);
		return false;
	}
	*(uint32_t *)field(obj, prop) = v;
	return true;
}

static void blocksize_get(Object *obj, const Property *prop, QValue *v)
{
	*v = qv_uint(*(uint32_t *)field(obj, prop));
}

static void blocksize_set_default(Object *obj, const Property *prop)
{
	*(uint32_t *)field(obj, prop) = prop->defval.u;
}

const PropertyInfo prop_info_blocksize = {
	.type = "size",
	.description = "A power of two between 512 B and 2 MiB",
	.get = blocksize_get,
	.set = blocksize_set,
	.parse = blocksize_parse,
	.set_default = blocksize_set_default,
};
