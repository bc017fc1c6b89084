// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Asynchronous block requests for devices. Reads and writes of a disk whose file has a host
 * I/O engine (aio=io_uring|native, block/aio-engine.h) go straight to it; every other request
 * is the synchronous blk_* call run on an I/O worker (qemu/thread-pool.h). Completions run on
 * the main thread, where the device completes the guest's request. Drains wait for a
 * backend's requests; a VM stop drains and flushes every backend, as QEMU's does, so a stopped
 * guest has no I/O moving under it. The error actions (the BLOCK_IO_ERROR event, stopping in
 * the io-error state) are here too.
 */
#include "qemu/osdep.h"
#include "qemu/thread-pool.h"
#include "qemu/aio-wait.h"
#include "qemu/main-loop.h"
#include "block/block_int.h"
#include "block/accounting.h"
#include "monitor/monitor.h"
#include "sysemu/runstate.h"

typedef enum { AIO_READ, AIO_WRITE, AIO_FLUSH, AIO_DISCARD, AIO_WRITE_ZEROES } AioOp;

typedef struct BlkAioReq {
	BlockBackend *blk;
	AioOp op;
	int64_t offset, bytes;
	const struct iovec *iov;
	int niov;
	bool write_through, may_unmap;
	BlockCompletionFunc *cb;
	void *opaque;
	BlockAcctType acct; /* what query-blockstats counts it as */
	uint64_t acct_bytes;
	int64_t start_ns;
} BlkAioReq;

/* On the worker. */
static int aio_run(void *opaque)
{
	BlkAioReq *r = opaque;

	switch (r->op) {
	case AIO_READ:
		return blk_preadv(r->blk, r->offset, r->iov, r->niov);
	case AIO_WRITE:
		return blk_pwritev_flush(r->blk, r->offset, r->iov, r->niov, r->write_through);
	case AIO_FLUSH:
		return blk_flush(r->blk);
	case AIO_DISCARD:
		return blk_pdiscard(r->blk, r->offset, r->bytes);
	default:
		return blk_pwrite_zeroes_flush(r->blk, r->offset, r->bytes, r->may_unmap,
					       r->write_through);
	}
}

/*
 * As QEMU counts: a failure the drive's werror/rerror stops on is not counted (it is tried
 * again), one it ignores counts as done, one it reports as failed.
 */
static void account(BlkAioReq *r, int ret)
{
	BlockErrorAction action = ret < 0 ? blk_get_error_action(r->blk, r->op == AIO_READ, ret)
					  : BLOCK_ERROR_ACTION_IGNORE;

	if (action == BLOCK_ERROR_ACTION_STOP)
		return;
	block_acct_done(blk_get_stats(r->blk), r->acct, r->offset, r->acct_bytes, r->start_ns,
			ret < 0 && action == BLOCK_ERROR_ACTION_REPORT);
}

/* On the main thread. */
static void aio_done(void *opaque, int ret)
{
	BlkAioReq *r = opaque;

	blk_dec_in_flight(r->blk);
	account(r, ret);
	r->cb(r->opaque, ret);
	g_free(r);
}

static uint64_t iov_bytes(const struct iovec *iov, int niov)
{
	uint64_t n = 0;

	for (int i = 0; i < niov; i++)
		n += iov[i].iov_len;
	return n;
}

/* From the host I/O engine; write-through then flushes on a worker. */
static void aio_direct_done(void *opaque, int ret)
{
	BlkAioReq *r = opaque;

	if (ret == 0 && r->op == AIO_WRITE && r->write_through) {
		r->op = AIO_FLUSH;
		thread_pool_submit(aio_run, aio_done, r);
		return;
	}
	aio_done(r, ret);
}

static void aio_submit(BlkAioReq *tmpl)
{
	static const BlockAcctType kinds[] = {
		[AIO_READ] = BLOCK_ACCT_READ,	       [AIO_WRITE] = BLOCK_ACCT_WRITE,
		[AIO_FLUSH] = BLOCK_ACCT_FLUSH,	       [AIO_DISCARD] = BLOCK_ACCT_UNMAP,
		[AIO_WRITE_ZEROES] = BLOCK_ACCT_WRITE, /* as QEMU's virtio-blk counts it */
	};
	BlkAioReq *r = g_memdup2(tmpl, sizeof(*r));

	r->acct = kinds[r->op];
	r->acct_bytes = r->iov ? iov_bytes(r->iov, r->niov) : (uint64_t)r->bytes;
	r->start_ns = block_acct_now();
	blk_inc_in_flight(r->blk);
	if ((r->op == AIO_READ || r->op == AIO_WRITE) &&
	    blk_aio_rw_direct(r->blk, r->op == AIO_WRITE, r->offset, r->iov, r->niov,
			      aio_direct_done, r))
		return;
	thread_pool_submit(aio_run, aio_done, r);
}

void blk_aio_preadv(BlockBackend *blk, int64_t offset, const struct iovec *iov, int niov,
		    BlockCompletionFunc *cb, void *opaque)
{
	aio_submit(&(BlkAioReq){ .blk = blk,
				 .op = AIO_READ,
				 .offset = offset,
				 .iov = iov,
				 .niov = niov,
				 .cb = cb,
				 .opaque = opaque });
}

