// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The human monitor's integer expressions (print, x, xp): numbers in C's bases, 'c'
 * characters, unary + - ~, * / %, & | ^, + -, parentheses, with QEMU's precedence and its
 * error texts. Registers ($reg) are unknown to it, as they are to QEMU 7.2's riscv64 monitor.
 */
#ifndef MONITOR_HMP_EXPR_H
#define MONITOR_HMP_EXPR_H

#include <stdint.h>

/*
 * Evaluates the expression at *p, leaving *p after it (at what is left of the line); NULL on
 * success, else the error text ("division by zero", "unexpected end of expression", ...).
 */
const char *hmp_eval_expr(const char **p, uint64_t *val);

#endif
