// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QList>
#include <QString>

class QLabel;

namespace gw::ItemValidation {

/// A field of the item as the file names it ("inboundAuth/scopes") and as the dialog labels it ("Scopes").
struct FieldLabel
{
    QString field;
    QString label;
};

/// The first problem WorkspaceValidator finds under `pointer` (e.g. "/proxies/6") in `candidate`, worded for a
/// dialog with its own labels ("Scopes (item 2): ..."), or an empty string. A field without a label keeps its
/// path in the file. The dialogs run it after their own checks so that whatever they accept can be saved.
QString firstProblemAt(const Workspace &candidate, const QString &pointer, const QList<FieldLabel> &labels = {});

/// A form label's text as a field name in a sentence: "&Routing endpoint:" gives "Routing endpoint".
QString labelText(const QLabel *label);

} // namespace gw::ItemValidation