void blk_aio_pwritev(BlockBackend *blk, int64_t offset, const struct iovec *iov, int niov,
		     BlockCompletionFunc *cb, void *opaque)
{
	aio_submit(&(BlkAioReq){ .blk = blk,
				 .op = AIO_WRITE,
				 .offset = offset,
				 .iov = iov,
				 .niov = niov,
				 .write_through = !blk_enable_write_cache(blk),
				 .cb = cb,
				 .opaque = opaque });
}

void blk_aio_flush(BlockBackend *blk, BlockCompletionFunc *cb, void *opaque)
{
	aio_submit(&(BlkAioReq){ .blk = blk, .op = AIO_FLUSH, .cb = cb, .opaque = opaque });
}

void blk_aio_pdiscard(BlockBackend *blk, int64_t offset, int64_t bytes, BlockCompletionFunc *cb,
		      void *opaque)
{
	aio_submit(&(BlkAioReq){ .blk = blk,
				 .op = AIO_DISCARD,
				 .offset = offset,
				 .bytes = bytes,
				 .cb = cb,
				 .opaque = opaque });
}

void blk_aio_pwrite_zeroes(BlockBackend *blk, int64_t offset, int64_t bytes, bool may_unmap,
			   BlockCompletionFunc *cb, void *opaque)
{
	aio_submit(&(BlkAioReq){ .blk = blk,
				 .op = AIO_WRITE_ZEROES,
				 .offset = offset,
				 .bytes = bytes,
				 .may_unmap = may_unmap,
				 .write_through = !blk_enable_write_cache(blk),
				 .cb = cb,
				 .opaque = opaque });
}

void blk_drain(BlockBackend *blk)
{
	while (blk_in_flight(blk))
		aio_wait_poll(true);
}

static void drain_one(BlockBackend *blk, void *opaque)
{
	blk_drain(blk);
}

void blk_drain_all(void)
{
	blk_foreach(drain_one, NULL);
}

static void flush_one(BlockBackend *blk, void *opaque)
{
	int ret = blk_is_inserted(blk) && !blk_is_read_only(blk) ? blk_flush(blk) : 0;

	if (ret < 0)
		warn_report("Failed to flush '%s': %s", blk_name(blk), g_strerror(-ret));
}

/* A stop (monitor, debugger, io-error) leaves no request running and the images flushed. */
static void iostatus_reset(BlockBackend *blk, void *opaque)
{
	blk_iostatus_reset(blk);
}

static void vm_state_changed(void *opaque, bool running, RunState state)
{
	if (running) {
		blk_foreach(iostatus_reset, NULL); /* cont: the errors are retried */
		return;
	}
	blk_drain_all();
	blk_foreach(flush_one, NULL);
}

/* Drivers' housekeeping (qcow2's cache-clean-interval), once a second. */
static QEMUTimer *periodic_timer;

/* Runs only while some node has such work: an idle machine is not woken for nothing. */
static void periodic_tick(void *opaque)
{
	int64_t now = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

	if (bdrv_periodic_all(now))
		timer_mod(periodic_timer, now + NANOSECONDS_PER_SECOND);
}

static void periodic_start(void)
{
	if (!periodic_timer)
		periodic_timer = timer_new_ns(QEMU_CLOCK_REALTIME, periodic_tick, NULL);
	if (!timer_pending(periodic_timer))
		timer_mod(periodic_timer,
			  qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + NANOSECONDS_PER_SECOND);
}

__attribute__((constructor)) static void block_aio_init(void)
{
	qemu_add_vm_change_state_handler(vm_state_changed, NULL);
	bdrv_periodic_wanted = periodic_start;
}

static const char *const action_names[] = {
	[BLOCK_ERROR_ACTION_REPORT] = "report",
	[BLOCK_ERROR_ACTION_IGNORE] = "ignore",
	[BLOCK_ERROR_ACTION_STOP] = "stop",
};

void blk_error_action(BlockBackend *blk, BlockErrorAction action, bool is_read, int error)
{
	BlockDriverState *bs = blk_root(blk);
	QValue data = qv_dict();

	if (error < 0)
		error = -error;
	/* A -blockdev node's backend has no device name: QEMU reports "" and the node. */
	qv_dict_put(&data, "device", qv_str(blk_is_node_backend(blk) ? "" : blk_name(blk)));
	if (bs)
		qv_dict_put(&data, "node-name", qv_str(bs->node_name));
	qv_dict_put(&data, "operation", qv_str(is_read ? "read" : "write"));
	qv_dict_put(&data, "action", qv_str(action_names[action]));
	/* QEMU tracks an I/O status, and says whether the disk was full, only where it may stop */
	if (blk_may_stop(blk))
		qv_dict_put(&data, "nospace", qv_bool(error == ENOSPC));
	qv_dict_put(&data, "reason", qv_str(g_strerror(error)));
	qv_order_as_qdict(&data);
	qmp_event_send("BLOCK_IO_ERROR", &data);
	if (action == BLOCK_ERROR_ACTION_STOP) {
		blk_iostatus_set_err(blk, error);
		qemu_system_vmstop_request(RUN_STATE_IO_ERROR);
	}
}
