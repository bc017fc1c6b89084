// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-blk-device (VIRTIO 1.2 section 5.2) on a BlockBackend. Each request is a 16-byte
 * header in the device-readable buffers, data, and a status byte at the very end of the
 * device-writable ones; anything shorter is a broken driver and stops the device. Requests are
 * checked when the queue is notified and then run on I/O workers, many at once, completing
 * in any order while the vCPUs go on: reads and writes checked against the capacity and the
 * logical block size, flush, discard and write-zeroes of one segment; GET_ID (the serial,
 * NUL-padded to 20 bytes) is answered at once, others (GET_LIFETIME...) are UNSUPP. A failed
 * request takes the drive's werror/rerror action; "stop" holds it until the VM resumes, then
 * runs it again. A read-only
 * drive offers VIRTIO_BLK_F_RO and fails every kind of write with IOERR. The write cache is
 * the backend's: FLUSH is offered when it is on (or config-wce lets the driver turn it on),
 * a driver without FLUSH gets write-through at DRIVER_OK as the spec asks, and with
 * CONFIG_WCE the driver switches it through the writeback config byte. The backend makes
 * writes stable when the cache is off, and FLUSH calls blk_flush, so nothing is lost.
 */
#include "qemu/osdep.h"
#include "block/accounting.h"
#include "migration/vmstate.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/block/block-props.h"
#include "hw/virtio/virtio-pci.h"
#include "sysemu/runstate.h"

#define HDR_SIZE 16 /* le32 type, le32 reserved, le64 sector */
#define SEG_SIZE 16 /* discard/write-zeroes segment: le64 sector, le32 num, le32 flags */

/* One request, from its element until it is pushed back. */
typedef struct BlkReq {
	VirtIOBlock *s;
	VirtQueue *vq;
	VirtQueueElement *e;
	uint32_t type;
	uint64_t sector;
	size_t out_len;	    /* data bytes after the header */
	size_t in_len;	    /* data bytes before the status byte */
	struct iovec *data; /* the data buffers alone (read, write) */
	int data_n;
	int64_t off, bytes; /* discard, write-zeroes */
	bool unmap;
	struct BlkReq *next; /* on the list of requests held by werror/rerror=stop */
} BlkReq;

static uint32_t ld32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t ld64(const uint8_t *p)
{
	return ld32(p) | (uint64_t)ld32(p + 4) << 32;
}

static void st16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void st32(uint8_t *p, uint32_t v)
{
	st16(p, v);
	st16(p + 2, v >> 16);
}

static void st64(uint8_t *p, uint64_t v)
{
	st32(p, v);
	st32(p + 4, v >> 32);
}

/* ---- requests ---- */

static void req_free(BlkReq *r)
{
	g_free(r->data);
	g_free(r->e);
	g_free(r);
}

/* The status byte ends the device-writable buffers; the whole writable length is used. */
static void req_complete(BlkReq *r, uint8_t status)
{
	size_t in = r->in_len + 1;

	virtio_iov_from_buf(r->e->in_sg, r->e->in_num, in - 1, &status, 1);
	virtqueue_push(r->vq, r->e, in);
	virtio_notify(VIRTIO_DEVICE(r->s), r->vq);
	req_free(r);
}

/* Whole logical blocks from sector on, inside the disk. */
static bool range_ok(VirtIOBlock *s, uint64_t sector, uint64_t bytes)
{
	uint64_t lbs = s->logical_block_size;

	if (bytes % lbs || sector % (lbs / VIRTIO_BLK_SECTOR_SIZE))
		return false;
	return sector <= s->capacity && bytes <= (s->capacity - sector) * VIRTIO_BLK_SECTOR_SIZE;
}

/* len bytes of the vector from skip on, as a vector of its own (the same buffers). */
static int iov_slice(const struct iovec *iov, unsigned n, size_t skip, size_t len,
		     struct iovec **out)
{
	int k = 0;

