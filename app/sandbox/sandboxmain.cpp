// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return 1; // the sandbox server lands with issue "gatewright-sandbox (1 of 2)"
}
