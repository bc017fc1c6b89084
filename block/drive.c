// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -drive and -blockdev: option strings turned into nodes and backends, with QEMU's option
 * names, defaults and error texts (checked against qemu-system-riscv64 7.2), in the order
 * QEMU reports them. -drive is the legacy form: one string describes the backend (if=, id=,
 * cache=, werror=...), the format node and its "file." protocol child, and unnamed drives are
 * named after their interface and unit ("virtio0", "none1"). -blockdev describes one node per
 * option, children given inline ("file.driver=file,...") or by node-name ("file=N").
 */
#include "qemu/osdep.h"
#include <sys/stat.h>
#include "qemu/option.h"
#include "qemu/cutils.h"
#include "block/block_int.h"

/* QEMU's if= values, in its order; only none (the board's default) and virtio exist here. */
typedef enum {
	IF_NONE,
	IF_IDE,
	IF_SCSI,
	IF_FLOPPY,
	IF_PFLASH,
	IF_MTD,
	IF_SD,
	IF_VIRTIO,
	IF_XEN,
	IF_COUNT
} IfType;

static const char *const if_names[IF_COUNT] = {
	"none", "ide", "scsi", "floppy", "pflash", "mtd", "sd", "virtio", "xen",
};

/* Units per bus where a bus holds a fixed number of drives. */
static const int if_max_devs[IF_COUNT] = { [IF_IDE] = 2, [IF_SCSI] = 7 };

static const char *const on_error_names[] = {
	[BLOCKDEV_ON_ERROR_REPORT] = "report",
	[BLOCKDEV_ON_ERROR_IGNORE] = "ignore",
	[BLOCKDEV_ON_ERROR_ENOSPC] = "enospc",
	[BLOCKDEV_ON_ERROR_STOP] = "stop",
};

static const char *const detect_zeroes_names[] = { "off", "on", "unmap" };
static const char *const aio_names[] = { "threads", "native", "io_uring" };
static const char *const locking_names[] = { "auto", "on", "off" };
static const char *const discard_names[] = { "ignore", "unmap" };

/* -drive keys that belong to the drive itself: with only these, no file makes an empty drive. */
static const char *const drive_level_keys[] = {
	"file",	  "if",	      "index",		 "bus",	      "unit",	       "media",
	"id",	  "snapshot", "readonly",	 "read-only", "werror",	       "rerror",
	"format", "driver",   "cache.writeback", "aio",	      "detect-zeroes",
};

/* QEMU options Quicksilver does not implement; refused by name rather than as unknown. */
static const char *const unsupported_prefixes[] = {
	"throttling.",
	"stats-",
};

static int name_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) {
		if (names[i] && !strcmp(names[i], s))
			return i;
	}
	return -1;
}

static bool opt_bool(QemuOpts *o, const char *key, bool *val, Error **errp)
{
	const char *s = qemu_opt_get(o, key);

	return !s || parse_option_bool(key, s, val, errp);
}

/* index=, bus=, unit=: QEMU keeps them as int, and -1 means "not given". */
static bool opt_int(QemuOpts *o, const char *key, int *val, Error **errp)
{
	const char *s = qemu_opt_get(o, key);
	int64_t v;

	if (!s)
		return true;
	if (qemu_strtoi64(s, &v) < 0) {
		error_setg(errp, "Parameter '%s' expects a number", key);
		return false;
	}
	*val = (int)v;
	return true;
}

static bool opt_has_prefix(QemuOpts *o, const char *prefix)
{
	for (guint i = 0; i < o->opts->len; i++) {
		QemuOpt *opt = g_ptr_array_index(o->opts, i);
		if (g_str_has_prefix(opt->name, prefix))
			return true;
	}
	return false;
}

static const char *first_unused(QemuOpts *o)
{
	for (guint i = 0; i < o->opts->len; i++) {
		QemuOpt *opt = g_ptr_array_index(o->opts, i);
		if (!opt->used)
			return opt->name;
	}
	return NULL;
}

static bool check_unsupported_keys(QemuOpts *o, Error **errp)
{
	for (size_t i = 0; i < ARRAY_SIZE(unsupported_prefixes); i++) {
		for (guint j = 0; j < o->opts->len; j++) {
			QemuOpt *opt = g_ptr_array_index(o->opts, j);
			if (g_str_has_prefix(opt->name, unsupported_prefixes[i])) {
				error_setg(errp, "Parameter '%s' is not supported yet", opt->name);
				return false;
			}
		}
	}
	return true;
}

/* A driver QEMU has and we lack is refused as such, not as an unknown name. */
static bool refuse_qemu_driver(const char *name, Error **errp)
{
	if (!bdrv_is_known_unsupported(name))
		return false;
	error_setg(errp, "Driver '%s' is not supported yet", name);
	return true;
}

/* auto-read-only=on: a file we may not write is opened read-only instead of failing. */
static void apply_auto_read_only(BlockOpenArgs *args, bool auto_ro)
{
	if (auto_ro && (args->flags & BDRV_O_RDWR) && access(args->filename, W_OK) < 0 &&
	    (errno == EACCES || errno == EROFS || errno == EPERM))
		args->flags &= ~BDRV_O_RDWR;
}

/* -drive */

typedef struct Drive {
	QemuOpts *o;
	const char *id;
	IfType type;
	int bus, unit, index;
	bool read_only, auto_read_only, cdrom, snapshot;
	bool direct, no_flush, wce, unmap;
	bool force_share, copy_on_read;
	DetectZeroes detect_zeroes;
	BlockdevOnError werror, rerror;
	const BlockDriver *fmt; /* NULL: probe */
} Drive;

