/* SPDX-License-Identifier: MIT */
/* main.c - fuyuan: court case exports into white-paper statistics. */
#include "fuyuan/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
