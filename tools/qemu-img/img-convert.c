// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img convert: copies the guest-visible contents of one or more images (concatenated)
 * into a new image of any format, skipping zero regions (-S, 4 KiB by default) so the output
 * stays sparse, compressing clusters with -c, writing only what differs from a new backing
 * file with -B, and into an existing image with -n.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qemu-img.h"

#define CHUNK (2 * 1024 * 1024)

typedef struct ConvertArgs {
	const char *fmt, *out_fmt, *out_backing, *out_backing_fmt;
	GString *options;
	bool compress, progress, quiet, no_create, force_share;
	uint64_t sparse;
	char **inputs;
	int n_inputs;
	const char *output;
} ConvertArgs;

typedef struct Convert {
	ConvertArgs *a;
	BlockDriverState **src;
	int64_t *src_len;
	BlockDriverState *dst;
	uint64_t total, cluster;
	bool dst_zeroed; /* the target reads as zeroes wherever nothing is written */
	ImgProgress progress;
} Convert;

static bool parse_sparse(const char *s, uint64_t *v)
{
	if (!img_parse_size(s, v) || (*v && *v % BDRV_SECTOR_SIZE)) {
		error_report("Invalid buffer size for sparse output specified. Valid sizes are "
			     "multiples of 512 up to 2147483647.");
		return false;
	}
	return true;
}

static int parse_args(int argc, char **argv, ConvertArgs *a)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "force-share", no_argument, NULL, 'U' },
		{ NULL },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":hf:O:B:Cco:l:S:pt:T:qnm:WUr:F:", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'f':
			a->fmt = optarg;
			break;
		case 'O':
			a->out_fmt = optarg;
			break;
		case 'B':
			a->out_backing = optarg;
			break;
		case 'F':
			a->out_backing_fmt = optarg;
			break;
		case 'c':
			a->compress = true;
			break;
		case 'o':
			if (a->options->len)
				g_string_append_c(a->options, ',');
			g_string_append(a->options, optarg);
			break;
		case 'S':
			if (!parse_sparse(optarg, &a->sparse))
				return 1;
			break;
		case 'p':
			a->progress = true;
			break;
		case 'q':
			a->quiet = true;
			break;
		case 'n':
			a->no_create = true;
			break;
		case 'C':
		case 'l':
		case 'r':
			error_report("Option -%c is not supported by this qemu-img", c);
			return 1;
		case 't':
		case 'T':
		case 'm':
		case 'W':
			break; /* cache modes and parallelism: the copy itself is the same */
		case 'U':
			a->force_share = true;
			break;
		default:
			return img_bad_option(c, argv);
		}
	}
	if (argc - optind < 2) {
		error_report("Must specify image file name");
		return 1;
	}
	a->inputs = argv + optind;
	a->n_inputs = argc - optind - 1;
	a->output = argv[argc - 1];
	return 0;
}

static bool open_sources(Convert *c)
{
	c->src = g_new0(BlockDriverState *, c->a->n_inputs);
	c->src_len = g_new0(int64_t, c->a->n_inputs);
	for (int i = 0; i < c->a->n_inputs; i++) {
		c->src[i] = img_open(c->a->inputs[i], c->a->fmt,
				     c->a->force_share ? BDRV_O_FORCE_SHARE : 0);
		if (!c->src[i])
			return false;
		c->src_len[i] = img_length(c->src[i]);
		c->total += c->src_len[i];
	}
	return true;
}

static bool create_target(Convert *c, const BlockDriver *drv)
{
	Error *err = NULL;
	QemuOpts *opts = qemu_opts_parse(c->a->options->str, NULL, &err);
	g_autofree char *size = g_strdup_printf("%" PRIu64, c->total);
	bool ok = opts && img_check_create_opts(drv, opts, &err);

	if (ok && opts->help) {
		img_print_create_help(drv, true);
		qemu_opts_free(opts);
		exit(0);
	}
	if (ok) {
		qemu_opt_set(opts, "size", size);
		if (c->a->out_backing)
			qemu_opt_set(opts, "backing_file", c->a->out_backing);
		if (c->a->out_backing_fmt)
			qemu_opt_set(opts, "backing_fmt", c->a->out_backing_fmt);
		ok = drv->create(c->a->output, opts, &err);
	}
	if (!ok) {
		error_report("%s: error while converting %s: %s", c->a->output, drv->name,
			     error_get_pretty(err));
		error_free(err);
	}
	qemu_opts_free(opts);
	return ok;
}