static bool drive_check_id(Drive *d, Error **errp)
{
	d->id = qemu_opt_get(d->o, "id");
	if (!d->id)
		return true;
	if (!id_check_wellformed(d->id, errp))
		return false;
	if (blk_by_drive_id(d->id)) {
		error_setg(errp, "Duplicate ID '%s' for drive", d->id);
		return false;
	}
	return true;
}

static bool drive_parse_cache(Drive *d, Error **errp)
{
	const char *mode = qemu_opt_get(d->o, "cache");
	bool writethrough = false;
	int flags = 0;

	if (mode && !bdrv_parse_cache_mode(mode, &flags, &writethrough)) {
		error_setg(errp, "invalid cache option");
		return false;
	}
	d->direct = flags & BDRV_O_NOCACHE;
	d->no_flush = flags & BDRV_O_NO_FLUSH;
	d->wce = !writethrough;
	return true;
}

static bool drive_parse_numbers(Drive *d, Error **errp)
{
	const char *ro, *alias;

	d->index = d->unit = -1;
	d->bus = 0;
	if (!opt_int(d->o, "index", &d->index, errp) || !opt_int(d->o, "bus", &d->bus, errp) ||
	    !opt_int(d->o, "unit", &d->unit, errp))
		return false;
	ro = qemu_opt_get(d->o, "read-only");
	alias = qemu_opt_get(d->o, "readonly");
	if (ro && alias) {
		error_setg(errp, "'read-only' and its alias 'readonly' can't be used at the same "
				 "time");
		return false;
	}
	if ((ro || alias) && !parse_option_bool("read-only", ro ? ro : alias, &d->read_only, errp))
		return false;
	return opt_bool(d->o, "auto-read-only", &d->auto_read_only, errp);
}

static bool drive_parse_media(Drive *d, Error **errp)
{
	const char *media = qemu_opt_get(d->o, "media");

	if (!media || !strcmp(media, "disk"))
		return true;
	if (strcmp(media, "cdrom")) {
		error_setg(errp, "'%s' invalid media", media);
		return false;
	}
	d->cdrom = true;
	return true;
}

static bool drive_parse_if(Drive *d, Error **errp)
{
	const char *s = qemu_opt_get(d->o, "if");
	int t = s ? name_index(if_names, IF_COUNT, s) : IF_NONE;

	if (t < 0) {
		error_setg(errp, "unsupported bus type '%s'", s);
		return false;
	}
	d->type = t;
	return true;
}

static bool drive_unit_taken(IfType type, int bus, int unit)
{
	if (type == IF_NONE)
		return blk_by_legacy_unit(BLK_IF_NONE, bus, unit) != NULL;
	if (type == IF_VIRTIO)
		return blk_by_legacy_unit(BLK_IF_VIRTIO, bus, unit) != NULL;
	if (type == IF_PFLASH)
		return blk_by_legacy_unit(BLK_IF_PFLASH, bus, unit) != NULL;
	return false; /* never registered: refused in drive_check_machine() */
}

/* index= is bus * units-per-bus + unit; without either, the first free unit is taken. */
static bool drive_assign_unit(Drive *d, Error **errp)
{
	int max = if_max_devs[d->type];

	if (d->index != -1) {
		if (d->bus != 0 || d->unit != -1) {
			error_setg(errp, "index cannot be used with bus and unit");
			return false;
		}
		d->bus = max ? d->index / max : 0;
		d->unit = max ? d->index % max : d->index;
	}
	if (max && d->unit >= max) {
		error_setg(errp, "unit %d too big (max is %d)", d->unit, max - 1);
		return false;
	}
	if (d->unit == -1) {
		d->unit = 0;
		while (drive_unit_taken(d->type, d->bus, d->unit)) {
			d->unit++;
			if (max && d->unit >= max) {
				d->unit = 0;
				d->bus++;
			}
		}
	}
	if (drive_unit_taken(d->type, d->bus, d->unit)) {
		error_setg(errp, "drive with bus=%d, unit=%d (index=%d) exists", d->bus, d->unit,
			   max ? d->bus * max + d->unit : d->unit);
		return false;
	}
	return true;
}

bool drive_snapshot_default; /* -snapshot */

static bool drive_parse_snapshot(Drive *d, Error **errp)
{
	d->snapshot = drive_snapshot_default;
	return opt_bool(d->o, "snapshot", &d->snapshot, errp);
}

static bool drive_parse_error_action(Drive *d, bool is_read, Error **errp)
{
	const char *s = qemu_opt_get(d->o, is_read ? "rerror" : "werror");
	int a;

	if (!s)
		return true;
	a = name_index(on_error_names, ARRAY_SIZE(on_error_names), s);
	if (a < 0 || (is_read && a == BLOCKDEV_ON_ERROR_ENOSPC)) {
		error_setg(errp, "'%s' invalid %s error action", s, is_read ? "read" : "write");
		return false;
	}
	if (is_read)
		d->rerror = a;
	else
		d->werror = a;
	return true;
}

static bool drive_parse_aio_and_errors(Drive *d, Error **errp)
{
	const char *aio = qemu_opt_get(d->o, "aio");
	const char *dz = qemu_opt_get(d->o, "detect-zeroes");

	if (aio && name_index(aio_names, ARRAY_SIZE(aio_names), aio) < 0) {
		error_setg(errp, "invalid aio option");
		return false;
	}
	d->werror = BLOCKDEV_ON_ERROR_ENOSPC;
	d->rerror = BLOCKDEV_ON_ERROR_REPORT;
	if (!drive_parse_error_action(d, false, errp) || !drive_parse_error_action(d, true, errp) ||
	    !opt_bool(d->o, "cache.writeback", &d->wce, errp))
		return false;
	if (dz) {
		int v = name_index(detect_zeroes_names, ARRAY_SIZE(detect_zeroes_names), dz);
		if (v < 0) {
			error_setg(errp, "invalid parameter value: %s", dz);
			return false;
		}
		d->detect_zeroes = v;
	}
	return true;
}

