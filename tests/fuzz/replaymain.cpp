// SPDX-License-Identifier: GPL-3.0-or-later
// main() for a fuzz target outside the fuzz build: runs every file given (or every file below a folder given) once
// through LLVMFuzzerTestOneInput, so the corpus and the crash inputs kept with it are replayed by ctest under gcc
// and under the asan preset. libFuzzer's own main replaces this in the fuzz build.
#include "fuzzsupport.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

int main(int argc, char **argv)
{
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        QStringList inputs;
        if (QFileInfo(path).isDir()) {
            QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                inputs.append(it.next());
            inputs.sort();
        } else {
            inputs.append(path);
        }
        for (const QString &input : std::as_const(inputs)) {
            QFile file(input);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "replay: cannot read %s: %s\n", qPrintable(input), qPrintable(file.errorString()));
                return 2;
            }
            const QByteArray data = file.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(data.constData()), size_t(data.size()));
            ++files;
        }
    }
    if (files == 0) {
        std::fprintf(stderr, "replay: no input files (give corpus folders or files)\n");
        return 2;
    }
    std::printf("replay: %d inputs ran without a finding\n", files);
    return 0;
}
