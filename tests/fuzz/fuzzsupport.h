// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the fuzz targets: libFuzzer calls LLVMFuzzerTestOneInput with each input. The same files build
// against replaymain.cpp in the normal test build, where they read their corpus once (a regression test).

#include <QByteArray>
#include <QCoreApplication>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace gw::fuzz {

/// A QCoreApplication for code that expects one (QNetworkAccessManager, QObject timers), made once per process.
inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "gatewright-fuzz";
    static char *argv[] = {name, nullptr};
    if (!QCoreApplication::instance())
        new QCoreApplication(argc, argv); // lives until the process ends, as libFuzzer never returns
}

/// Ends the run as a finding when a property of the code under test does not hold (not a crash, but as bad).
[[noreturn]] inline void fail(const char *what)
{
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace gw::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