static bool drive_parse_format(Drive *d, Error **errp)
{
	const char *format = qemu_opt_get(d->o, "format");
	const char *driver = qemu_opt_get(d->o, "driver");
	const char *name = format ? format : driver;

	if (format && driver) {
		error_setg(errp, "Cannot specify both 'driver' and 'format'");
		return false;
	}
	if (!name)
		return true;
	if (is_help_option(name)) {
		bdrv_format_help(stdout);
		exit(0);
	}
	d->fmt = bdrv_find_driver(name);
	if (!d->fmt && !refuse_qemu_driver(name, errp))
		error_setg(errp, "Unknown driver '%s'", name);
	return d->fmt != NULL;
	return true;
}

/* Options that only make sense with an image; QEMU checks them once it knows there is one. */
static bool drive_parse_node_flags(Drive *d, Error **errp)
{
	const char *discard = qemu_opt_get(d->o, "discard");

	if (!opt_bool(d->o, "cache.direct", &d->direct, errp) ||
	    !opt_bool(d->o, "cache.no-flush", &d->no_flush, errp) ||
	    !opt_bool(d->o, "force-share", &d->force_share, errp) ||
	    !opt_bool(d->o, "copy-on-read", &d->copy_on_read, errp))
		return false;
	if (d->force_share && !d->read_only) {
		error_setg(errp, "force-share=on can only be used with read-only images");
		return false;
	}
	if (discard) {
		if (!strcmp(discard, "unmap") || !strcmp(discard, "on")) {
			d->unmap = true;
		} else if (strcmp(discard, "ignore") && strcmp(discard, "off")) {
			error_setg(errp, "Invalid discard option");
			return false;
		}
	}
	/* as in QEMU, -drive quietly drops the unmap part when discard is ignored */
	if (d->detect_zeroes == DETECT_ZEROES_UNMAP && !d->unmap)
		d->detect_zeroes = DETECT_ZEROES_ON;
	return true;
}

static bool drive_has_node_opts(QemuOpts *o)
{
	if (o->help)
		return true;
	for (guint i = 0; i < o->opts->len; i++) {
		QemuOpt *opt = g_ptr_array_index(o->opts, i);
		if (name_index(drive_level_keys, ARRAY_SIZE(drive_level_keys), opt->name) < 0)
			return true;
	}
	return false;
}

/* file=, or the protocol's filename given as filename= (format=file) or file.filename=. */
static bool drive_filename(Drive *d, const char **filename, Error **errp)
{
	const char *file = qemu_opt_get(d->o, "file");
	bool root_is_protocol = d->fmt && d->fmt->is_protocol;
	const char *other = qemu_opt_get(d->o, root_is_protocol ? "filename" : "file.filename");

	if (file && *file && other) {
		error_setg(errp, "Can't specify 'file' and 'filename' options at the same time");
		return false;
	}
	*filename = file && *file ? file : other;
	return true;
}

/* "proto:rest" names a protocol as QEMU reads it; "file:" is ours, the rest are not. */
static bool drive_strip_protocol(const char *filename, const char **path, Error **errp)
{
	const char *colon = strchr(filename, ':');
	const char *slash = strchr(filename, '/');
	char *proto;
	bool ok = false;

	*path = filename;
	if (!colon || (slash && slash < colon))
		return true;
	proto = g_strndup(filename, colon - filename);
	if (!strcmp(proto, "file")) {
		*path = colon + 1;
		ok = true;
	} else if (!strcmp(proto, "json")) {
		error_setg(errp, "json: pseudo-protocol filenames are not supported yet");
	} else if (bdrv_is_known_unsupported(proto) || !strcmp(proto, "fat")) {
		error_setg(errp, "Protocol '%s' is not supported yet", proto);
	} else {
		error_setg(errp, "Unknown protocol '%s'", proto);
	}
	g_free(proto);
	return ok;
}

/* host_device for device nodes, file for the rest, as QEMU's protocol probe picks. */
static const BlockDriver *drive_pick_protocol(const char *path, Error **errp)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		error_setg(errp, "'file' driver requires '%s' to be a regular file", path);
		return NULL;
	}
	if (stat(path, &st) == 0 && (S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode)))
		return &bdrv_host_device;
	return &bdrv_file;
}

static int drive_flags(const Drive *d)
{
	return (d->read_only ? 0 : BDRV_O_RDWR) | (d->direct ? BDRV_O_NOCACHE : 0) |
	       (d->no_flush ? BDRV_O_NO_FLUSH : 0) | (d->unmap ? BDRV_O_UNMAP : 0) |
	       (d->force_share ? BDRV_O_FORCE_SHARE : 0) |
	       (d->copy_on_read ? BDRV_O_COPY_ON_READ : 0);
}

/* file.cache.direct=, file.read-only=... override what the child inherits. */
static bool drive_child_flags(Drive *d, int *flags, Error **errp)
{
	bool direct = *flags & BDRV_O_NOCACHE, no_flush = *flags & BDRV_O_NO_FLUSH;
	bool ro = !(*flags & BDRV_O_RDWR), share = *flags & BDRV_O_FORCE_SHARE;

	if (!opt_bool(d->o, "file.cache.direct", &direct, errp) ||
	    !opt_bool(d->o, "file.cache.no-flush", &no_flush, errp) ||
	    !opt_bool(d->o, "file.read-only", &ro, errp) ||
	    !opt_bool(d->o, "file.force-share", &share, errp))
		return false;
	if (share && !ro) {
		error_setg(errp, "force-share=on can only be used with read-only images");
		return false;
	}
	*flags = (*flags & (BDRV_O_UNMAP | BDRV_O_NO_LOCK)) | (ro ? 0 : BDRV_O_RDWR) |
		 (direct ? BDRV_O_NOCACHE : 0) | (no_flush ? BDRV_O_NO_FLUSH : 0) |
		 (share ? BDRV_O_FORCE_SHARE : 0);
	return true;
}

