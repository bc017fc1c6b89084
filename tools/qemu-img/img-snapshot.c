// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img snapshot [-U] [-q] [-l | -a snapshot | -c snapshot | -d snapshot] filename: lists
 * an image's internal snapshots, or creates, applies or deletes one through its format
 * driver, with QEMU 7.2's messages (and its -95 for a format without snapshots).
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qemu-img.h"

enum { LIST = 'l', APPLY = 'a', CREATE = 'c', DELETE = 'd' };

static int act(BlockDriverState *bs, int action, const char *name)
{
	static const char *const verbs[] = {
		[APPLY] = "apply", [CREATE] = "create", [DELETE] = "delete"
	};
	Error *err = NULL;
	int ret = -ENOTSUP;
	BlockFormatInfo info = { 0 };

	if (action == LIST) {
		if (bs->drv->get_info)
			bs->drv->get_info(bs, &info);
		if (info.snapshots.kind == QV_LIST && info.snapshots.list->len)
			img_print_snapshots(&info.snapshots);
		g_free(info.backing_file);
		g_free(info.backing_format);
		qv_clear(&info.specific);
		qv_clear(&info.snapshots);
		return 0;
	}
	if (action == CREATE && bs->drv->snapshot_create)
		ret = bs->drv->snapshot_create(bs, name, NULL, &err);
	else if (action == APPLY && bs->drv->snapshot_goto)
		ret = bs->drv->snapshot_goto(bs, name, &err);
	else if (action == DELETE && bs->drv->snapshot_delete)
		ret = bs->drv->snapshot_delete(bs, name, &err);
	if (ret == 0 && (ret = bdrv_flush(bs)) < 0)
		error_setg_errno(&err, -ret, "Could not flush");
	if (ret == -ENOTSUP && !err) {
		error_report("Could not %s snapshot '%s': -%d (%s)", verbs[action], name, ENOTSUP,
			     g_strerror(ENOTSUP));
	} else if (err) {
		error_prepend(&err, "Could not %s snapshot '%s': ", verbs[action], name);
		error_report_err(err);
	}
	return ret < 0;
}

static int img_snapshot(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "force-share", no_argument, NULL, 'U' },
		{ NULL },
	};
	const char *name = NULL;
	int c, action = 0, flags = BDRV_O_NO_BACKING, ret;
	BlockDriverState *bs;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":la:c:d:hqU", longopts, NULL)) != -1) {
		switch (c) {
		case LIST:
		case APPLY:
		case CREATE:
		case DELETE:
			if (action)
				return img_usage_error("Cannot mix '-l', '-a', '-c', '-d'");
			action = c;
			name = optarg;
			break;
		case 'q':
			break; /* nothing is printed but errors and the list */
		case 'U':
			flags |= BDRV_O_FORCE_SHARE;
			break;
		default:
			return img_bad_option(c, argv);
		}
	}
	if (optind != argc - 1)
		return img_usage_error("Expecting one image file name");
	if (action && action != LIST)
		flags = (flags & ~BDRV_O_FORCE_SHARE) | BDRV_O_RDWR;
	bs = img_open(argv[optind], NULL, flags);
	if (!bs)
		return 1;
	ret = action ? act(bs, action, name) : 0;
	bdrv_unref(bs);
	return ret;
}
img_command("snapshot", img_snapshot)
