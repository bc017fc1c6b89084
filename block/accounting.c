// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Disk I/O statistics (include/block/accounting.h), kept on the main thread where requests
 * complete, and shown with QAPI's BlockDeviceStats keys.
 */
#include "qemu/osdep.h"
#include <time.h>
#include "block/accounting.h"

int64_t block_acct_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void block_acct_done(BlockAcctStats *s, BlockAcctType type, int64_t offset, uint64_t bytes,
		     int64_t start_ns, bool failed)
{
	int64_t now = block_acct_now();

	if (failed) {
		s->failed[type]++;
		if (!s->account_failed)
			return;
	} else {
		s->ops[type]++;
		s->bytes[type] += bytes;
		if (type == BLOCK_ACCT_WRITE && offset + bytes > s->wr_highest_offset)
			s->wr_highest_offset = offset + bytes;
	}
	s->total_time_ns[type] += now - start_ns;
	s->last_access_ns = now;
}

void block_acct_invalid(BlockAcctStats *s, BlockAcctType type)
{
	s->invalid[type]++;
	if (s->account_invalid)
		s->last_access_ns = block_acct_now();
}

static void put_kind(QValue *d, const BlockAcctStats *s, BlockAcctType t, const char *p)
{
	g_autofree char *bytes = g_strdup_printf("%s_bytes", p);
	g_autofree char *ops = g_strdup_printf("%s_operations", p);
	g_autofree char *time = g_strdup_printf("%s_total_time_ns", p);
	g_autofree char *failed = g_strdup_printf("failed_%s_operations", p);
	g_autofree char *invalid = g_strdup_printf("invalid_%s_operations", p);

	if (t != BLOCK_ACCT_FLUSH)
		qv_dict_put(d, bytes, qv_uint(s->bytes[t]));
	qv_dict_put(d, ops, qv_uint(s->ops[t]));
	qv_dict_put(d, time, qv_uint(s->total_time_ns[t]));
	qv_dict_put(d, failed, qv_uint(s->failed[t]));
	qv_dict_put(d, invalid, qv_uint(s->invalid[t]));
	if (t != BLOCK_ACCT_FLUSH) {
		g_autofree char *merged = g_strdup_printf("%s_merged", p);
		qv_dict_put(d, merged, qv_uint(0)); /* requests are never merged */
	}
}

QValue block_acct_to_qvalue(const BlockAcctStats *s)
{
	static const char *const names[] = { "rd", "wr", "flush", "unmap" };
	QValue d = qv_dict();

	for (int t = 0; t < BLOCK_ACCT_KINDS; t++)
		put_kind(&d, s, t, names[t]);
	qv_dict_put(&d, "wr_highest_offset", qv_uint(s->wr_highest_offset));
	if (s->last_access_ns)
		qv_dict_put(&d, "idle_time_ns", qv_uint(block_acct_now() - s->last_access_ns));
	qv_dict_put(&d, "account_invalid", qv_bool(s->account_invalid));
	qv_dict_put(&d, "account_failed", qv_bool(s->account_failed));
	qv_dict_put(&d, "timed_stats", qv_list());
	qv_order_as_qdict(&d);
	return d;
}