static bool drive_check_enum(QemuOpts *o, const char *key, const char *const *names, size_t n,
			     Error **errp)
{
	const char *s = qemu_opt_get(o, key);

	if (s && name_index(names, n, s) < 0) {
		error_setg(errp, "invalid parameter value: %s", s);
		return false;
	}
	return true;
}

/*
 * The protocol node: the root itself when format=file (prefix ""), else the raw node's
 * child, whose options carry the "file." prefix.
 */
static BlockDriverState *drive_open_protocol(Drive *d, const char *prefix, const char *filename,
					     Error **errp)
{
	g_autofree char *k_driver = g_strconcat(prefix, "driver", NULL);
	g_autofree char *k_locking = g_strconcat(prefix, "locking", NULL);
	g_autofree char *k_aio = g_strconcat(prefix, "aio", NULL);
	g_autofree char *k_node = g_strconcat(prefix, "node-name", NULL);
	const char *dname = *prefix ? qemu_opt_get(d->o, k_driver) : NULL;
	const BlockDriver *drv = *prefix ? NULL : d->fmt;
	BlockOpenArgs args = { .flags = drive_flags(d), .filename = filename };

	if (dname) {
		drv = bdrv_find_driver(dname);
		if (!drv && !refuse_qemu_driver(dname, errp))
			error_setg(errp, "Unknown driver '%s'", dname);
		if (drv && !drv->is_protocol)
			error_setg(errp, "A '%s' node below a format node is not supported yet",
				   dname);
		if (!drv || !drv->is_protocol)
			return NULL;
	}
	if (!drv && !drive_strip_protocol(filename, &args.filename, errp))
		return NULL;
	if (!drv)
		drv = drive_pick_protocol(args.filename, errp);
	if (!drv || (*prefix && !drive_child_flags(d, &args.flags, errp)))
		return NULL;
	if (!drive_check_enum(d->o, k_locking, locking_names, ARRAY_SIZE(locking_names), errp) ||
	    !drive_check_enum(d->o, k_aio, aio_names, ARRAY_SIZE(aio_names), errp))
		return NULL;
	if (g_strcmp0(qemu_opt_get(d->o, k_locking), "off") == 0)
		args.flags |= BDRV_O_NO_LOCK;
	/* -drive's aio= is its file's, as in QEMU */
	args.aio = qemu_opt_get(d->o, k_aio);
	if (!args.aio)
		args.aio = qemu_opt_get(d->o, "aio");
	if (!*prefix)
		args.detect_zeroes = d->detect_zeroes;
	apply_auto_read_only(&args, d->auto_read_only);
	return bdrv_open_node(drv, qemu_opt_get(d->o, k_node), &args, errp);
}

/*
 * Without format=, look at the header: qcow2, raw, or a format we lack. QEMU warns about a
 * probed raw image only when it is writable: only then is block 0 guarded.
 */
static const BlockDriver *drive_probe(BlockDriverState *file, const char *filename, bool writable,
				      Error **errp)
{
	uint8_t buf[BDRV_SECTOR_SIZE];
	int64_t len = bdrv_getlength(file);
	int64_t n = MIN(MAX(len, 0), BDRV_SECTOR_SIZE);
	const char *format;
	const BlockDriver *drv;

	if (n > 0 && bdrv_pread(file, 0, buf, n) < 0) {
		error_setg(errp, "Could not read image for determining its format");
		return NULL;
	}
	format = bdrv_probe_format(buf, n);
	drv = bdrv_find_driver(format);
	if (!drv) {
		error_setg(errp, "'%s' is a %s image; %s is not supported yet", filename, format,
			   format);
		return NULL;
	}
	if (drv == &bdrv_raw && writable)
		raw_warn_probed(filename);
	return drv;
}

static BlockDriverState *drive_open_raw(Drive *d, BlockDriverState *file, bool probed, Error **errp)
{
	Error *err = NULL;
	BlockOpenArgs args = {
		.flags = drive_flags(d),
		.file = file,
		.probed = probed,
		.detect_zeroes = d->detect_zeroes,
	};

	args.offset = qemu_opt_get_size(d->o, "offset", 0, &err);
	if (!err) {
		args.has_size = qemu_opt_has(d->o, "size");
		args.size = qemu_opt_get_size(d->o, "size", 0, &err);
	}
	if (err) {
		error_propagate(errp, err);
		return NULL;
	}
	return bdrv_open_node(&bdrv_raw, qemu_opt_get(d->o, "node-name"), &args, errp);
}

static bool drive_open_backing(QemuOpts *o, int flags, BlockOpenArgs *args, Error **errp);

/* A format other than raw (qcow2), its backing file named by its header or by backing.* */
static BlockDriverState *drive_open_format(Drive *d, const BlockDriver *fmt, BlockDriverState *file,
					   Error **errp)
{
	BlockOpenArgs args = {
		.flags = drive_flags(d),
		.file = file,
		.detect_zeroes = d->detect_zeroes,
	};
	BlockDriverState *bs;
	Error *err = NULL;

	if (!drive_open_backing(d->o, args.flags, &args, errp))
		return NULL;
	args.l2_cache_size = qemu_opt_get_size(d->o, "l2-cache-size", 0, &err);
	if (!err)
		args.refcount_cache_size = qemu_opt_get_size(d->o, "refcount-cache-size", 0, &err);
	if (!err)
		args.cache_size = qemu_opt_get_size(d->o, "cache-size", 0, &err);
	if (!err && qemu_opt_has(d->o, "cache-clean-interval")) {
		args.has_cache_clean_interval = true;
		args.cache_clean_interval =
		    qemu_opt_get_number(d->o, "cache-clean-interval", 600, &err);
	}
	args.has_lazy_refcounts = qemu_opt_has(d->o, "lazy-refcounts");
	if (!err)
		opt_bool(d->o, "lazy-refcounts", &args.lazy_refcounts, &err);
	if (err) {
		error_propagate(errp, err);
		bdrv_unref(args.backing);
		return NULL;
	}
	bs = bdrv_open_node(fmt, qemu_opt_get(d->o, "node-name"), &args, errp);
	bdrv_unref(args.backing); /* the format node holds its own reference */
	return bs;
}