static bool open_target(Convert *c)
{
	const BlockDriver *drv = bdrv_find_driver(c->a->out_fmt);
	BlockFormatInfo info = { 0 };

	if (!drv || (!c->a->no_create && !drv->create)) {
		error_report("Unknown file format '%s'", c->a->out_fmt);
		return false;
	}
	if (c->a->compress && !drv->pwrite_compressed) {
		error_report("Compression not supported for this file format");
		return false;
	}
	if (!c->a->no_create && !create_target(c, drv))
		return false;
	c->dst = img_open(c->a->output, c->a->out_fmt, BDRV_O_RDWR);
	if (!c->dst)
		return false;
	if (c->dst->drv->get_info)
		c->dst->drv->get_info(c->dst, &info);
	c->cluster = info.cluster_size ? info.cluster_size : 65536;
	g_free(info.backing_file);
	g_free(info.backing_format);
	qv_clear(&info.specific);
	if (c->a->no_create && bdrv_getlength(c->dst) < (int64_t)c->total) {
		error_report("Target image is too small");
		return false;
	}
	c->dst_zeroed = !c->a->no_create && !c->dst->backing;
	return true;
}

/* Source bytes at a global offset, across the concatenated inputs. */
static int read_sources(Convert *c, uint64_t offset, uint8_t *buf, uint64_t bytes)
{
	uint64_t base = 0;

	for (int i = 0; i < c->a->n_inputs && bytes; i++) {
		uint64_t len = c->src_len[i];
		if (offset < base + len) {
			uint64_t n = MIN(bytes, base + len - offset);
			int ret = bdrv_pread(c->src[i], offset - base, buf, n);
			if (ret < 0)
				return ret;
			offset += n;
			buf += n;
			bytes -= n;
		}
		base += len;
	}
	return 0;
}

static bool is_zero(const uint8_t *p, uint64_t n)
{
	return !n || (p[0] == 0 && !memcmp(p, p + 1, n - 1));
}

/* Does the target already read these bytes, through its backing file or zero-initialised? */
static bool target_has(Convert *c, uint64_t offset, const uint8_t *buf, uint64_t n,
		       uint8_t *scratch)
{
	if (c->dst->backing)
		return bdrv_pread_padded(c->dst->backing, offset, scratch, n) == 0 &&
		       !memcmp(buf, scratch, n);
	return c->dst_zeroed && is_zero(buf, n);
}

static int write_plain(Convert *c, uint64_t offset, const uint8_t *buf, uint64_t n,
		       uint8_t *scratch)
{
	uint64_t g = c->a->sparse ? c->a->sparse : n;

	for (uint64_t done = 0; done < n;) {
		uint64_t len = MIN(g - (offset + done) % g, n - done);
		int ret = 0;
		if (!c->a->sparse || !target_has(c, offset + done, buf + done, len, scratch))
			ret = c->a->sparse && is_zero(buf + done, len)
				  ? bdrv_pwrite_zeroes(c->dst, offset + done, len, false)
				  : bdrv_pwrite(c->dst, offset + done, buf + done, len);
		if (ret < 0)
			return ret;
		done += len;
	}
	return 0;
}

static int write_compressed(Convert *c, uint64_t offset, uint8_t *buf, uint64_t n, uint8_t *scratch)
{
	for (uint64_t done = 0; done < n; done += c->cluster) {
		uint64_t len = MIN(c->cluster, n - done);
		int ret;
		if (target_has(c, offset + done, buf + done, len, scratch))
			continue;
		memset(buf + done + len, 0, c->cluster - len); /* the image's tail cluster */
		ret = c->dst->drv->pwrite_compressed(c->dst, offset + done, buf + done);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int copy(Convert *c)
{
	uint64_t chunk = QEMU_ALIGN_UP(CHUNK, c->cluster);
	uint8_t *buf = g_malloc(chunk + c->cluster), *scratch = g_malloc(chunk + c->cluster);
	int ret = 0;

	img_progress_start(&c->progress, c->a->progress && !c->a->quiet);
	for (uint64_t off = 0; off < c->total && ret == 0; off += chunk) {
		uint64_t n = MIN(chunk, c->total - off);
		ret = read_sources(c, off, buf, n);
		if (ret < 0) {
			error_report("error while reading at byte %" PRIu64 ": %s", off,
				     g_strerror(-ret));
			break;
		}
		ret = c->a->compress ? write_compressed(c, off, buf, n, scratch)
				     : write_plain(c, off, buf, n, scratch);
		if (ret < 0)
			error_report("error while writing at byte %" PRIu64 ": %s", off,
				     g_strerror(-ret));
		img_progress_set(&c->progress, off + n, c->total);
	}
	if (ret == 0 && (ret = bdrv_flush(c->dst)) < 0)
		error_report("error while flushing: %s", g_strerror(-ret));
	img_progress_end(&c->progress);
	g_free(buf);
	g_free(scratch);
	return ret;
}

static int img_convert(int argc, char **argv)
{
	ConvertArgs a = { .out_fmt = "raw", .options = g_string_new(NULL), .sparse = 4096 };
	Convert c = { .a = &a };
	int ret = parse_args(argc, argv, &a);

	if (ret == 0)
		ret = open_sources(&c) && open_target(&c) && copy(&c) == 0 ? 0 : 1;
	for (int i = 0; c.src && i < a.n_inputs; i++)
		bdrv_unref(c.src[i]);
	bdrv_unref(c.dst);
	g_free(c.src);
	g_free(c.src_len);
	g_string_free(a.options, TRUE);
	return ret;
}
img_command("convert", img_convert)
