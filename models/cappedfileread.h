// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace gw {

/// What readCappedRegularFile() returns: the bytes, or a sentence that names the file, says what is
/// wrong and what to do. `error` is empty on success.
struct CappedFileRead
{
    QByteArray data;
    QString error;

    bool ok() const { return error.isEmpty(); }
};

/// Reads the whole of `path` when it is a regular file (or a link to one) of at most `cap` bytes.
/// Devices (/dev/zero), FIFOs, sockets and directories are refused before they are opened, so a
/// read never blocks on a FIFO nor grows without end; a file that grows past `cap` while it is read
/// is refused too (at most `cap` + 1 bytes are read). `description` names the file in messages,
/// for example "the CA certificate file of environment \"prod\"".
CappedFileRead readCappedRegularFile(const QString &path, qint64 cap, const QString &description);

/// `bytes` in the unit a person reads best ("512 bytes", "64 KiB", "10 MiB", "5.4 GiB").
QString formatFileSize(qint64 bytes);

} // namespace gw