static BlockDriverState *drive_open(Drive *d, const char *filename, Error **errp)
{
	const BlockDriver *fmt;
	BlockDriverState *file, *root;
	bool probed = !d->fmt;

	if (d->fmt && d->fmt->is_protocol)
		return drive_open_protocol(d, "", filename, errp);
	file = drive_open_protocol(d, "file.", filename, errp);
	if (!file)
		return NULL;
	/* a child that auto-read-only made read-only makes the whole drive read-only */
	if (file->read_only)
		d->read_only = true;
	fmt = probed ? drive_probe(file, filename, !d->read_only, errp) : d->fmt;
	root = NULL;
	if (fmt == &bdrv_raw)
		root = drive_open_raw(d, file, probed, errp);
	else if (fmt)
		root = drive_open_format(d, fmt, file, errp);
	bdrv_unref(file); /* the format node holds its own reference */
	return root;
}

static bool drive_check_leftovers(Drive *d, BlockDriverState *root, Error **errp)
{
	const char *key = first_unused(d->o);

	if (!key)
		return true;
	if (g_str_has_prefix(key, "file.") && root->file)
		error_setg(errp, "Block protocol '%s' doesn't support the option '%s'",
			   root->file->drv->name, key + 5);
	else if (root->drv->is_protocol)
		error_setg(errp, "Block protocol '%s' doesn't support the option '%s'",
			   root->drv->name, key);
	else
		error_setg(errp, "Block format '%s' does not support the option '%s'",
			   root->drv->name, key);
	return false;
}

/* Unnamed drives: "virtio0", "none1"; on buses with fixed units "ide0-hd1" as QEMU does. */
static char *drive_name(const Drive *d)
{
	if (d->id)
		return g_strdup(d->id);
	if (if_max_devs[d->type])
		return g_strdup_printf("%s%i%s%i", if_names[d->type], d->bus,
				       d->cdrom ? "-cd" : "-hd", d->unit);
	return g_strdup_printf("%s%i", if_names[d->type], d->unit);
}

static bool drive_check_name(const char *name, Error **errp)
{
	if (blk_by_backend_name(name)) {
		error_setg(errp, "Device with id '%s' already exists", name);
		return false;
	}
	if (bdrv_find_node(name)) {
		error_setg(errp, "Device name '%s' conflicts with an existing node name", name);
		return false;
	}
	return true;
}

static int board_pflash_units;

void drive_set_board_pflash_units(int n)
{
	board_pflash_units = n;
}

/* QEMU reports drives for buses the board lacks once all are parsed; we do it per drive. */
static bool drive_check_machine(const Drive *d, Error **errp)
{
	if (d->type == IF_NONE || d->type == IF_VIRTIO)
		return true;
	if (d->type == IF_PFLASH && d->bus == 0 && d->unit < board_pflash_units)
		return true;
	error_setg(errp, "machine type does not support if=%s,bus=%d,unit=%d", if_names[d->type],
		   d->bus, d->unit);
	return false;
}

/* Everything up to the image: QEMU's order of checks. */
static bool drive_parse(Drive *d, Error **errp)
{
	return drive_check_id(d, errp) && drive_parse_cache(d, errp) &&
	       drive_parse_numbers(d, errp) && drive_parse_media(d, errp) &&
	       drive_parse_if(d, errp) && drive_assign_unit(d, errp) &&
	       drive_parse_snapshot(d, errp) && drive_parse_aio_and_errors(d, errp) &&
	       drive_parse_format(d, errp) && check_unsupported_keys(d->o, errp);
}

/* root stays NULL for an empty drive (no file=, nothing that needs an image). */
/* snapshot=on: the image read-only, the guest's writes in a temporary overlay on top. */
static BlockDriverState *drive_add_overlay(Drive *d, BlockDriverState *base, Error **errp)
{
	BlockDriverState *top = bdrv_temp_overlay_new(base, drive_flags(d), d->detect_zeroes, errp);

	bdrv_unref(base); /* the overlay holds its own reference */
	return top;
}

static bool drive_make_root(Drive *d, BlockDriverState **root, Error **errp)
{
	const char *filename;
	bool overlay;

	*root = NULL;
	if (!drive_filename(d, &filename, errp))
		return false;
	if (!filename || !*filename) {
		if (d->fmt)
			error_setg(errp, "A block device must be specified for \"file\"");
		else if (drive_has_node_opts(d->o))
			error_setg(errp, "Must specify either driver or file");
		else
			return true;
		return false;
	}
	if (!drive_parse_node_flags(d, errp))
		return false;
	/* snapshot=on: the image itself is only read; the overlay takes the writes */
	overlay = d->snapshot && !d->read_only;
	d->read_only |= overlay;
	*root = drive_open(d, filename, errp);
	d->read_only &= !overlay;
	if (*root && !drive_check_leftovers(d, *root, errp)) {
		bdrv_unref(*root);
		*root = NULL;
	}
	if (*root && overlay)
		*root = drive_add_overlay(d, *root, errp);
	return *root != NULL;
}