	*out = g_new(struct iovec, n ? n : 1);
	for (unsigned i = 0; i < n && len; i++) {
		size_t l = iov[i].iov_len;

		if (skip >= l) {
			skip -= l;
			continue;
		}
		l = MIN(l - skip, len);
		(*out)[k++] = (struct iovec){ (uint8_t *)iov[i].iov_base + skip, l };
		skip = 0;
		len -= l;
	}
	return k;
}

static bool is_read(const BlkReq *r)
{
	return r->type == VIRTIO_BLK_T_IN;
}

static void submit(BlkReq *r);

/*
 * A backend result: a failure takes the drive's werror/rerror action; "stop" keeps the
 * request to run again when the VM resumes.
 */
static void req_done(void *opaque, int ret)
{
	BlkReq *r = opaque;
	VirtIOBlock *s = r->s;
	BlockErrorAction action;

	if (ret == -ENOTSUP && r->type == VIRTIO_BLK_T_DISCARD)
		ret = 0; /* a discard is only a hint */
	if (ret >= 0) {
		req_complete(r, VIRTIO_BLK_S_OK);
		return;
	}
	action = blk_get_error_action(s->blk, is_read(r), ret);
	blk_error_action(s->blk, action, is_read(r), ret);
	if (action == BLOCK_ERROR_ACTION_STOP) {
		r->next = s->held;
		s->held = r;
		return;
	}
	req_complete(r, action == BLOCK_ERROR_ACTION_IGNORE ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR);
}

static void submit(BlkReq *r)
{
	BlockBackend *blk = r->s->blk;

	switch (r->type) {
	case VIRTIO_BLK_T_IN:
		blk_aio_preadv(blk, r->sector * VIRTIO_BLK_SECTOR_SIZE, r->data, r->data_n,
			       req_done, r);
		break;
	case VIRTIO_BLK_T_OUT:
		blk_aio_pwritev(blk, r->sector * VIRTIO_BLK_SECTOR_SIZE, r->data, r->data_n,
				req_done, r);
		break;
	case VIRTIO_BLK_T_FLUSH:
		blk_aio_flush(blk, req_done, r);
		break;
	case VIRTIO_BLK_T_DISCARD:
		blk_aio_pdiscard(blk, r->off, r->bytes, req_done, r);
		break;
	default:
		blk_aio_pwrite_zeroes(blk, r->off, r->bytes, r->unmap, req_done, r);
	}
}

static bool held_in_range(BlkReq *r)
{
	switch (r->type) {
	case VIRTIO_BLK_T_IN:
		return range_ok(r->s, r->sector, r->in_len);
	case VIRTIO_BLK_T_OUT:
		return range_ok(r->s, r->sector, r->out_len);
	case VIRTIO_BLK_T_FLUSH:
		return true;
	default:
		return range_ok(r->s, r->off / VIRTIO_BLK_SECTOR_SIZE, r->bytes);
	}
}

/* The VM runs again: what werror/rerror=stop held is tried again, in the order it came. */
static void resume_held(void *opaque, bool running, RunState state)
{
	VirtIOBlock *s = opaque;
	BlkReq *list = NULL;

	if (!running)
		return;
	while (s->held) {
		BlkReq *r = s->held;
		s->held = r->next;
		r->next = list;
		list = r;
	}
	while (list) {
		BlkReq *r = list;
		list = r->next;
		/* the disk may have shrunk meanwhile (block_resize, loadvm): checked again */
		if (held_in_range(r))
			submit(r);
		else
			req_complete(r, VIRTIO_BLK_S_IOERR);
	}
}

/* A request the device refuses before the disk sees it: query-blockstats' "invalid". */
static uint8_t invalid(BlkReq *r, BlockAcctType type)
{
	block_acct_invalid(blk_get_stats(r->s->blk), type);
	return VIRTIO_BLK_S_IOERR;
}

