// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace reader (models/workspacefile): any bytes give a Workspace or errors, never a crash; a workspace it
// accepts is written and read back to the same bytes (the format promises that a saved file reads back).
#include "fuzzsupport.h"

#include "workspacefile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const gw::WorkspaceReadResult result = gw::WorkspaceFile::fromJson(gw::fuzz::bytes(data, size));
    if (result.ok() != result.errors.isEmpty())
        gw::fuzz::fail("a workspace is set exactly when there are no errors");
    if (!result.ok()) {
        (void)result.errorString();
        return 0;
    }
    const QByteArray written = gw::WorkspaceFile::toJson(*result.workspace);
    const gw::WorkspaceReadResult again = gw::WorkspaceFile::fromJson(written);
    if (!again.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(again.errorString()));
        gw::fuzz::fail("a workspace that was read could not be read back after writing it");
    }
    if (gw::WorkspaceFile::toJson(*again.workspace) != written)
        gw::fuzz::fail("writing a workspace read back from its own file gave other bytes");
    return 0;
}
