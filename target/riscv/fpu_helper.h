// SPDX-License-Identifier: GPL-2.0-or-later
/* The floating-point operations translated code can ask helper_fp for, with their shapes. */
#ifndef TARGET_RISCV_FPU_HELPER_H
#define TARGET_RISCV_FPU_HELPER_H

typedef enum FPOp {
	FP_ADD_S,
	FP_SUB_S,
	FP_MUL_S,
	FP_DIV_S,
	FP_SQRT_S,
	FP_MIN_S,
	FP_MAX_S,
	FP_MADD_S,
	FP_MSUB_S,
	FP_NMSUB_S,
	FP_NMADD_S,
	FP_SGNJ_S,
	FP_SGNJN_S,
	FP_SGNJX_S,
	FP_EQ_S,
	FP_LT_S,
	FP_LE_S,
	FP_CLASS_S,
	FP_CVT_W_S,
	FP_CVT_WU_S,
	FP_CVT_L_S,
	FP_CVT_LU_S,
	FP_CVT_S_W,
	FP_CVT_S_WU,
	FP_CVT_S_L,
	FP_CVT_S_LU,
	FP_ADD_D,
	FP_SUB_D,
	FP_MUL_D,
	FP_DIV_D,
	FP_SQRT_D,
	FP_MIN_D,
	FP_MAX_D,
	FP_MADD_D,
	FP_MSUB_D,
	FP_NMSUB_D,
	FP_NMADD_D,
	FP_SGNJ_D,
	FP_SGNJN_D,
	FP_SGNJX_D,
	FP_EQ_D,
	FP_LT_D,
	FP_LE_D,
	FP_CLASS_D,
	FP_CVT_W_D,
	FP_CVT_WU_D,
	FP_CVT_L_D,
	FP_CVT_LU_D,
	FP_CVT_D_W,
	FP_CVT_D_WU,
	FP_CVT_D_L,
	FP_CVT_D_LU,
	FP_CVT_S_D,
	FP_CVT_D_S,
	FP_NB_OPS
} FPOp;

/* Shape flags: what an op reads and writes and whether it rounds. */
#define FPF_RM	    1  /* uses the rounding mode (instruction rm field or frm) */
#define FPF_RD_INT  2  /* result goes to an integer register */
#define FPF_RS1_INT 4  /* first operand comes from an integer register */
#define FPF_RS3	    8  /* fused multiply-add: three operands */
#define FPF_UNARY   16 /* one operand */
#define FPF_D	    32 /* needs the D extension */

extern const uint8_t fp_op_flags[FP_NB_OPS];

#endif