static uint8_t prepare_read(BlkReq *r)
{
	if (!range_ok(r->s, r->sector, r->in_len))
		return invalid(r, BLOCK_ACCT_READ);
	r->data_n = iov_slice(r->e->in_sg, r->e->in_num, 0, r->in_len, &r->data);
	return VIRTIO_BLK_S_OK;
}

static uint8_t prepare_write(BlkReq *r)
{
	if (blk_is_read_only(r->s->blk) || !range_ok(r->s, r->sector, r->out_len))
		return invalid(r, BLOCK_ACCT_WRITE);
	r->data_n = iov_slice(r->e->out_sg, r->e->out_num, HDR_SIZE, r->out_len, &r->data);
	return VIRTIO_BLK_S_OK;
}

/* The serial, NUL-padded; exactly 20 bytes carry no terminator (spec 5.2.6). */
static uint8_t do_get_id(BlkReq *r)
{
	char id[VIRTIO_BLK_ID_BYTES] = { 0 };
	const char *serial = r->s->serial ? r->s->serial : "";

	memcpy(id, serial, MIN(strlen(serial), sizeof(id)));
	virtio_iov_from_buf(r->e->in_sg, r->e->in_num, 0, id, MIN(r->in_len, sizeof(id)));
	return VIRTIO_BLK_S_OK;
}

/* One discard or write-zeroes segment (max_*_seg is 1, as in QEMU). */
static uint8_t prepare_discard_zeroes(BlkReq *r, bool zeroes)
{
	VirtIOBlock *s = r->s;
	uint8_t seg[SEG_SIZE];
	uint64_t sector;
	uint32_t num, flags, max;

	if (!(zeroes ? s->write_zeroes : s->discard) || r->out_len > SEG_SIZE)
		return VIRTIO_BLK_S_UNSUPP;
	if (r->out_len < SEG_SIZE)
		return VIRTIO_BLK_S_IOERR;
	virtio_iov_to_buf(r->e->out_sg, r->e->out_num, HDR_SIZE, seg, SEG_SIZE);
	sector = ld64(seg);
	num = ld32(seg + 8);
	flags = ld32(seg + 12);
	/* Spec 5.2.6.2: unknown flags, and unmap on a discard, are UNSUPP. */
	if ((flags & ~VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP) || (!zeroes && flags))
		return VIRTIO_BLK_S_UNSUPP;
	max = zeroes ? s->max_write_zeroes_sectors : s->max_discard_sectors;
	r->bytes = (int64_t)num * VIRTIO_BLK_SECTOR_SIZE;
	if (blk_is_read_only(s->blk) || num > max || !range_ok(s, sector, r->bytes))
		return invalid(r, zeroes ? BLOCK_ACCT_WRITE : BLOCK_ACCT_UNMAP);
	r->off = sector * VIRTIO_BLK_SECTOR_SIZE;
	r->unmap = flags & VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP;
	return VIRTIO_BLK_S_OK;
}