static BlockBackend *drive_register(Drive *d, BlockDriverState *root, Error **errp)
{
	g_autofree char *name = drive_name(d);
	BlockBackendConf conf = {
		.type = d->type == IF_VIRTIO   ? BLK_IF_VIRTIO
			: d->type == IF_PFLASH ? BLK_IF_PFLASH
					       : BLK_IF_NONE,
		.bus = d->bus,
		.unit = d->unit,
		.legacy = true,
		.user_id = d->id != NULL,
		.read_only = d->read_only,
		.wce = d->wce,
		.on_read_error = d->rerror,
		.on_write_error = d->werror,
	};

	if (!drive_check_name(name, errp) || !drive_check_machine(d, errp)) {
		bdrv_unref(root);
		return NULL;
	}
	return blk_new_named(name, root, &conf);
}

BlockBackend *drive_new(const char *optstr, Error **errp)
{
	Drive d = { 0 };
	BlockDriverState *root;
	BlockBackend *blk = NULL;

	d.o = qemu_opts_parse(optstr, NULL, errp);
	if (!d.o)
		return NULL;
	if (drive_parse(&d, errp)) {
		/* CD-ROMs are read-only whatever readonly= says, as in QEMU */
		if (d.cdrom)
			d.read_only = true;
		if (drive_make_root(&d, &root, errp))
			blk = drive_register(&d, root, errp);
	}
	qemu_opts_free(d.o);
	return blk;
}

/* -blockdev */

typedef struct NodeConf {
	const BlockDriver *drv;
	const char *node_name;
	const char *file_ref;		/* raw, qcow2: file=N */
	struct NodeConf *child;		/* raw, qcow2: file.driver=... inline */
	const char *backing_ref;	/* qcow2: backing=N, or "null" for none */
	struct NodeConf *backing_child; /* qcow2: backing.driver=... inline */
	BlockOpenArgs args;
	bool auto_read_only;
} NodeConf;

static void node_conf_free(NodeConf *nc)
{
	if (nc) {
		node_conf_free(nc->child);
		node_conf_free(nc->backing_child);
		g_free(nc);
	}
}

/* QAPI enums: the value must be one of names; absent keeps *val. */
static bool bd_enum(QemuOpts *o, const char *key, const char *const *names, size_t n, int *val,
		    Error **errp)
{
	const char *s = qemu_opt_get(o, key);
	int v;

	if (!s)
		return true;
	v = name_index(names, n, s);
	if (v < 0) {
		error_setg(errp, "Parameter '%s' does not accept value '%s'", key, s);
		return false;
	}
	*val = v;
	return true;
}

static bool bd_flag(QemuOpts *o, const char *key, int bit, int *flags, Error **errp)
{
	bool v = *flags & bit;

	if (!opt_bool(o, key, &v, errp))
		return false;
	*flags = v ? (*flags | bit) : (*flags & ~bit);
	return true;
}

/* QAPI integers: no size suffixes here, unlike -drive. */
static bool bd_u64(QemuOpts *o, const char *key, uint64_t *val, bool *has, Error **errp)
{
	const char *s = qemu_opt_get(o, key);

	if (has)
		*has = s != NULL;
	if (!s)
		return true;
	if (s[0] == '-') {
		error_setg(errp, "Parameter '%s' expects a non-negative number below 2^64", key);
		error_append_hint(errp, "Optional suffix k, M, G, T, P or E means kilo-, mega-, "
					"giga-, tera-, peta-\nand exabytes, respectively.\n");
		return false;
	}
	if (qemu_strtou64(s, val) < 0) {
		error_setg(errp, "Parameter '%s' expects integer", key);
		return false;
	}
	return true;
}

static bool bd_parse_node(QemuOpts *o, const char *p, const NodeConf *parent, NodeConf *nc,
			  Error **errp);

static bool bd_parse_driver(QemuOpts *o, const char *p, NodeConf *nc, Error **errp)
{
	g_autofree char *k_driver = g_strconcat(p, "driver", NULL);
	const char *name = qemu_opt_get(o, k_driver);

	if (!name) {
		error_setg(errp, "Parameter '%s' is missing", k_driver);
		return false;
	}
	nc->drv = bdrv_find_driver(name);
	if (!nc->drv && !refuse_qemu_driver(name, errp))
		error_setg(errp, "Parameter '%s' does not accept value '%s'", k_driver, name);
	return nc->drv != NULL;
}

/* The options every node has, inherited from the parent for inline children. */
static bool bd_parse_common(QemuOpts *o, const char *p, const NodeConf *parent, NodeConf *nc,
			    Error **errp)
{
	g_autofree char *k_node = g_strconcat(p, "node-name", NULL);
	g_autofree char *k_direct = g_strconcat(p, "cache.direct", NULL);
	g_autofree char *k_noflush = g_strconcat(p, "cache.no-flush", NULL);
	g_autofree char *k_ro = g_strconcat(p, "read-only", NULL);
	g_autofree char *k_auto_ro = g_strconcat(p, "auto-read-only", NULL);
	g_autofree char *k_dz = g_strconcat(p, "detect-zeroes", NULL);
	g_autofree char *k_discard = g_strconcat(p, "discard", NULL);
	g_autofree char *k_cache = g_strconcat(p, "cache", NULL);
	g_autofree char *k_share = g_strconcat(p, "force-share", NULL);
	int flags = parent ? parent->args.flags : BDRV_O_RDWR;
	int discard = !!(flags & BDRV_O_UNMAP), dz = DETECT_ZEROES_OFF;
	bool ro = !(flags & BDRV_O_RDWR);

	nc->node_name = qemu_opt_get(o, k_node);
	nc->auto_read_only = parent && parent->auto_read_only;
	if (!bd_enum(o, k_discard, discard_names, ARRAY_SIZE(discard_names), &discard, errp))
		return false;
	if (qemu_opt_has(o, k_cache)) {
		error_setg(errp, "Invalid parameter type for '%s', expected: object", k_cache);
		return false;
	}
	if (!bd_flag(o, k_direct, BDRV_O_NOCACHE, &flags, errp) ||
	    !bd_flag(o, k_noflush, BDRV_O_NO_FLUSH, &flags, errp) ||
	    !opt_bool(o, k_ro, &ro, errp) || !opt_bool(o, k_auto_ro, &nc->auto_read_only, errp) ||
	    !bd_enum(o, k_dz, detect_zeroes_names, ARRAY_SIZE(detect_zeroes_names), &dz, errp) ||
	    !bd_flag(o, k_share, BDRV_O_FORCE_SHARE, &flags, errp))
		return false;
	if ((flags & BDRV_O_FORCE_SHARE) && !ro) {
		error_setg(errp, "force-share=on can only be used with read-only images");
		return false;
	}
	flags = (flags & ~(BDRV_O_RDWR | BDRV_O_UNMAP)) | (ro ? 0 : BDRV_O_RDWR) |
		(discard ? BDRV_O_UNMAP : 0);
	nc->args.flags = flags;
	nc->args.detect_zeroes = dz;
	return true;
}

