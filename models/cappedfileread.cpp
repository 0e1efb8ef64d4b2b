// SPDX-License-Identifier: GPL-3.0-or-later
#include "cappedfileread.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <utility>

namespace gw {

namespace {

QString kindOf(const QFileInfo &info)
{
    if (info.isDir())
        return QStringLiteral("a directory");
    // QFileInfo has no finer type than "not a file, not a directory": FIFOs, sockets and devices.
    return QStringLiteral("a device, FIFO or socket");
}

} // namespace

QString formatFileSize(qint64 bytes)
{
    // Whole KiB/MiB/GiB when exact, so a limit reads "10 MiB"; otherwise one decimal.
    for (const auto &[unit, factor] : {std::pair{"GiB", qint64(1) << 30}, {"MiB", qint64(1) << 20}, {"KiB", 1024}}) {
        if (bytes >= factor && bytes % factor == 0)
            return QString::number(bytes / factor) + QLatin1Char(' ') + QLatin1String(unit);
    }
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

CappedFileRead readCappedRegularFile(const QString &path, qint64 cap, const QString &description)
{
    const auto fail = [&](const QString &problem) {
        return CappedFileRead{{}, QStringLiteral("Cannot read %1 at \"%2\": %3.").arg(description, path, problem)};
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(QStringLiteral("it does not exist; check the path"));
    if (!info.isFile()) {
        return fail(QStringLiteral("it is %1, not a regular file; name a regular file instead").arg(kindOf(info)));
    }
    const QString tooLarge = QStringLiteral("it is larger than the %1 limit for this file; check that the path "
                                            "names the right file")
                                 .arg(formatFileSize(cap));
    if (info.size() > cap)
        return fail(QStringLiteral("it is %1 bytes, larger than the %2 limit for this file; check that the path "
                                   "names the right file")
                        .arg(QString::number(info.size()), formatFileSize(cap)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    // The path may have been replaced between the check and open(): isSequential() asks the open
    // descriptor itself whether it is a regular file.
    if (file.isSequential())
        return fail(QStringLiteral("it is not a regular file; name a regular file instead"));
    QByteArray data = file.read(cap + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(file.errorString());
    if (data.size() > cap)
        return fail(tooLarge);
    return CappedFileRead{std::move(data), {}};
}

} // namespace gw
