// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * I/O statistics of a disk as QMP's query-blockstats reports them: per kind of request
 * (read, write, flush, unmap) the bytes, the operations that succeeded, failed or were
 * refused as invalid, and the time they took; the highest offset written; when the disk was
 * last used. Backends count what their device asks; nodes only the highest offset written.
 */
#ifndef BLOCK_ACCOUNTING_H
#define BLOCK_ACCOUNTING_H

#include <stdbool.h>
#include <stdint.h>
#include "qom/qvalue.h"

typedef enum {
	BLOCK_ACCT_READ,
	BLOCK_ACCT_WRITE,
	BLOCK_ACCT_FLUSH,
	BLOCK_ACCT_UNMAP,
	BLOCK_ACCT_KINDS,
} BlockAcctType;

typedef struct BlockAcctStats {
	uint64_t bytes[BLOCK_ACCT_KINDS], ops[BLOCK_ACCT_KINDS];
	uint64_t failed[BLOCK_ACCT_KINDS], invalid[BLOCK_ACCT_KINDS];
	uint64_t total_time_ns[BLOCK_ACCT_KINDS];
	uint64_t wr_highest_offset;
	int64_t last_access_ns;		      /* 0: never used */
	bool account_invalid, account_failed; /* whether those count as uses of the disk */
} BlockAcctStats;

/* A request that started at start_ns (block_acct_now()) has ended, well or not. */
void block_acct_done(BlockAcctStats *s, BlockAcctType type, int64_t offset, uint64_t bytes,
		     int64_t start_ns, bool failed);
/* A request the device refused before it reached the disk. */
void block_acct_invalid(BlockAcctStats *s, BlockAcctType type);
int64_t block_acct_now(void);
/* QAPI's BlockDeviceStats. */
QValue block_acct_to_qvalue(const BlockAcctStats *s);

#endif