static bool bd_parse_file(QemuOpts *o, const char *p, NodeConf *nc, Error **errp)
{
	g_autofree char *k_filename = g_strconcat(p, "filename", NULL);
	g_autofree char *k_locking = g_strconcat(p, "locking", NULL);
	g_autofree char *k_aio = g_strconcat(p, "aio", NULL);
	int locking = 0, aio = 0;

	nc->args.filename = qemu_opt_get(o, k_filename);
	if (!nc->args.filename) {
		error_setg(errp, "Parameter '%s' is missing", k_filename);
		return false;
	}
	if (!bd_enum(o, k_locking, locking_names, ARRAY_SIZE(locking_names), &locking, errp) ||
	    !bd_enum(o, k_aio, aio_names, ARRAY_SIZE(aio_names), &aio, errp))
		return false;
	nc->args.aio = qemu_opt_get(o, k_aio);
	if (locking == 2) /* off */
		nc->args.flags |= BDRV_O_NO_LOCK;
	return true;
}

/* A child given as a reference (name=N) or inline (name.driver=...); optional or not. */
static bool bd_parse_child(QemuOpts *o, const char *p, const char *name, NodeConf *nc,
			   const char **ref, NodeConf **child, bool required, Error **errp)
{
	g_autofree char *key = g_strconcat(p, name, NULL);
	g_autofree char *child_prefix = g_strconcat(key, ".", NULL);
	bool inline_child = opt_has_prefix(o, child_prefix);

	*ref = qemu_opt_get(o, key);
	if (*ref && inline_child) {
		error_setg(errp, "Parameters '%s.*' used inconsistently", key);
		return false;
	}
	if (inline_child) {
		*child = g_new0(NodeConf, 1);
		return bd_parse_node(o, child_prefix, nc, *child, errp);
	}
	if (!*ref && required) {
		error_setg(errp, "Parameter '%s' is missing", key);
		return false;
	}
	return true;
}

static bool bd_parse_raw(QemuOpts *o, const char *p, NodeConf *nc, Error **errp)
{
	g_autofree char *k_offset = g_strconcat(p, "offset", NULL);
	g_autofree char *k_size = g_strconcat(p, "size", NULL);

	return bd_parse_child(o, p, "file", nc, &nc->file_ref, &nc->child, true, errp) &&
	       bd_u64(o, k_offset, &nc->args.offset, NULL, errp) &&
	       bd_u64(o, k_size, &nc->args.size, &nc->args.has_size, errp);
}

static bool bd_parse_qcow2(QemuOpts *o, const char *p, NodeConf *nc, Error **errp)
{
	g_autofree char *k_l2 = g_strconcat(p, "l2-cache-size", NULL);
	g_autofree char *k_ref = g_strconcat(p, "refcount-cache-size", NULL);
	g_autofree char *k_cache = g_strconcat(p, "cache-size", NULL);
	g_autofree char *k_clean = g_strconcat(p, "cache-clean-interval", NULL);
	g_autofree char *k_lazy = g_strconcat(p, "lazy-refcounts", NULL);

	NodeConf ro_parent = *nc; /* a backing file is opened read-only unless it says otherwise */

	ro_parent.args.flags &= ~BDRV_O_RDWR;
	nc->args.has_lazy_refcounts = qemu_opt_has(o, k_lazy);
	return bd_parse_child(o, p, "file", nc, &nc->file_ref, &nc->child, true, errp) &&
	       bd_parse_child(o, p, "backing", &ro_parent, &nc->backing_ref, &nc->backing_child,
			      false, errp) &&
	       bd_u64(o, k_l2, &nc->args.l2_cache_size, NULL, errp) &&
	       bd_u64(o, k_ref, &nc->args.refcount_cache_size, NULL, errp) &&
	       bd_u64(o, k_cache, &nc->args.cache_size, NULL, errp) &&
	       bd_u64(o, k_clean, &nc->args.cache_clean_interval,
		      &nc->args.has_cache_clean_interval, errp) &&
	       opt_bool(o, k_lazy, &nc->args.lazy_refcounts, errp);
}

/* Reads one node's options (and its inline child's) without opening anything. */
static bool bd_parse_node(QemuOpts *o, const char *p, const NodeConf *parent, NodeConf *nc,
			  Error **errp)
{
	if (!bd_parse_driver(o, p, nc, errp) || !bd_parse_common(o, p, parent, nc, errp))
		return false;
	if (nc->drv == &bdrv_raw)
		return bd_parse_raw(o, p, nc, errp);
	if (nc->drv == &bdrv_qcow2)
		return bd_parse_qcow2(o, p, nc, errp);
	return bd_parse_file(o, p, nc, errp);
}

