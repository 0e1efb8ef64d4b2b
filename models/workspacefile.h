// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"
#include "workspaceerror.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace gw {

/// What reading a workspace file gives: a Workspace, or the reasons there is none.
/// `workspace` is set exactly when `errors` is empty.
struct WorkspaceReadResult
{
    std::optional<Workspace> workspace;
    QList<WorkspaceError> errors;

    bool ok() const { return workspace.has_value(); }
    /// Every error on its own line.
    QString errorString() const { return WorkspaceError::join(errors); }
};

/// The `*.gatewright.json` file (docs/workspace-format.md): a versioned schema written with a
/// fixed key order, 2-space indent and a trailing newline, so that a saved file diffs cleanly and
/// reading then writing it gives the same bytes. Secrets appear only as keychain references.
///
/// Reading never touches a Workspace the caller already holds: it returns a new one or errors.
namespace WorkspaceFile {

inline constexpr QLatin1String FormatName{"gatewright-workspace"};
/// The schema version this build reads and writes.
inline constexpr int SchemaVersion = Workspace::SchemaVersion;
/// Files above this size are refused before parsing.
inline constexpr qint64 MaxFileSize = 10 * 1024 * 1024;
/// Arrays and objects nested deeper than this are refused before parsing (the schema needs 5).
inline constexpr int MaxNestingDepth = 32;
/// At most this many errors are listed; one more line says how many were left out.
inline constexpr int MaxReportedErrors = 50;

/// The file's bytes (UTF-8, no BOM). Writes what it is given; it does not validate.
QByteArray toJson(const Workspace &workspace);

/// Parses and validates everything: syntax (with line and column), size and nesting limits,
/// plaintext secrets, format and schema version, types, required fields, enum values, then the
/// values and cross-references that WorkspaceValidator checks.
WorkspaceReadResult fromJson(const QByteArray &json);

/// fromJson() on a file's contents; a file that cannot be read gives one error naming it.
WorkspaceReadResult read(const QString &path);

/// Validates, then writes atomically (QSaveFile): on any failure the file at `path` is left as it
/// was, false is returned and `*error` says why. A workspace that validate() rejects is not written,
/// so that every file Gatewright writes, Gatewright can read back.
bool write(const Workspace &workspace, const QString &path, QString *error);

} // namespace WorkspaceFile

} // namespace gw
