// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

namespace gw {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
}

} // namespace gw