static bool bd_check_names(const NodeConf *nc, bool root, Error **errp)
{
	if (root && !nc->node_name) {
		error_setg(errp, "'node-name' must be specified for the root node");
		return false;
	}
	if (nc->node_name && !bdrv_check_node_name(nc->node_name, errp))
		return false;
	return (!nc->child || bd_check_names(nc->child, false, errp)) &&
	       (!nc->backing_child || bd_check_names(nc->backing_child, false, errp));
}

/* file=N names a node, or a drive whose image is then used. */
static BlockDriverState *bd_resolve_ref(const char *ref, Error **errp)
{
	BlockBackend *blk = blk_by_backend_name(ref);
	BlockDriverState *bs = blk ? blk_root(blk) : bdrv_find_node(ref);

	if (blk && !bs) {
		error_setg(errp, "Device '%s' has no medium", ref);
		return NULL;
	}
	if (!bs) {
		error_setg(errp, "Cannot find device='%s' nor node-name='%s'", ref, ref);
		return NULL;
	}
	bdrv_ref(bs);
	return bs;
}

static bool bd_check_semantics(const NodeConf *nc, Error **errp)
{
	if (nc->args.detect_zeroes == DETECT_ZEROES_UNMAP && !(nc->args.flags & BDRV_O_UNMAP)) {
		error_setg(errp, "setting detect-zeroes to unmap is not allowed without setting "
				 "discard operation to unmap");
		return false;
	}
	return true;
}

static BlockDriverState *bd_open_node(NodeConf *nc, Error **errp);

/* backing=N, backing=null, backing.driver=...; none of them: the image header's file. */
static bool bd_open_backing(NodeConf *nc, Error **errp)
{
	if (nc->backing_ref && !strcmp(nc->backing_ref, "null")) {
		nc->args.no_backing = true;
		return true;
	}
	if (nc->backing_ref) {
		Error *err = NULL;

		nc->args.backing = bd_resolve_ref(nc->backing_ref, &err);
		if (err) {
			error_prepend(&err, "Could not open backing file: ");
			error_propagate(errp, err);
		}
	} else if (nc->backing_child)
		nc->args.backing = bd_open_node(nc->backing_child, errp);
	else
		return true;
	return nc->args.backing != NULL;
}

/* Children first, so a format node is opened on top of its file (and backing file). */
static BlockDriverState *bd_open_node(NodeConf *nc, Error **errp)
{
	BlockDriverState *file = NULL, *bs = NULL;

	if (!bd_check_semantics(nc, errp))
		return NULL;
	if (nc->drv->is_protocol) {
		apply_auto_read_only(&nc->args, nc->auto_read_only);
	} else {
		file = nc->file_ref ? bd_resolve_ref(nc->file_ref, errp)
				    : bd_open_node(nc->child, errp);
		if (!file)
			return NULL;
		nc->args.file = file;
	}
	if (bd_open_backing(nc, errp))
		bs = bdrv_open_node(nc->drv, nc->node_name, &nc->args, errp);
	bdrv_unref(file); /* the format node holds its own references */
	bdrv_unref(nc->args.backing);
	return bs;
}

BlockBackend *blockdev_new(const char *optstr, Error **errp)
{
	QemuOpts *o = qemu_opts_parse(optstr, "driver", errp);
	NodeConf *nc = g_new0(NodeConf, 1);
	BlockBackend *blk = NULL;
	const char *unused;

	if (!o)
		goto out;
	if (o->help) {
		error_setg(errp, "Help is not available for this option");
		goto out;
	}
	if (!bd_parse_node(o, "", NULL, nc, errp))
		goto out;
	unused = first_unused(o);
	if (unused) {
		error_setg(errp, "Parameter '%s' is unexpected", unused);
		goto out;
	}
	if (bd_check_names(nc, true, errp) && bd_open_node(nc, errp))
		blk = blk_by_name(nc->node_name);
out:
	node_conf_free(nc);
	qemu_opts_free(o);
	return blk;
}

/*
 * -drive backing=NODE or backing.driver=...: the backing file given on the command line
 * instead of the header's. QEMU's -drive has no "null" here: any name is a node to find.
 */
static bool drive_open_backing(QemuOpts *o, int flags, BlockOpenArgs *args, Error **errp)
{
	NodeConf parent = { .args.flags = flags & ~BDRV_O_RDWR }, *child = NULL;
	const char *ref = NULL, *path = qemu_opt_get(o, "backing.file.filename");
	const BlockDriver *proto;
	Error *err = NULL;
	bool ok;

	/* backing.driver alone: the header's backing file, in that format */
	if (qemu_opt_has(o, "backing.driver") && !opt_has_prefix(o, "backing.file") &&
	    !qemu_opt_has(o, "backing.file")) {
		const char *fmt = qemu_opt_get(o, "backing.driver");

		if (!bdrv_find_driver(fmt)) {
			Error *err = NULL;

			if (!refuse_qemu_driver(fmt, &err))
				error_setg(&err, "Unknown driver '%s'", fmt);
			error_prepend(&err, "Could not open backing file: ");
			error_propagate(errp, err);
			return false;
		}
		args->backing_format = fmt;
		return true;
	}
	/* as -drive's own file=, a file name picks its protocol when none is given */
	if (path && !qemu_opt_has(o, "backing.file.driver")) {
		proto = drive_pick_protocol(path, errp);
		if (!proto)
			return false;
		qemu_opt_set(o, "backing.file.driver", proto->name);
	}
	ok = bd_parse_child(o, "", "backing", &parent, &ref, &child, false, errp);

	if (ok && ref)
		args->backing = bd_resolve_ref(ref, &err);
	else if (ok && child)
		args->backing =
		    bd_check_names(child, false, &err) ? bd_open_node(child, &err) : NULL;
	if (err) {
		error_prepend(&err, "Could not open backing file: ");
		error_propagate(errp, err);
		ok = false;
	}
	node_conf_free(child);
	return ok;
}