/* Checks a request; OK means it goes to the backend, anything else completes it now. */
static uint8_t prepare(BlkReq *r, bool *sync)
{
	*sync = false;
	switch (r->type) {
	case VIRTIO_BLK_T_IN:
		return prepare_read(r);
	case VIRTIO_BLK_T_OUT:
		return prepare_write(r);
	case VIRTIO_BLK_T_FLUSH:
		return VIRTIO_BLK_S_OK;
	case VIRTIO_BLK_T_DISCARD:
		return prepare_discard_zeroes(r, false);
	case VIRTIO_BLK_T_WRITE_ZEROES:
		return prepare_discard_zeroes(r, true);
	case VIRTIO_BLK_T_GET_ID:
		*sync = true;
		return do_get_id(r);
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

/* Takes one element; false if its framing broke the device (nothing is pushed then). */
static bool handle_request(VirtIOBlock *s, VirtQueue *vq, VirtQueueElement *e)
{
	VirtIODevice *vdev = VIRTIO_DEVICE(s);
	size_t out = virtio_iov_size(e->out_sg, e->out_num);
	size_t in = virtio_iov_size(e->in_sg, e->in_num);
	uint8_t hdr[HDR_SIZE], status;
	BlkReq *r;
	bool sync;

	if (!in) {
		virtio_error(vdev, "request without a status byte");
		return false;
	}
	if (out < HDR_SIZE) {
		virtio_error(vdev, "request header of %zu bytes, needs %d", out, HDR_SIZE);
		return false;
	}
	virtio_iov_to_buf(e->out_sg, e->out_num, 0, hdr, HDR_SIZE);
	r = g_new0(BlkReq, 1);
	*r = (BlkReq){
		.s = s,
		.vq = vq,
		.e = e,
		.type = ld32(hdr) & ~VIRTIO_BLK_T_BARRIER,
		.sector = ld64(hdr + 8),
		.out_len = out - HDR_SIZE,
		.in_len = in - 1,
	};
	status = prepare(r, &sync);
	if (status != VIRTIO_BLK_S_OK || sync)
		req_complete(r, status);
	else
		submit(r);
	return true;
}

static void handle_queue(VirtIODevice *vdev, VirtQueue *vq)
{
	VirtIOBlock *s = VIRTIO_BLK(vdev);
	VirtQueueElement *e;

	while ((e = virtqueue_pop(vq, sizeof(*e)))) {
		if (!handle_request(s, vq, e)) {
			g_free(e);
			return;
		}
	}
}

/* ---- config space and features ---- */

/* QEMU's guess for a disk without a partition table to go by: 16 heads, 63 sectors. */
static uint16_t cylinders(VirtIOBlock *s)
{
	return CLAMP(s->capacity / (16 * 63), 2, 16383);
}

static void blk_get_config(VirtIODevice *vdev, uint8_t *cfg)
{
	VirtIOBlock *s = VIRTIO_BLK(vdev);
	uint32_t lbs = s->logical_block_size;

	memset(cfg, 0, VIRTIO_BLK_CFG_SIZE);
	st64(cfg + VIRTIO_BLK_CFG_CAPACITY, s->capacity);
	st32(cfg + VIRTIO_BLK_CFG_SEG_MAX, s->seg_max_adjust ? s->queue_size - 2 : 128 - 2);
	st16(cfg + VIRTIO_BLK_CFG_CYLINDERS, cylinders(s));
	cfg[VIRTIO_BLK_CFG_HEADS] = 16;
	cfg[VIRTIO_BLK_CFG_SECTORS] = 63;
	st32(cfg + VIRTIO_BLK_CFG_BLK_SIZE, lbs);
	cfg[VIRTIO_BLK_CFG_PHYS_BLOCK_EXP] = __builtin_ctz(s->physical_block_size / lbs);
	st16(cfg + VIRTIO_BLK_CFG_MIN_IO_SIZE, s->min_io_size / lbs);
	st32(cfg + VIRTIO_BLK_CFG_OPT_IO_SIZE, s->opt_io_size / lbs);
	cfg[VIRTIO_BLK_CFG_WRITEBACK] = blk_enable_write_cache(s->blk);
	st16(cfg + VIRTIO_BLK_CFG_NUM_QUEUES, s->num_queues);
	st32(cfg + VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS, s->max_discard_sectors);
	st32(cfg + VIRTIO_BLK_CFG_MAX_DISCARD_SEG, 1);
	st32(cfg + VIRTIO_BLK_CFG_DISCARD_ALIGN, lbs / VIRTIO_BLK_SECTOR_SIZE);
	st32(cfg + VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SECTORS, s->max_write_zeroes_sectors);
	st32(cfg + VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SEG, 1);
	cfg[VIRTIO_BLK_CFG_WRITE_ZEROES_MAY_UNMAP] = 1;
}

/* Only writeback is writable; legacy drivers may write it before negotiating, so no check. */
static void blk_set_config(VirtIODevice *vdev, const uint8_t *cfg)
{
	VirtIOBlock *s = VIRTIO_BLK(vdev);

	if (s->config_wce)
		blk_set_enable_write_cache(s->blk, cfg[VIRTIO_BLK_CFG_WRITEBACK] != 0);
}

/* Spec 5.2.6.3: a driver that cannot flush (no FLUSH, no CONFIG_WCE) gets write-through. */
static void blk_set_status(VirtIODevice *vdev, uint8_t status)
{
	VirtIOBlock *s = VIRTIO_BLK(vdev);

	if (!(status & VIRTIO_CONFIG_S_DRIVER_OK) ||
	    virtio_vdev_has_feature(vdev, VIRTIO_BLK_F_CONFIG_WCE))
		return;
	blk_set_enable_write_cache(s->blk, virtio_vdev_has_feature(vdev, VIRTIO_BLK_F_FLUSH));
}

static uint64_t blk_get_features(VirtIODevice *vdev)
{
	VirtIOBlock *s = VIRTIO_BLK(vdev);
	uint64_t f = 1ULL << VIRTIO_BLK_F_SEG_MAX | 1ULL << VIRTIO_BLK_F_GEOMETRY |
		     1ULL << VIRTIO_BLK_F_TOPOLOGY | 1ULL << VIRTIO_BLK_F_BLK_SIZE;

	/* The spec wants FLUSH with CONFIG_WCE: the driver may turn the cache on. */
	if (blk_enable_write_cache(s->blk) || s->config_wce)
		f |= 1ULL << VIRTIO_BLK_F_FLUSH;
	if (s->config_wce)
		f |= 1ULL << VIRTIO_BLK_F_CONFIG_WCE;
	if (blk_is_read_only(s->blk))
		f |= 1ULL << VIRTIO_BLK_F_RO;
	if (s->num_queues > 1)
		f |= 1ULL << VIRTIO_BLK_F_MQ;
	if (s->discard)
		f |= 1ULL << VIRTIO_BLK_F_DISCARD;
	if (s->write_zeroes)
		f |= 1ULL << VIRTIO_BLK_F_WRITE_ZEROES;
	return f;
}

/* Requests still running finish first; held ones are dropped with the rings. */
static void blk_reset(VirtIODevice *vdev)
{
	VirtIOBlock *s = VIRTIO_BLK(vdev);

	blk_drain(s->blk);
	while (s->held) {
		BlkReq *r = s->held;
		s->held = r->next;
		req_free(r);
	}
	blk_set_enable_write_cache(s->blk, s->original_wce);
}

/* ---- realize ---- */

static bool check_queues(VirtIOBlock *s, Error **errp)
{
	if (s->num_queues == VIRTIO_BLK_AUTO_NUM_QUEUES)
		s->num_queues = 1;
	if (!s->num_queues) {
		error_setg(errp, "num-queues property must be larger than 0");
		return false;
	}
	if (s->num_queues > VIRTIO_QUEUE_MAX) {
		error_setg(errp, "num-queues property must be at most %d", VIRTIO_QUEUE_MAX);
		return false;
	}
	if (s->queue_size <= 2) {
		error_setg(errp, "invalid queue-size property (%" PRIu16 "), must be > 2",
			   s->queue_size);
		return false;
	}
	if ((s->queue_size & (s->queue_size - 1)) || s->queue_size > VIRTQUEUE_MAX_SIZE) {
		error_setg(errp,
			   "invalid queue-size property (%" PRIu16 "), must be a power of 2 "
			   "(max %d)",
			   s->queue_size, VIRTQUEUE_MAX_SIZE);
		return false;
	}
	return true;
}

/* QEMU's blkconf_blocksizes with a backend of 512-byte sectors. */
static bool check_block_sizes(VirtIOBlock *s, Error **errp)
{
	if (!s->logical_block_size)
		s->logical_block_size = VIRTIO_BLK_SECTOR_SIZE;
	if (!s->physical_block_size)
		s->physical_block_size = VIRTIO_BLK_SECTOR_SIZE;
	if (s->logical_block_size > s->physical_block_size) {
		error_setg(errp, "logical_block_size > physical_block_size not supported");
		return false;
	}
	if (s->min_io_size % s->logical_block_size) {
		error_setg(errp, "min_io_size must be a multiple of logical_block_size");
		return false;
	}
	if (s->opt_io_size % s->logical_block_size) {
		error_setg(errp, "opt_io_size must be a multiple of logical_block_size");
		return false;
	}
	return true;
}

static bool check_sector_limit(const char *name, uint32_t val, Error **errp)
{
	if (val && val <= VIRTIO_BLK_MAX_SECTORS)
		return true;
	error_setg(errp, "invalid %s property (%" PRIu32 "), must be between 1 and %d", name, val,
		   VIRTIO_BLK_MAX_SECTORS);
	return false;
}

/* block_resize: the new capacity, and a configuration change the driver hears of. */
static void blk_resized_cb(void *opaque)
{
	VirtIOBlock *s = opaque;
	int64_t len = blk_getlength(s->blk);

	if (len < 0 || (uint64_t)len / VIRTIO_BLK_SECTOR_SIZE == s->capacity)
		return;
	s->capacity = len / VIRTIO_BLK_SECTOR_SIZE;
	virtio_notify_config(VIRTIO_DEVICE(s));
}

static const BlockDevOps blk_dev_ops = { .resize_cb = blk_resized_cb };

static bool blk_realize(VirtIODevice *vdev, Error **errp)
{
	VirtIOBlock *s = VIRTIO_BLK(vdev);
	int64_t len;

	if (!s->blk) {
		error_setg(errp, "drive property not set");
		return false;
	}
	if (!blk_is_inserted(s->blk)) {
		error_setg(errp, "Device needs media, but drive is empty");
		return false;
	}
	if (!check_queues(s, errp))
		return false;
	if (s->write_cache != ON_OFF_AUTO_AUTO)
		blk_set_enable_write_cache(s->blk, s->write_cache == ON_OFF_AUTO_ON);
	s->original_wce = blk_enable_write_cache(s->blk);
	if (!check_block_sizes(s, errp) ||
	    (s->discard &&
	     !check_sector_limit("max-discard-sectors", s->max_discard_sectors, errp)) ||
	    (s->write_zeroes &&
	     !check_sector_limit("max-write-zeroes-sectors", s->max_write_zeroes_sectors, errp)))
		return false;
	len = blk_getlength(s->blk);
	if (len < 0) {
		error_setg_errno(errp, -len, "Could not get the size of drive '%s'",
				 blk_name(s->blk));
		return false;
	}
	s->capacity = len / VIRTIO_BLK_SECTOR_SIZE;
	blk_iostatus_enable(s->blk);
	blk_set_dev_ops(s->blk, &blk_dev_ops, s);
	virtio_init(vdev, "virtio-blk", VIRTIO_ID_BLOCK, VIRTIO_BLK_CFG_SIZE);
	for (unsigned i = 0; i < s->num_queues; i++)
		virtio_add_queue(vdev, s->queue_size, handle_queue);
	qemu_add_vm_change_state_handler(resume_held, s);
	return true;
}

static void blk_unrealize(VirtIODevice *vdev)
{
	VirtIOBlock *s = VIRTIO_BLK(vdev);

	blk_set_dev_ops(s->blk, NULL, NULL);
	blk_reset(vdev);
	qemu_del_vm_change_state_handler(resume_held, s);
}

static const Property blk_props[] = {
	PROP("drive", prop_info_drive, VirtIOBlock, blk),
	PROP("serial", prop_info_string, VirtIOBlock, serial),
	PROP("config-wce", prop_info_bit, VirtIOBlock, config_wce, PROP_DEFAULT_U(true)),
	PROP("write-cache", prop_info_on_off_auto, VirtIOBlock, write_cache,
	     PROP_DEFAULT_I(ON_OFF_AUTO_AUTO)),
	PROP("logical_block_size", prop_info_blocksize, VirtIOBlock, logical_block_size,
	     PROP_DEFAULT_U(0)),
	PROP("physical_block_size", prop_info_blocksize, VirtIOBlock, physical_block_size,
	     PROP_DEFAULT_U(0)),
	PROP("min_io_size", prop_info_size, VirtIOBlock, min_io_size, PROP_DEFAULT_U(0),
	     .max = UINT32_MAX),
	PROP("opt_io_size", prop_info_size, VirtIOBlock, opt_io_size, PROP_DEFAULT_U(0),
	     .max = UINT32_MAX),
	PROP("discard", prop_info_bit, VirtIOBlock, discard, PROP_DEFAULT_U(true)),
	PROP("write-zeroes", prop_info_bit, VirtIOBlock, write_zeroes, PROP_DEFAULT_U(true)),
	PROP("max-discard-sectors", prop_info_uint32, VirtIOBlock, max_discard_sectors,
	     PROP_DEFAULT_U(VIRTIO_BLK_MAX_SECTORS)),
	PROP("max-write-zeroes-sectors", prop_info_uint32, VirtIOBlock, max_write_zeroes_sectors,
	     PROP_DEFAULT_U(VIRTIO_BLK_MAX_SECTORS)),
	PROP("num-queues", prop_info_uint16, VirtIOBlock, num_queues,
	     PROP_DEFAULT_U(VIRTIO_BLK_AUTO_NUM_QUEUES)),
	PROP("queue-size", prop_info_uint16, VirtIOBlock, queue_size, PROP_DEFAULT_U(256)),
	PROP("seg-max-adjust", prop_info_bool, VirtIOBlock, seg_max_adjust, PROP_DEFAULT_U(true),
	     .description = ""),
	PROP_END,
};

/* Requests held by werror/rerror=stop are not saved: savevm waits until there are none. */
static int blk_pre_save(void *opaque)
{
	VirtIOBlock *s = opaque;

	if (s->held)
		return -EBUSY;
	s->vm_wce = blk_enable_write_cache(s->blk);
	return 0;
}

static int blk_post_load(void *opaque)
{
	VirtIOBlock *s = opaque;

	blk_set_enable_write_cache(s->blk, s->vm_wce);
	return 0;
}

static const VMStateDescription vmstate_virtio_blk = {
	.name = "virtio-blk",
	.version = 1,
	.pre_save = blk_pre_save,
	.post_load = blk_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_VIRTIO_DEVICE(VirtIOBlock),
		VMSTATE_BOOL(vm_wce, VirtIOBlock),
		VMSTATE_END,
	    },
};

static void blk_class_init(ObjectClass *klass, const void *data)
{
	DeviceClass *dc = DEVICE_CLASS(klass);

	dc->vmsd = &vmstate_virtio_blk;
	VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

	dc->user_creatable = true;
	dc->categories = 1u << DEVICE_CATEGORY_STORAGE;
	vdc->realize = blk_realize;
	vdc->unrealize = blk_unrealize;
	vdc->get_features = blk_get_features;
	vdc->get_config = blk_get_config;
	vdc->set_config = blk_set_config;
	vdc->set_status = blk_set_status;
	vdc->reset = blk_reset;
	object_class_add_props(klass, blk_props);
}

static void blk_register_types(void)
{
	/* SCSI storage: the class QEMU gives it */
	static const VirtIOPCITypeInfo pci_info = {
		.name = "virtio-blk-pci",
		.alias = "virtio-blk",
		.vdev_type = TYPE_VIRTIO_BLK,
		.class_id = 0x0100,
		.transitional_id = 0x1001,
		.category = DEVICE_CATEGORY_STORAGE,
	};
	static const TypeInfo info = {
		.name = TYPE_VIRTIO_BLK,
		.parent = TYPE_VIRTIO_DEVICE,
		.instance_size = sizeof(VirtIOBlock),
		.class_init = blk_class_init,
	};
	type_register(&info);
	virtio_pci_register_type(&pci_info);
}
type_init(blk_register_types)
